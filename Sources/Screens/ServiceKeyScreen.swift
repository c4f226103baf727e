import OTP
import Terminal
import Token2
import TokenCrypto
import Wizard

/// Generate flow: the otpauth QR code and the Base32 key in groups of four, for the service's
/// 2FA user manager. Hidden until the operator reveals them.
enum ServiceKeyScreen {
  static func draw(_ state: WizardState, style: ScreenStyle, into page: inout Page) -> [KeyHint] {
    guard let credential = state.credential else { return [.back, .quit] }
    let revealed = state.secretEntry.isRevealed
    page.paragraph(
      "Enter this key in the service's 2FA user manager for \(state.user.text), or scan the QR "
        + "code with the application that asks for it.")
    page.skip()
    page.field("Key", SecretScreen.keyText(credential.secret, revealed: revealed, glyphs: page.glyphs), role: .code)
    let p = credential.parameters
    page.field("Settings", "TOTP, \(p.algorithm.rawValue), \(p.digits) digits, \(p.period) s")
    page.field("Account", "\(state.service.text): \(state.user.text)")
    page.skip()
    guard revealed else {
      page.paragraph("The key and its QR code are hidden. Press Ctrl-R to show them.", role: .hint)
      return [KeyHint("Ctrl-R", "show"), .next, .back, .quit]
    }
    drawQR(credential.uri(user: state.user.text, service: state.service.text).uriString, style: style, into: &page)
    return [KeyHint("Ctrl-R", "hide"), .next, .back, .quit]
  }

  private static func drawQR(_ uri: String, style: ScreenStyle, into page: inout Page) {
    guard let matrix = QRMatrix.encode(uri) else {
      page.line("The QR code could not be made; use the key above.", role: .warning)
      return
    }
    let footprint = QRRendering.footprint(width: matrix.width, style: style.qrStyle)
    guard footprint.rows <= page.rowsLeft, footprint.columns <= page.width else {
      page.paragraph(
        "The QR code needs \(footprint.columns)x\(footprint.rows + 8) cells: enlarge the window "
          + "to show it, or use the key above.", role: .hint)
      return
    }
    for line in QRRendering.lines(matrix, style: style.qrStyle) { page.line(line, role: .qr) }
  }
}
