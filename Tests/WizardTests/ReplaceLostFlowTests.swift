import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

/// The "Replace a lost token" task: user → registry lookup → reason → marked lost → enroll.
@Suite struct ReplaceLostFlowTests {
  static let lost = TokenToReplace(enrollmentID: 4, serial: "8659622000009", service: "Acme")

  /// Task → user typed (no service) → the lookup asked for.
  private func lookingUp(user: String = "ann@example.com", service: String? = nil) -> (
    Script, [WizardEffect]
  ) {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.press(.choose(4))
    script.type(user)
    if let service {
      script.press(.nextField)
      script.type(service)
    }
    let effects = script.press(.next)
    return (script, effects)
  }

  private func found() -> Script {
    var (script, _) = lookingUp()
    script.send(.tokenToReplaceFound(.success(Self.lost)))
    return script
  }

  @Test func happyPathMarksLostThenBurnsAndRecordsTheNewToken() {
    var (script, effects) = lookingUp()
    #expect(script.state.step == .lostToken)
    #expect(effects == [.findTokenToReplace(user: "ann@example.com", service: nil)])
    script.send(.tokenToReplaceFound(.success(Self.lost)))
    #expect(script.state.lostToken.token == Self.lost)
    #expect(script.state.service.text == "Acme", "the service comes from the lost enrollment")
    #expect(script.press(.next).isEmpty, "no reason yet")
    #expect(script.state.notice?.kind == .error)
    script.type("left on a train")
    #expect(script.press(.next) == [.markLost(enrollmentID: 4, reason: "left on a train")])
    #expect(script.press(.next).isEmpty, "no second mark while one runs")
    script.send(.tokenMarkedLost(.success(Self.lost)))
    #expect(script.state.lostToken.isMarked)
    #expect(script.state.notice?.text.contains("8659622000009 is marked lost") == true)
    script.press(.next)
    #expect(script.state.step == .secret)
    #expect(script.state.stepPosition == (4, 9))
    script.press(.back)
    #expect(script.state.step == .lostToken, "back from the key goes to the lost token")
    #expect(script.press(.next).isEmpty, "a marked token is not looked up or marked again")
    #expect(script.state.step == .secret)
    script.press(.moveDown)
    script.type("otpauth://totp/Acme:ann@example.com?secret=\(SampleToken.base32)&issuer=Acme")
    script.press(.next)
    #expect(script.state.step == .reader)
    script.identifyToken()
    script.press(.next)
    script.send(.burnFinished(.success(Fixture.report())))
    let record = script.effects.compactMap {
      if case .recordBurn(let order) = $0 { order } else { nil }
    }
    #expect(record.map(\.user) == ["ann@example.com"])
    #expect(record.map(\.service) == ["Acme"])
    #expect(record.map(\.report.serial) == [SampleToken.serial])
  }

  @Test func theServiceTypedIsPassedToTheLookup() {
    let (_, effects) = lookingUp(service: "Jira")
    #expect(effects == [.findTokenToReplace(user: "ann@example.com", service: "Jira")])
  }

  @Test func unknownUserSaysSoAndEscGoesBackToTheUser() {
    var (script, _) = lookingUp(user: "nobody")
    script.send(.tokenToReplaceFound(.failure(.unknownUser)))
    #expect(script.state.lostToken.token == nil)
    #expect(
      script.state.notice?.text == "The registry has no token for nobody. Esc to correct the user.")
    #expect(
      script.press(.next) == [.findTokenToReplace(user: "nobody", service: nil)],
      "Enter looks again")
    script.send(.tokenToReplaceFound(.failure(.unknownUser)))
    script.press(.back)
    #expect(script.state.step == .userAndService)
  }

  @Test func noActiveTokenSaysSo() {
    var (script, _) = lookingUp(service: "Acme")
    script.send(.tokenToReplaceFound(.failure(.noActiveToken)))
    #expect(
      script.state.notice?.text
        == "ann@example.com has no active token for Acme to replace. Esc to go back.")
    #expect(script.state.step == .lostToken)
    #expect(script.press(.insert("x")).isEmpty)
    #expect(script.state.lostToken.reason.isEmpty, "no reason without a token")
  }

  @Test func severalTokensAskForTheService() {
    var (script, _) = lookingUp()
    script.send(.tokenToReplaceFound(.failure(.severalTokens(services: ["Acme #4", "Jira #6"]))))
    #expect(script.state.step == .userAndService)
    #expect(script.state.identityFocus == .service)
    #expect(script.state.notice?.text.contains("several active tokens (Acme #4, Jira #6)") == true)
    script.type("Jira")
    #expect(script.press(.next) == [.findTokenToReplace(user: "ann@example.com", service: "Jira")])
  }

  @Test func busyRegistryOnLookupAndOnMarkingCanBeRetried() {
    var (script, _) = lookingUp()
    script.send(.tokenToReplaceFound(.failure(.registry("the registry is busy."))))
    #expect(script.state.notice?.text.contains("the registry is busy.") == true)
    #expect(script.press(.next) == [.findTokenToReplace(user: "ann@example.com", service: nil)])
    script.send(.tokenToReplaceFound(.success(Self.lost)))
    script.type("stolen")
    script.press(.next)
    script.send(.tokenMarkedLost(.failure(.registryBusy("the registry is busy."))))
    #expect(!script.state.lostToken.isMarked)
    #expect(script.state.notice?.text.contains("was not marked lost") == true)
    #expect(script.press(.next) == [.markLost(enrollmentID: 4, reason: "stolen")])
  }

  @Test func resultsForAnotherStepAreIgnored() {
    var script = Script()
    #expect(script.send(.tokenToReplaceFound(.success(Self.lost))).isEmpty)
    #expect(script.send(.tokenMarkedLost(.success(Self.lost))).isEmpty)
    #expect(script.state.lostToken == LostTokenPanel())
  }
}
