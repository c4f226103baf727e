import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2

/// Link loss at every point of a burn (protocol note §4.8, §7): the reported state must
/// always contain the token's real state, success only when the seed is in place, at most
/// one reconnect, never an AUTHENTICATE after one that was not answered `90 00`, and a second
/// burn must finish the job.
@Suite("Burn: link loss")
struct LinkFaultTests {
  static let singleFaults: [(Token2Model, Int, Bool)] = [Token2Model.c302i, .otpcP2i].flatMap {
    model in
    (1...6).flatMap { index in [true, false].map { (model, index, $0) } }
  }

  @Test("One drop after APDU k (executed or not)", arguments: singleFaults)
  func singleDrop(model: Token2Model, index: Int, executed: Bool) throws {
    let bench = Bench(
      .init(model: model),
      faults: [LinkFaultPlan(commandIndex: index, commandReachesCard: executed)])
    let secret = secretBytes(20)
    let outcome = Result { () throws(Token2Failure) in
      try bench.card().burn(BurnRequest(secret: secret))
    }
    #expect(bench.recorder.reconnectCount <= 1)
    #expect(bench.authenticateCount <= 2)
    #expect(noAuthenticateAfterUnconfirmedOne(bench.recorder))

    switch (index, outcome) {
    case (1...2, .failure(let failure)):
      // Before AUTHENTICATE a link loss simply stops: nothing was written.
      #expect(failure.state == .unchanged)
      #expect(bench.recorder.reconnectCount == 0)
      #expect(bench.realState(for: secret) == .unchanged)
      // A lost link (75 at the command line, FailureMapping), not a refusal or a bad answer.
      let lost =
        switch failure {
        case .noAnswer, .linkLost: true
        default: false
        }
      #expect(lost, "\(failure)")
    case (3, .failure(let failure)):
      // The AUTHENTICATE's answer lost: it may have been a refusal, so no reconnect either.
      #expect(failure == .authenticationAnswerLost(state: .unchanged))
      #expect(bench.recorder.reconnectCount == 0)
      #expect(bench.recorder.count(ins: 0xCE) == 1)
      #expect(bench.realState(for: secret) == .unchanged)
    case (4...5, .success(let report)):
      #expect(
        report.recoveries.contains(.reconnected(after: [.writeConfig, .writeSeed][index - 4])))
      #expect(bench.recorder.reconnectCount == 1)
      #expect(bench.token.holdsSeed(of: secret))
    case (6, .success(let report)):
      #expect(report.recoveries == [.verificationSkipped])
      #expect(report.after == nil)
      #expect(bench.token.holdsSeed(of: secret))
    default:
      Issue.record("unexpected outcome \(outcome) for drop at \(index)")
    }
    if case .success = outcome {
      #expect(bench.token.display().code == expectedCode(secret, at: hostNow, .sha1, .seconds30))
    }
    try secondBurnFinishes(bench)
  }

  static let doubleFaults: [(Token2Model, Int, Int, Bool, Bool)] = [Token2Model.c302i, .otpcP2i]
    .flatMap { model in
      (3...5).flatMap { first in
        (first + 1...first + 6).flatMap { second in
          [(true, true), (true, false), (false, true), (false, false)].map {
            (model, first, second, $0.0, $0.1)
          }
        }
      }
    }

  @Test("A second drop after the one reconnect is reported truthfully", arguments: doubleFaults)
  func doubleDrop(
    model: Token2Model, first: Int, second: Int, firstExecuted: Bool, secondExecuted: Bool
  ) throws {
    let bench = Bench(
      .init(model: model),
      faults: [
        LinkFaultPlan(commandIndex: first, commandReachesCard: firstExecuted),
        LinkFaultPlan(commandIndex: second, commandReachesCard: secondExecuted),
      ])
    let secret = secretBytes(32)
    let outcome = Result { () throws(Token2Failure) in
      try bench.card().burn(BurnRequest(secret: secret))
    }
    #expect(bench.recorder.reconnectCount <= 1)
    #expect(bench.authenticateCount <= 2)
    #expect(noAuthenticateAfterUnconfirmedOne(bench.recorder))
    // The first AUTHENTICATE is APDU 3; after a reconnect at `first`, the next one is first + 3.
    let authenticateLost = first == 3 || second == first + 3
    switch outcome {
    case .success:
      #expect(bench.token.holdsSeed(of: secret), "success reported without the seed in place")
    case .failure(let failure):
      let real = bench.realState(for: secret)
      #expect(
        failure.state.possibilities.contains(real), "real \(real) not in reported \(failure.state)")
      #expect(failure.state != .burned)
      switch failure {
      case .authenticationAnswerLost: #expect(authenticateLost)
      case .linkLost: #expect(!authenticateLost)
      default: Issue.record("unexpected failure \(failure)")
      }
    }
    #expect(bench.recorder.reconnectCount == (first == 3 ? 0 : 1))
    try secondBurnFinishes(bench)
  }

  @Test("Seed answer lost twice on a restricted model: 'no seed or burned'")
  func seedUnknown() {
    let bench = Bench(
      .init(model: .otpcP2i),
      faults: [
        LinkFaultPlan(commandIndex: 5, commandReachesCard: false),
        LinkFaultPlan(commandIndex: 9, commandReachesCard: true),
      ])
    let failure = #expect(throws: Token2Failure.self) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20)))
    }
    #expect(
      failure
        == .linkLost(
          during: .writeSeed, cause: .cardRemoved,
          state: .unknown(possible: [.seedErased, .burned])))
    #expect(
      bench.recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x41, 0x4B, 0xCE, 0xC5])
  }

  @Test(
    "Config answer lost, token not put back: 'unchanged or settings written'",
    arguments: [Token2Model.c302i, .otpcP2i])
  func reconnectFails(model: Token2Model) {
    let bench = Bench(
      .init(model: model), faults: [LinkFaultPlan(commandIndex: 4, commandReachesCard: true)],
      failingReconnects: 1)
    let failure = #expect(throws: Token2Failure.self) {
      try bench.card().burn(BurnRequest(secret: secretBytes(20)))
    }
    let applied: TokenState = model.isRestricted ? .seedErased : .configWrittenOldSeedKept
    #expect(
      failure
        == .linkLost(
          during: .writeConfig, cause: .noCard, state: .unknown(possible: [.unchanged, applied])))
    #expect(bench.realState(for: secretBytes(20)) == applied)
    #expect(bench.recorder.reconnectCount == 1)
  }

  @Test("A different token after the reconnect is refused")
  func differentToken() {
    let first = SimulatedToken2(
      configuration: .init(model: .otpcP2i), clock: { hostNow }, random: CountingRandom())
    let other = SimulatedToken2(
      configuration: .init(model: .otpcP2i, serial: "8659622999999"), clock: { hostNow },
      random: CountingRandom())
    let transport = SwappingTransport(first: first, second: other, dropAt: 4)
    let failure = #expect(throws: Token2Failure.self) {
      try Token2Card(transport: transport, clock: { hostNow }).burn(
        BurnRequest(secret: secretBytes(20)))
    }
    #expect(
      failure
        == .differentToken(
          expected: "8659622000001", found: "8659622999999",
          state: .unknown(possible: [.unchanged, .seedErased])))
    #expect(other.counters.authenticateCommands == 0)
  }

  // The rule of `AuthenticationGate`: once an AUTHENTICATE got anything but `90 00`, or no
  // answer at all, none follows it.
  private func noAuthenticateAfterUnconfirmedOne(_ recorder: RecordingTransport) -> Bool {
    let answers = recorder.exchanges.filter { $0.command.ins == 0xCE }.map { try? $0.outcome.get() }
    return answers.dropLast().allSatisfy { $0?.status == .success }
  }

  private func secondBurnFinishes(_ bench: Bench) throws {
    let secret = secretBytes(20, start: 0x77)
    let card = Token2Card(transport: AppletTransport(applet: bench.token), clock: { hostNow })
    let report = try card.burn(BurnRequest(secret: secret))
    #expect(report.recoveries.isEmpty)
    #expect(bench.token.holdsSeed(of: secret))
  }
}
