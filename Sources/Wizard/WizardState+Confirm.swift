import OTP
import Token2

/// The service-key (generate flow) and confirm steps.
extension WizardState {
  mutating func serviceKeyKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .toggleReveal: secretEntry.isRevealed.toggle()
    case .back: return go(to: previousStep ?? .burn)
    case .next:
      secretEntry.isRevealed = false
      return go(to: .confirm)
    default: break
    }
    return []
  }

  mutating func confirmKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .insert(let text):
      let digits = text.filter { $0.isASCII && $0.isNumber }
      guard !digits.isEmpty else { return [] }
      if confirmation.verdict != nil {
        confirmation.verdict = nil
        confirmation.typed.set("")
      }
      notice = nil
      confirmation.typed.insert(digits)
    case .deleteBackward:
      confirmation.typed.deleteBackward()
      confirmation.verdict = nil
    case .confirmCodesMatch:
      confirmation.verdict = .matchedByEye
    case .back:
      return go(to: previousStep ?? .burn)
    case .next:
      return confirmNext()
    default:
      break
    }
    return []
  }

  private mutating func confirmNext() -> [WizardEffect] {
    if confirmation.isConfirmed { return go(to: .backupCodes) }
    guard let credential, let now else { return [] }
    guard !confirmation.typed.isEmpty else {
      notice = Notice(
        .error, "Type the code the token shows, or press M if the codes match on sight.")
      return []
    }
    let verdict = CodeCheck.verdict(
      typed: confirmation.typed.text, secret: credential.secret,
      parameters: credential.parameters, now: now)
    confirmation.verdict = verdict
    return []
  }
}
