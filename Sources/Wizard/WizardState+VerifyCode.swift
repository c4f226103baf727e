import OTP

/// The verify-code step: a user offers a backup code instead of a token code.
extension WizardState {
  mutating func verifyCodeKey(_ action: UserAction) -> [WizardEffect] {
    guard !codeCheck.isChecking else { return [] }
    switch action {
    case .insert(let text):
      notice = nil
      codeCheck.verdict = nil
      if codeCheck.focus == .user {
        codeCheck.user.insert(text)
      } else {
        codeCheck.code.insert(text)
      }
    case .deleteBackward:
      if codeCheck.focus == .user {
        codeCheck.user.deleteBackward()
      } else {
        codeCheck.code.deleteBackward()
      }
    case .nextField, .moveDown, .moveUp:
      codeCheck.focus = codeCheck.focus == .user ? .code : .user
    case .back:
      codeCheck = BackupCodeCheck()
      return go(to: .task)
    case .next:
      return verifyCodeNext()
    default:
      break
    }
    return []
  }

  private mutating func verifyCodeNext() -> [WizardEffect] {
    if codeCheck.verdict != nil && codeCheck.code.isEmpty {
      codeCheck = BackupCodeCheck()
      return go(to: .task)
    }
    guard !codeCheck.user.text.isBlank else {
      codeCheck.focus = .user
      notice = Notice(.error, "Enter the user's ID (login name or e-mail address).")
      return []
    }
    if codeCheck.focus == .user && codeCheck.code.isEmpty {
      codeCheck.focus = .code
      return []
    }
    guard let code = BackupCode(typed: codeCheck.code.text) else {
      codeCheck.focus = .code
      notice = Notice(
        .error, "A backup code has 15 letters and digits in three groups, e.g. AAAAA-BBBBB-CCCCC.")
      return []
    }
    // The typed text is dropped at once; only the effect carries the code to the registry.
    codeCheck.code.set("")
    codeCheck.isChecking = true
    codeCheck.verdict = nil
    notice = Notice(.warning, "Checking the code...")
    return [.verifyBackupCode(user: codeCheck.user.text, code: code)]
  }

  mutating func codeChecked(_ result: Result<BackupCodeVerdict, DriverFailure>) -> [WizardEffect] {
    guard step == .verifyCode, codeCheck.isChecking else { return [] }
    codeCheck.isChecking = false
    switch result {
    case .success(let verdict):
      codeCheck.verdict = verdict
      switch verdict {
      case .accepted(let position, let remaining, let serial):
        notice = Notice(
          .success,
          "Accepted: code #\(position) for token \(serial), now used up; \(remaining) left. "
            + "Press Enter to go back to Task.")
      case .refused(let attemptsLeft):
        notice = Notice(
          .error,
          "Refused: the code is wrong, used or revoked. \(attemptsLeft) more tries before the "
            + "registry stops checking for a while.")
      case .rateLimited(let retryAfter):
        notice = Notice(
          .error,
          "Too many refused codes for \(codeCheck.user.text): try again in "
            + "\(max(1, (retryAfter + 59) / 60)) minutes.")
      }
    case .failure(let failure):
      codeCheck.focus = .code
      notice = Notice(.error, "The code could not be checked: \(failure.message) Type it again.")
    }
    return []
  }
}
