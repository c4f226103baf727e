import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2

/// Refusals and wrong cards (protocol note §4.4, §4.7, §4.8, §7).
@Suite("Burn: refusals and wrong cards")
struct BurnFailureTests {
  let wrongKey = Token2Key(bytes: [UInt8](repeating: 0x5A, count: 16))!

  @Test(
    "Wrong key: 69 83, exactly one AUTHENTICATE, nothing written",
    arguments: [Token2Model.c302i, .otpcP2i])
  func wrongKey(model: Token2Model) {
    let bench = Bench(.init(model: model))
    #expect(throws: Token2Failure.tokenRefusedKey(state: .unchanged)) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20), key: wrongKey))
    }
    #expect(bench.authenticateCount == 1)
    #expect(bench.recorder.count(ins: 0xCE) == 1)
    #expect(bench.recorder.commands.count == 3)
    #expect(bench.token.counters.configWrites == 0)
    #expect(bench.token.holdsSeed(of: bench.token.configuration.factorySeed!))
  }

  @Test("Locked token: refused even with the right key, one AUTHENTICATE per burn")
  func locked() throws {
    let bench = Bench(.init(lockAfterFailedAuthentications: 1))
    #expect(throws: Token2Failure.tokenRefusedKey(state: .unchanged)) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20), key: wrongKey))
    }
    #expect(bench.token.isLocked)
    let failure = #expect(throws: Token2Failure.self) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20)))
    }
    #expect(failure == .tokenRefusedKey(state: .unchanged))
    #expect(bench.authenticateCount == 2)
  }

  @Test("Unknown prefix: refused with no AUTHENTICATE; allowed with the override")
  func unknownPrefix() throws {
    let bench = Bench(.init(model: .c302i, serial: "7777777000001"))
    #expect(throws: Token2Failure.unknownModel(serial: "7777777000001")) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20)))
    }
    #expect(bench.recorder.commands == [Token2Commands.getInfo()])
    #expect(bench.authenticateCount == 0)

    let secret = secretBytes(20)
    let report = try bench.card().burn(BurnRequest(secret: secret, allowUnknownModel: true))
    #expect(report.model == nil)
    #expect(report.isRestricted)
    #expect(bench.token.holdsSeed(of: secret))
  }

  @Test(
    "A security key tapped instead of a token is recognised",
    arguments: [SecurityKeyKind.fido, .yubiKeyOATH])
  func securityKey(kind: SecurityKeyKind) {
    let key = SimulatedSecurityKey(kind: kind)
    let recorder = RecordingTransport(wrapping: AppletTransport(applet: key))
    let card = Token2Card(transport: recorder, clock: { hostNow })
    #expect(throws: Token2Failure.securityKeyTapped(kind)) { try card.identify() }
    let failure = #expect(throws: Token2Failure.self) {
      try card.burn(BurnRequest(secret: secretBytes(20)))
    }
    #expect(failure == .securityKeyTapped(kind))
    #expect("\(failure!)".contains(kind == .fido ? "FIDO security key" : "YubiKey-style OATH key"))
    #expect(recorder.count(ins: 0xCE) == 0)
  }

  @Test("Another card refusing GET INFO is 'not a token'")
  func notAToken() {
    final class Silent: CardApplet {
      var atr: [UInt8] { [0x3B, 0x00] }
      func powerOn() {}
      func powerOff() {}
      func process(_ command: [UInt8]) -> [UInt8] { [0x6A, 0x82] }
    }
    let card = Token2Card(transport: AppletTransport(applet: Silent()), clock: { hostNow })
    #expect(throws: Token2Failure.notAToken(status: .fileNotFound)) { try card.identify() }
  }

  @Test("Garbage GET INFO data is a typed failure")
  func garbageInfo() {
    final class Garbage: CardApplet {
      var atr: [UInt8] { [0x3B, 0x00] }
      func powerOn() {}
      func powerOff() {}
      func process(_ command: [UInt8]) -> [UInt8] { [0x00, 0x01, 0x90, 0x00] }
    }
    let card = Token2Card(transport: AppletTransport(applet: Garbage()), clock: { hostNow })
    #expect(throws: Token2Failure.unreadableInfo(.tooShort(length: 2))) { try card.identify() }
  }

  @Test("No answer at all: the token is off")
  func noAnswer() {
    let bench = Bench(faults: [
      LinkFaultPlan(commandIndex: 1, commandReachesCard: false, failure: .unresponsive("timeout"))
    ])
    #expect(throws: Token2Failure.noAnswer(.unresponsive("timeout"))) {
      try bench.card().identify()
    }
  }

  @Test("No card on the reader: unavailable")
  func noCard() {
    let failure = #expect(throws: Token2Failure.self) {
      try Token2Card(transport: EmptyReader(), clock: { hostNow }).burn(
        BurnRequest(secret: secretBytes(20)))
    }
    #expect(failure == .cardUnavailable(.noCard))
  }

  @Test(
    "Seed refused with 69 82 after config: one re-auth, seed retried, success",
    arguments: [Token2Model.c302i, .otpcP2i])
  func seedReauth(model: Token2Model) throws {
    let bench = Bench(
      .init(
        model: model, notAuthenticatedStatus: .securityStatusNotSatisfied,
        dropsAuthenticationAfterConfig: true))
    let secret = secretBytes(32)
    let report = try bench.card().burn(BurnRequest(secret: secret))
    #expect(report.recoveries == [.reauthenticatedForSeed(after: .securityStatusNotSatisfied)])
    #expect(
      bench.recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x4B, 0xCE, 0xC5, 0x41])
    #expect(report.apduCount == 9)
    #expect(bench.token.holdsSeed(of: secret))
    #expect(bench.authenticateCount == 2)
  }

  @Test("Seed refused with 69 83 after config: same recovery")
  func seedReauth6983() throws {
    let bench = Bench(.init(model: .otpcP2i, dropsAuthenticationAfterConfig: true))
    let secret = secretBytes(20)
    let report = try bench.card().burn(BurnRequest(secret: secret))
    #expect(report.recoveries == [.reauthenticatedForSeed(after: .authenticationBlocked)])
    #expect(bench.token.holdsSeed(of: secret))
  }

  @Test("Every failure sentence states the token's state and never a secret")
  func descriptions() {
    let failures: [Token2Failure] = [
      .invalidSecret(.tooLong(length: 70)), .noAnswer(.cardRemoved),
      .notAToken(status: .fileNotFound),
      .securityKeyTapped(.fido), .unknownModel(serial: "1234567"),
      .tokenRefusedKey(state: .unchanged),
      .authenticationAnswerLost(state: .unchanged),
      .linkLost(during: .writeSeed, cause: .cardRemoved, state: .possibly([.seedErased, .burned])),
      .differentToken(expected: "8659632000001", found: "8659622000001", state: .seedErased),
      .unexpectedStatus(command: .writeSeed, status: .wrongData, state: .configWrittenOldSeedKept),
    ]
    for failure in failures {
      let text = failure.description
      #expect(!text.isEmpty)
      #expect(!text.contains("Secret("))
    }
    #expect(
      Token2Failure.tokenRefusedKey(state: .unchanged).description.contains("Nothing was written"))
    #expect(
      Token2Failure.linkLost(
        during: .writeSeed, cause: .cardRemoved, state: .possibly([.seedErased, .burned])
      ).description.contains("no seed"))
  }
}
