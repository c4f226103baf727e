import Canvas
import OTP
import Token2
import Wizard

/// Task and user-and-service screens.
enum TaskScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.line("What are you doing?")
    page.skip()
    let choices: [(WizardFlow, String, String)] = [
      (
        .enroll, "Enroll",
        "The service shows a QR code or a key: burn that key into a token."
      ),
      (
        .generate, "Generate",
        "There is no QR code: make a new key, burn it, and show it for the service's 2FA user "
          + "manager."
      ),
      (
        .verifyCode, "Verify a backup code",
        "A user reads out a backup code: check it (a good one is used up)."
      ),
      (
        .replaceLost, "Replace a lost token",
        "Mark the user's token lost (codes revoked), then enroll a new one."
      ),
      (
        .reburn, "Re-burn / resync a token",
        "Read the token (clock drift), then burn it again with a key you enter."
      ),
      (
        .registerFactory, "Register a non-programmable token",
        "Its key comes from the vendor's seed file: show it for the services, confirm, record."
      ),
    ]
    // A blank line between choices only where the screen has room for it.
    let spaced = page.rowsLeft >= choices.count * 4
    for (index, choice) in choices.enumerated() {
      let isChosen = state.flow == choice.0
      let marker = isChosen ? String(page.glyphs.pointer) : " "
      page.line("\(marker) \(index + 1)  \(choice.1)", role: isChosen ? .focus : .body)
      page.paragraph(choice.2, indent: 6)
      if spaced { page.skip() }
    }
    return [
      KeyHint("Up/Down", "choose"), KeyHint("1-\(choices.count)", "pick"), .next, .quit,
    ]
  }
}

enum IdentityScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.paragraph("Who is the token for, and which service will ask for its codes?")
    page.skip()
    field(
      page: &page, label: "User ID", value: state.user.text, isFocused: state.identityFocus == .user
    )
    page.skip()
    field(
      page: &page, label: "Service", value: state.service.text,
      isFocused: state.identityFocus == .service)
    page.skip()
    page.paragraph(
      "The user ID is the login name or e-mail address the service knows; it is printed on the "
        + "backup code sheet.", role: .hint)
    return [KeyHint("Tab", "next field"), .next, .back, .quit]
  }

  /// A labelled input box; the focused one shows a cursor block at the end.
  static func field(
    page: inout Page, label: String, value: String, isFocused: Bool, width: Int = 44
  ) {
    let cursor = isFocused ? "_" : ""
    let visible = String((value + cursor).suffix(width))
    let padded = visible + String(repeating: " ", count: max(0, width - visible.count))
    page.field(label, "[" + padded + "]", role: isFocused ? .focus : .body)
  }
}
