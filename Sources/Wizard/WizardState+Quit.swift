import OTP
import Token2

/// Quit, Ctrl-C and the question that guards unsaved work.
extension WizardState {
  /// Whether leaving now would lose something the operator did: entered or read data, a
  /// burned token not yet confirmed, or backup codes not yet acknowledged.
  public var wouldLoseWork: Bool {
    if step == .done { return false }
    let typed =
      user.text != (options.user ?? "") || service.text != (options.service ?? "")
      || !secretEntry.pasted.isEmpty || !codeCheck.code.isEmpty || !vault.passphrase.isEmpty
      || !factory.serial.isEmpty
    return typed || credential != nil || burn.isRunning || burn.report != nil
  }

  mutating func requestQuit() -> [WizardEffect] {
    guard wouldLoseWork else { return [.quit(step == .done ? .completed : .cancelled)] }
    isAskingToQuit = true
    return []
  }

  mutating func answerQuit(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .yes, .quit: return [.quit(.cancelled)]
    case .no, .back:
      isAskingToQuit = false
      return []
    default: return []
    }
  }

  mutating func interrupt() -> [WizardEffect] {
    if isAskingToQuit { return [.quit(.cancelled)] }
    return requestQuit()
  }
}
