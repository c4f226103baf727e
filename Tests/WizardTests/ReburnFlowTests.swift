import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

/// The "Re-burn / resync a token" task: user → the token read (drift shown) → key → burn.
@Suite struct ReburnFlowTests {
  /// Task → user and service → reader step with the token identified (drift 2 s).
  private func readToken() -> Script {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.press(.choose(5))
    script.type("ann@example.com")
    script.press(.nextField)
    script.type("Acme")
    script.press(.next)
    return script
  }

  @Test func readsFirstThenBurnsTheOperatorsKeyAndRecordsIt() {
    var script = readToken()
    #expect(script.state.step == .reader)
    #expect(script.state.stepPosition == (3, 8))
    #expect(script.press(.next).isEmpty, "nothing read yet")
    #expect(script.state.notice?.kind == .error)
    script.identifyToken()
    #expect(script.state.readerPanel.identity?.clockDrift == 2)
    let toSecret = script.press(.next)
    #expect(
      !toSecret.contains { if case .burn = $0 { true } else { false } }, "no burn without a key")
    #expect(script.state.step == .secret)
    script.press(.moveDown)
    script.type(SampleToken.uri)
    let effects = script.press(.next)
    #expect(script.state.step == .burn)
    #expect(
      effects.contains(
        .burn(
          BurnOrder(
            reader: Fixture.reader, expectedSerial: SampleToken.serial, secret: SampleToken.secret,
            algorithm: .sha1, period: .seconds30, allowUnknownModel: false))))
    script.send(.burnFinished(.success(Fixture.report())))
    let records = script.effects.compactMap {
      if case .recordBurn(let order) = $0 { order } else { nil }
    }
    #expect(records.map(\.report.serial) == [SampleToken.serial])
    #expect(records.map(\.user) == ["ann@example.com"])
    script.send(
      .burnRecorded(.success(RecordedEnrollment(id: 7, summary: "enrollment #7 re-burned"))))
    script.press(.next)
    #expect(script.state.step == .confirm)
  }

  @Test func aTokenThatLeftBeforeTheKeyIsReadAgain() {
    var script = readToken()
    script.identifyToken()
    script.press(.next)
    script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: false)]))
    script.press(.moveDown)
    script.type(SampleToken.uri)
    let effects = script.press(.next)
    #expect(script.state.step == .reader, "no burn without a token read")
    #expect(!effects.contains { if case .burn = $0 { true } else { false } })
  }

  @Test func backFromTheReaderGoesToTheUser() {
    var script = readToken()
    script.press(.back)
    #expect(script.state.step == .userAndService)
  }
}
