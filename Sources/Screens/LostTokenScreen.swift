import Canvas
import Wizard

/// The lost-token step: which token is replaced, the reason, and its state.
enum LostTokenScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let panel = state.lostToken
    page.field("User", state.user.text)
    guard let token = panel.token else {
      page.skip()
      if panel.isLooking {
        page.line("Looking for the user's token in the registry...", role: .hint)
      } else if panel.lookupFailure != nil {
        page.paragraph("No token to replace was found; see below.", role: .hint)
      }
      return [.next, .back, .quit]
    }
    page.field("Service", token.service ?? "(none)")
    page.field("Token", "\(token.serial) (enrollment #\(token.enrollmentID))")
    page.skip()
    if panel.isMarked {
      page.field("Status", "marked lost", role: .success)
      page.field("Reason", panel.reason.text)
      page.skip()
      page.paragraph(
        "Next: the key for the new token, as in Enroll. The new enrollment is recorded as the "
          + "replacement of this one.", role: .hint)
      return [KeyHint("Enter", "burn the new token"), .quit]
    }
    IdentityScreen.field(page: &page, label: "Reason", value: panel.reason.text, isFocused: true)
    page.skip()
    page.paragraph(
      "Enter marks this token lost: its unused backup codes stop working at once. Then the "
        + "new token is burned.", role: .hint)
    return [KeyHint("Enter", panel.isMarking ? "marking..." : "mark lost"), .back, .quit]
  }
}
