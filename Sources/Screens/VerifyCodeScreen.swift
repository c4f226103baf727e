import Canvas
import Wizard

/// The verify-code step: user ID, the masked code, and the registry's verdict.
enum VerifyCodeScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let check = state.codeCheck
    page.paragraph("Whose backup code is it? Type the code the user reads out; it is not shown.")
    page.skip()
    IdentityScreen.field(
      page: &page, label: "User ID", value: check.user.text, isFocused: check.focus == .user)
    page.skip()
    IdentityScreen.field(
      page: &page, label: "Backup code",
      value: String(repeating: page.glyphs.mask, count: check.code.text.count),
      isFocused: check.focus == .code)
    page.skip()
    if check.isChecking {
      page.line("Checking with the registry...", role: .hint)
    } else if let verdict = check.verdict {
      page.field("Result", text(of: verdict), role: role(of: verdict))
    }
    page.skip()
    page.paragraph(
      "A good code works once and is used up now. Every refused code counts: after "
        + "several in a short time the registry stops checking this user's codes for a while.",
      role: .hint)
    return [KeyHint("Tab", "next field"), KeyHint("Enter", "check"), .back, .quit]
  }

  private static func text(of verdict: BackupCodeVerdict) -> String {
    switch verdict {
    case .accepted(let position, let remaining, let serial):
      "accepted: code #\(position) (token \(serial)), \(remaining) left"
    case .refused(let attemptsLeft): "refused; \(attemptsLeft) tries left before the limit"
    case .rateLimited: "not checked: too many refused codes"
    }
  }

  private static func role(of verdict: BackupCodeVerdict) -> Role {
    if case .accepted = verdict { return .success }
    return .error
  }
}
