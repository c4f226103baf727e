import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2
import TokenCrypto
import TokenService

private let hostNow: Int64 = 1_700_000_000

/// Challenge bytes that change on every call, so no stale answer can match.
private final class CountingRandom: RandomSource, @unchecked Sendable {
  // One instance per test, used from one task.
  private var counter: UInt8 = 0
  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    counter &+= 1
    return (0..<count).map { UInt8(truncatingIfNeeded: $0) ^ counter }
  }
}

private func simulated(serial: String? = nil) -> SimulatedToken2 {
  SimulatedToken2(
    configuration: .init(model: .c302i, serial: serial), clock: { hostNow },
    random: CountingRandom())
}

private func service(_ connector: InMemoryConnector) -> TokenService<Token2Family> {
  TokenService(connector: connector, family: Token2Family(clock: { hostNow }))
}

private let seed = Secret(Array("a seed for the service".utf8))

/// `TokenService` over in-memory cards: which session each operation opens, that the family
/// driver runs on it, that it is closed, and what a failure reports.
@Suite("TokenService: family A over the card port")
struct TokenServiceTests {
  @Test("identify opens a shared session on the named reader, reads the token and closes it")
  func identify() throws {
    let token = simulated()
    let connector = InMemoryConnector(RecordingTransport(wrapping: AppletTransport(applet: token)))
    let identity = try service(connector).identify(.named("Reader 0"))
    #expect(identity.family == .token2FamilyA)
    #expect(identity.serial == token.serial)
    #expect(identity.model == .c302i)
    #expect(connector.connects.map(\.reader) == [.named("Reader 0")])
    #expect(connector.connects.map(\.access) == [.read])
    #expect(connector.openSessions == 0)
    #expect(token.counters.authenticateCommands == 0)
    #expect(!token.holdsSeed(of: seed))
  }

  @Test("burn opens an exclusive session, checks the identified token, writes the seed")
  func burn() throws {
    let token = simulated()
    let recorder = RecordingTransport(wrapping: AppletTransport(applet: token))
    let connector = InMemoryConnector(recorder)
    var stages: [BurnStage] = []
    let report = try service(connector).burn(
      BurnRequest(secret: seed), on: .choose(nil), expectedSerial: token.serial
    ) { stages.append($0) }
    #expect(report.state == .burned)
    #expect(token.holdsSeed(of: seed))
    #expect(connector.connects.map(\.access) == [.write])
    #expect(connector.connects.map(\.reader) == [.choose(nil)])
    #expect(connector.openSessions == 0)
    // The identify of the expected token, then the burn's own six APDUs, in one session.
    #expect(recorder.commands.map(\.ins) == [0x41, 0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x41])
    #expect(stages == [.readInfo, .authenticate, .writeConfig, .writeSeed, .verify])
  }

  @Test("a burn for another token than the one identified sends nothing but GET INFO")
  func burnRefusesAnotherToken() {
    let token = simulated(serial: "8659632000777")
    let recorder = RecordingTransport(wrapping: AppletTransport(applet: token))
    let connector = InMemoryConnector(recorder)
    #expect {
      _ = try service(connector).burn(
        BurnRequest(secret: seed), on: .named("Reader 0"), expectedSerial: "8659632000001")
    } throws: { error in
      guard case .token(let failure) = error as? TokenServiceFailure<Token2Failure>,
        case .differentToken("8659632000001", "8659632000777", .unchanged) = failure
      else { return false }
      return true
    }
    #expect(recorder.commands.map(\.ins) == [0x41])
    #expect(token.counters.authenticateCommands == 0)
    #expect(connector.openSessions == 0)
  }

  @Test("a different token after the burn's reconnect is refused with what the first holds")
  func differentTokenAfterReconnect() {
    let first = simulated(serial: "8659632000001")
    let second = simulated(serial: "8659632000002")
    // APDU 4 of the burn is WRITE CONFIG: executed on the first token, its answer lost.
    let connector = InMemoryConnector(SwappingTransport(first: first, second: second, dropAt: 4))
    #expect {
      _ = try service(connector).burn(BurnRequest(secret: seed), on: .choose(nil))
    } throws: { error in
      guard case .token(let failure) = error as? TokenServiceFailure<Token2Failure>,
        case .differentToken("8659632000001", "8659632000002", let state) = failure
      else { return false }
      // C302-i keeps its seed when its settings are written: unchanged, or new settings.
      return state == .possibly([.unchanged, .configWrittenOldSeedKept])
    }
    #expect(second.counters.authenticateCommands == 0)
    #expect(!second.holdsSeed(of: seed) && !first.holdsSeed(of: seed))
    #expect(connector.openSessions == 0)
  }

  @Test("a lost AUTHENTICATE answer ends the burn: one attempt, no reconnect")
  func lostAuthenticateAnswer() {
    let token = simulated()
    // With the identify first: GET INFO, GET INFO, GET CHALLENGE, AUTHENTICATE (4).
    let faulty = FaultInjectingTransport(
      wrapping: AppletTransport(applet: token),
      fault: LinkFaultPlan(commandIndex: 4, commandReachesCard: true))
    let connector = InMemoryConnector(faulty)
    #expect {
      _ = try service(connector).burn(
        BurnRequest(secret: seed), on: .choose("ACS"), expectedSerial: token.serial)
    } throws: { error in
      guard
        case .token(.authenticationAnswerLost(.unchanged)) =
          error as? TokenServiceFailure<Token2Failure>
      else { return false }
      return true
    }
    #expect(token.counters.authenticateCommands == 1)
    #expect(faulty.reconnectCount == 0)
    #expect(connector.openSessions == 0)
  }

  @Test("a reader that cannot be opened is a connect failure with the driver's sentence")
  func connectFailure() {
    let token = simulated()
    let failure = ConnectFailure(.readerBusy("held"), sentence: "Another program holds it.")
    let connector = InMemoryConnector(AppletTransport(applet: token), failure: failure)
    #expect {
      _ = try service(connector).burn(BurnRequest(secret: seed), on: .choose(nil))
    } throws: { error in
      guard case .connect(let found) = error as? TokenServiceFailure<Token2Failure> else {
        return false
      }
      return found == failure
    }
    #expect(token.counters.authenticateCommands == 0)
  }

  @Test("read back finds the same token, and refuses another one")
  func readBack() throws {
    let token = simulated()
    let connector = InMemoryConnector(AppletTransport(applet: token))
    let again = try service(connector).readBack(.named("R"), expectedSerial: token.serial)
    #expect(again.serial == token.serial)
    #expect(connector.connects.map(\.access) == [.read])
    #expect {
      _ = try service(connector).readBack(.named("R"), expectedSerial: "8659632000999")
    } throws: { error in
      guard
        case .token(.differentToken(_, _, .unchanged)) =
          error as? TokenServiceFailure<Token2Failure>
      else { return false }
      return true
    }
    #expect(connector.openSessions == 0)
  }
}
