import OTP
import TestSupport
import Testing

@testable import Wizard

/// The "Verify a backup code" task: typed user and masked code → registry verdict → Task.
@Suite struct VerifyCodeFlowTests {
  private static let code = Fixture.codes()[0]

  /// Task → verify-code step with the user typed and the code typed in the code field.
  private func typedCode(_ text: String = code.text, user: String = "ann@example.com") -> Script {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.press(.choose(3))
    script.type(user)
    script.press(.next)
    script.type(text)
    return script
  }

  @Test func taskListsTheChoicesAndArrowsCycleThroughAll() {
    var script = Script()
    #expect(
      WizardFlow.allCases == [
        .enroll, .generate, .verifyCode, .replaceLost, .reburn, .registerFactory,
      ])
    script.press(.moveDown, .moveDown, .moveDown, .moveDown, .moveDown)
    #expect(script.state.flow == .registerFactory)
    script.press(.moveDown)
    #expect(script.state.flow == .enroll)
    script.press(.moveUp, .moveUp, .moveUp, .moveUp)
    #expect(script.state.flow == .verifyCode)
    script.press(.next)
    #expect(script.state.step == .verifyCode)
    #expect(script.state.stepPosition == (2, 2))
  }

  @Test func acceptedCodeIsReportedAndEnterGoesBackToTask() {
    // Typed in lower case: the code is read forgivingly, as `BackupCode(typed:)` does.
    var script = typedCode(Self.code.text.lowercased())
    let effects = script.press(.next)
    #expect(effects == [.verifyBackupCode(user: "ann@example.com", code: Self.code)])
    #expect(script.state.codeCheck.code.isEmpty, "the typed code is dropped once sent")
    #expect(script.state.codeCheck.isChecking)
    #expect(script.press(.next).isEmpty, "no second check while one runs")
    script.send(
      .backupCodeChecked(.success(.accepted(position: 3, remaining: 9, serial: SampleToken.serial)))
    )
    #expect(
      script.state.codeCheck.verdict
        == .accepted(position: 3, remaining: 9, serial: SampleToken.serial))
    #expect(script.state.notice?.kind == .success)
    #expect(script.state.notice?.text.contains("code #3") == true)
    #expect(script.state.notice?.text.contains("9 left") == true)
    script.press(.next)
    #expect(script.state.step == .task)
    #expect(script.state.codeCheck == BackupCodeCheck())
  }

  @Test func refusedCodeSaysHowManyTriesAreLeftAndAllowsAnother() {
    var script = typedCode()
    script.press(.next)
    script.send(.backupCodeChecked(.success(.refused(attemptsLeft: 4))))
    #expect(script.state.codeCheck.verdict == .refused(attemptsLeft: 4))
    #expect(script.state.notice?.kind == .error)
    #expect(script.state.notice?.text.contains("4 more tries") == true)
    #expect(script.state.step == .verifyCode)
    script.type(Fixture.codes()[1].text)
    #expect(script.state.codeCheck.verdict == nil, "typing again clears the verdict")
    #expect(
      script.press(.next) == [.verifyBackupCode(user: "ann@example.com", code: Fixture.codes()[1])])
  }

  @Test func rateLimitedIsAVerdictInMinutes() {
    var script = typedCode()
    script.press(.next)
    script.send(.backupCodeChecked(.success(.rateLimited(retryAfter: 600))))
    #expect(script.state.codeCheck.verdict == .rateLimited(retryAfter: 600))
    #expect(
      script.state.notice?.text
        == "Too many refused codes for ann@example.com: try again in 10 minutes.")
  }

  @Test func busyRegistryKeepsTheStepAndAsksToTypeAgain() {
    var script = typedCode()
    script.press(.next)
    script.send(.backupCodeChecked(.failure(.registryBusy("the registry is busy."))))
    #expect(script.state.codeCheck.verdict == nil)
    #expect(!script.state.codeCheck.isChecking)
    #expect(script.state.codeCheck.focus == .code)
    #expect(script.state.notice?.text.contains("the registry is busy.") == true)
    #expect(script.state.step == .verifyCode)
  }

  @Test func malformedCodeIsRefusedWithoutAskingTheRegistry() {
    var script = typedCode("ABC")
    #expect(script.press(.next).isEmpty)
    #expect(script.state.notice?.kind == .error)
    #expect(!script.state.codeCheck.isChecking)
  }

  @Test func missingUserIsAskedFor() {
    var script = Script()
    script.press(.choose(3), .nextField)
    script.type(Self.code.text)
    #expect(script.press(.next).isEmpty)
    #expect(script.state.codeCheck.focus == .user)
    #expect(script.state.notice?.text.contains("user's ID") == true)
  }

  @Test func aVerdictForAnotherStepIsIgnored() {
    var script = Script()
    #expect(script.send(.backupCodeChecked(.success(.refused(attemptsLeft: 1)))).isEmpty)
    #expect(script.state.codeCheck.verdict == nil)
  }

  @Test func aTypedCodeAsksBeforeQuitting() {
    var script = typedCode()
    #expect(script.press(.quit).isEmpty)
    #expect(script.state.isAskingToQuit)
  }
}
