import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

@Suite struct GenerateFlowTests {
  @Test func happyPathGeneratesBurnsShowsTheKeyAndConfirms() {
    var script = Script()
    script.toSecretStep(flow: .generate)
    #expect(script.state.flow == .generate)
    #expect(script.state.stepPosition == (3, 9))
    #expect(script.press(.next) == [.generateSecret(byteCount: 20)])
    #expect(script.press(.next) == [], "a second Enter while generating asks for nothing")
    script.send(.secretGenerated(SampleToken.secret))
    #expect(script.state.credential?.origin == .generated)
    #expect(script.state.credential?.parameters == .standard)

    script.press(.next)
    #expect(script.state.step == .reader)
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next)
    #expect(script.state.step == .serviceKey)
    #expect(!script.state.secretEntry.isRevealed)
    script.press(.toggleReveal)
    #expect(script.state.secretEntry.isRevealed)
    let uri = script.state.credential?.uri(user: "ann@example.com", service: "Acme").uriString
    #expect(uri == "otpauth://totp/Acme:ann@example.com?secret=\(SampleToken.base32)&issuer=Acme")

    script.press(.next)
    #expect(script.state.step == .confirm)
    #expect(!script.state.secretEntry.isRevealed, "leaving the key screen hides the key again")
    script.type("050471")  // RFC 6238: 1111111111 → 14050471, the step after 1111111109
    script.press(.next)
    #expect(script.state.confirmation.verdict == .matched(stepOffset: 1))
    script.press(.back)
    #expect(script.state.step == .serviceKey, "back from confirm returns to the key in this flow")
  }

  @Test func generatedKeyArrivingOutsideTheSecretStepIsIgnored() {
    var script = Script()
    script.send(.secretGenerated(SampleToken.secret))
    #expect(script.state.credential == nil)
  }
}

@Suite struct GenerateNavigationTests {
  @Test func backOnEveryStepOfTheGenerateFlowKeepsTheKey() {
    var script = Script()
    script.toSecretStep(flow: .generate)
    script.press(.next)
    script.send(.secretGenerated(SampleToken.secret))
    script.press(.next)
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next, .next)  // key for the service, then confirm
    #expect(script.state.step == .confirm)
    let expectedBack: [WizardStep] = [.serviceKey, .burn, .reader, .secret, .userAndService, .task]
    for expected in expectedBack {
      script.press(.back)
      #expect(script.state.step == expected)
      #expect(script.state.credential?.origin == .generated)
      #expect(script.state.credential?.secret == SampleToken.secret)
    }
    script.press(.next, .next)
    #expect(script.state.step == .secret)
    let effects = script.press(.next)
    #expect(script.state.step == .reader, "the generated key is kept: Enter goes on")
    #expect(!effects.contains(.generateSecret(byteCount: 20)), "no new key is drawn")
  }

  @Test func aFailingRandomSourceIsReportedAndEnterTriesAgain() {
    var script = Script()
    script.toSecretStep(flow: .generate)
    script.press(.next)
    script.send(.generationFailed(.randomSourceFailed("RAND_bytes failed.")))
    #expect(script.state.credential == nil)
    #expect(script.state.notice?.kind == .error)
    #expect(script.press(.next) == [.generateSecret(byteCount: 20)])
  }

  @Test func backupCodesAreAskedForAgainAfterAFailure() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next, .confirmCodesMatch)
    #expect(script.press(.next) == [.issueBackupCodes(enrollmentID: 7, count: 10)])
    #expect(script.press(.next) == [], "not twice while the first request runs")
    script.send(.generationFailed(.registryBusy("database is locked.")))
    #expect(script.press(.next) == [.issueBackupCodes(enrollmentID: 7, count: 10)])
    #expect(script.state.step == .backupCodes)
  }
}
