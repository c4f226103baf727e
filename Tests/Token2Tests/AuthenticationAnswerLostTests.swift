import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2

/// An AUTHENTICATE whose answer was lost counts as a refusal (protocol note §4.4, §4.8): the
/// burn stops with `authenticationAnswerLost`, exit 75, and no second AUTHENTICATE reaches the
/// token in that run, whether the lost one was the first, the one after the reconnect, or the
/// one after WRITE SEED answered `69 82`/`69 83`.
@Suite("Burn: AUTHENTICATE answer lost")
struct AuthenticationAnswerLostTests {
  static let wrongKey = Token2Key(bytes: [UInt8](repeating: 0x5A, count: 16))!

  static let firstCases: [(Token2Model, Bool, Bool)] = [Token2Model.c302i, .otpcP2i].flatMap {
    model in
    [true, false].flatMap { executed in [true, false].map { (model, executed, $0) } }
  }

  @Test(
    "The first AUTHENTICATE's answer lost: one AUTHENTICATE, no reconnect, exit 75",
    arguments: firstCases)
  func firstAnswerLost(model: Token2Model, executed: Bool, keyFits: Bool) {
    // A token that locks after two refusals: a second AUTHENTICATE with a wrong key locks it.
    let bench = Bench(
      .init(model: model, lockAfterFailedAuthentications: 2),
      faults: [LinkFaultPlan(commandIndex: 3, commandReachesCard: executed)])
    let secret = secretBytes(20)
    let request = BurnRequest(secret: secret, key: keyFits ? .publicDefault : Self.wrongKey)
    let failure = #expect(throws: Token2Failure.self) { try bench.card().burn(request) }
    #expect(failure == .authenticationAnswerLost(state: .unchanged))
    #expect(bench.recorder.count(ins: 0xCE) == 1, "AUTHENTICATE sent more than once")
    #expect(bench.authenticateCount == (executed ? 1 : 0))
    #expect(bench.token.counters.failedAuthentications == (executed && !keyFits ? 1 : 0))
    #expect(bench.recorder.reconnectCount == 0)
    #expect(bench.recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE])
    #expect(!bench.token.isLocked)
    #expect(bench.realState(for: secret) == .unchanged)
  }

  static let reconnectCases: [(Token2Model, Int, Bool)] = [Token2Model.c302i, .otpcP2i].flatMap {
    model in
    [4, 5].flatMap { first in [true, false].map { (model, first, $0) } }
  }

