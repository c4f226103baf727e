import OTP
import Token2

/// The burn step: progress per stage, then the report or the failure and its choices.
extension WizardState {
  mutating func burnKey(_ action: UserAction) -> [WizardEffect] {
    guard !burn.isRunning else { return [] }
    switch action {
    case .next where burn.report != nil:
      return go(to: flow == .generate ? .serviceKey : .confirm)
    case .retry where burn.canRetry && burn.retryNeedsCheck && !burn.isRetryWarningShown:
      // The first press only warns: a reflex retry must not be the second AUTHENTICATE.
      burn.isRetryWarningShown = true
      notice = Notice(
        .warning,
        "Press R again only once the key is checked: a second refusal may lock the token for good.")
      return []
    case .retry where burn.canRetry:
      return go(to: .reader) + retryBurn()
    case .chooseAnotherReader where burn.failure != nil:
      readerPanel.identity = nil
      readerPanel.identifiedReader = nil
      readerPanel.failure = nil
      return go(to: .reader)
    case .back:
      return go(to: .reader)
    default:
      return []
    }
  }

  /// Retries from the reader step so the same checks run; the token is read again first.
  private mutating func retryBurn() -> [WizardEffect] {
    readerPanel.identity = nil
    readerPanel.identifiedReader = nil
    readerPanel.failure = nil
    return identifySelectedIfNeeded()
  }

  mutating func burnStageStarted(_ stage: BurnStage) -> [WizardEffect] {
    guard step == .burn, burn.isRunning else { return [] }
    burn.stages.append(stage)
    burn.isWaitingForToken = false
    return []
  }

  mutating func burnWaiting() -> [WizardEffect] {
    guard step == .burn, burn.isRunning else { return [] }
    burn.isWaitingForToken = true
    return []
  }

  mutating func burnFinished(_ result: Result<BurnReport, Token2Failure>) -> [WizardEffect] {
    guard burn.isRunning else { return [] }
    burn.isRunning = false
    burn.isWaitingForToken = false
    switch result {
    case .success(let report):
      burn.report = report
      burn.failure = nil
      confirmation = Confirmation()
      backup = BackupPanel()
      guard let order = recordOrder else { return [] }
      recording = .pending
      return [.recordBurn(order)]
    case .failure(let failure):
      burn.report = nil
      burn.failure = failure
      return [.auditBurnFailure(user: user.text, failure: failure)]
    }
  }
}