  @Test(
    "After the one reconnect, the re-authentication's answer lost: stop, two AUTHENTICATEs",
    arguments: reconnectCases)
  func reauthenticationAfterReconnectLost(model: Token2Model, first: Int, executed: Bool) {
    // The write at `first` loses its answer; the reconnect's GET INFO, GET CHALLENGE and then
    // the AUTHENTICATE (first + 3) loses its answer too.
    let bench = Bench(
      .init(model: model),
      faults: [
        LinkFaultPlan(commandIndex: first, commandReachesCard: executed),
        LinkFaultPlan(commandIndex: first + 3, commandReachesCard: true),
      ])
    let secret = secretBytes(20)
    let failure = #expect(throws: Token2Failure.self) {
      try bench.card().burn(BurnRequest(secret: secret))
    }
    let applied: TokenState = model.isRestricted ? .seedErased : .configWrittenOldSeedKept
    let expected: TokenState =
      first == 4 ? .possibly([.unchanged, applied]) : .possibly([applied, .burned])
    #expect(failure == .authenticationAnswerLost(state: expected))
    #expect(failure.map { $0.state.possibilities.contains(bench.realState(for: secret)) } == true)
    #expect(bench.recorder.count(ins: 0xCE) == 2)
    #expect(bench.recorder.reconnectCount == 1)
    #expect(
      bench.recorder.commands.last?.ins == 0xCE, "something was sent after the lost AUTHENTICATE")
  }

  @Test(
    "After WRITE SEED answered 69 82, the re-authentication's answer lost: stop, no reconnect",
    arguments: [Token2Model.c302i, .otpcP2i])
  func reauthenticationForSeedLost(model: Token2Model) {
    // GET INFO, GET CHALLENGE, AUTHENTICATE, WRITE CONFIG, WRITE SEED (69 82), GET CHALLENGE,
    // AUTHENTICATE (7): its answer is lost.
    let bench = Bench(
      .init(
        model: model, notAuthenticatedStatus: .securityStatusNotSatisfied,
        dropsAuthenticationAfterConfig: true),
      faults: [LinkFaultPlan(commandIndex: 7, commandReachesCard: true)])
    let secret = secretBytes(20)
    let failure = #expect(throws: Token2Failure.self) {
      try bench.card().burn(BurnRequest(secret: secret))
    }
    let applied: TokenState = model.isRestricted ? .seedErased : .configWrittenOldSeedKept
    #expect(failure == .authenticationAnswerLost(state: applied))
    #expect(bench.realState(for: secret) == applied)
    #expect(bench.recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x4B, 0xCE])
    #expect(bench.recorder.reconnectCount == 0)
    #expect(bench.authenticateCount == 2)
  }

  @Test("AUTHENTICATE answered 6C XX is not resent: the resend would be a second attempt")
  func wrongLengthIsNotResent() {
    // The token runs the AUTHENTICATE (and refuses the wrong key) but answers `6C 00`; it
    // locks after two refusals, so a resend with Le corrected would lock it.
    let token = SimulatedToken2(
      configuration: .init(model: .otpcP2i, lockAfterFailedAuthentications: 2), clock: { hostNow },
      random: CountingRandom())
    let recorder = RecordingTransport(
      wrapping: AppletTransport(applet: WrongLengthOnAuthenticate(token)))
    let failure = #expect(throws: Token2Failure.self) {
      try Token2Card(transport: recorder, clock: { hostNow }).burn(
        BurnRequest(secret: secretBytes(20), key: Self.wrongKey))
    }
    #expect(
      failure
        == .unexpectedStatus(
          command: .authenticate, status: StatusWord(0x6C, 0x00), state: .unchanged))
    #expect(token.counters.authenticateCommands == 1)
    #expect(!token.isLocked)
    #expect(recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE])
  }

  @Test("A second burn, once the operator checked the token, completes")
  func nextBurnCompletes() throws {
    let bench = Bench(
      .init(model: .otpcP2i), faults: [LinkFaultPlan(commandIndex: 3, commandReachesCard: true)])
    #expect(throws: Token2Failure.authenticationAnswerLost(state: .unchanged)) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20)))
    }
    try bench.recorder.reconnect()
    let secret = secretBytes(20, start: 0x44)
    let report = try bench.card().burn(BurnRequest(secret: secret))
    #expect(report.recoveries.isEmpty)
    #expect(bench.token.holdsSeed(of: secret))
  }

  @Test("The sentence says the token may have refused the key, and what it holds")
  func sentence() {
    let failure = Token2Failure.authenticationAnswerLost(
      state: .possibly([.unchanged, .seedErased]))
    let text = failure.description
    #expect(text.contains("the token may have refused the key; check it before retrying"))
    #expect(text.contains(TokenState.possibly([.unchanged, .seedErased]).description))
    #expect(text.contains("No second AUTHENTICATE was sent"))
    #expect(!text.contains("safe to repeat"))
    #expect(
      Token2Failure.authenticationAnswerLost(state: .unchanged).description.contains(
        "Nothing was written"))
  }
}

/// The simulated token, except that it answers every AUTHENTICATE, after running it, with
/// `6C 00` ("resend with Le = 256").
private final class WrongLengthOnAuthenticate: CardApplet {
  private let token: SimulatedToken2
  init(_ token: SimulatedToken2) { self.token = token }
  var atr: [UInt8] { token.atr }
  func powerOn() { token.powerOn() }
  func powerOff() { token.powerOff() }
  func process(_ command: [UInt8]) -> [UInt8] {
    let answer = token.process(command)
    return command.count > 1 && command[1] == 0xCE ? [0x6C, 0x00] : answer
  }
}
