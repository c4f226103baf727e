import Canvas
import OTP
import Token2
import Wizard

/// Generate and register flows: the otpauth QR code and the Base32 key in groups of four, for
/// the services' 2FA user managers. Hidden until the operator reveals them.
///
/// The QR code comes in encoded (`qrCode`, from `qrText`): encoding needs libqrencode, which
/// the screens do not link, so the caller encodes what `qrText` names.
enum ServiceKeyScreen {
  /// The text the screen shows as a QR code: the otpauth URI, once the key is revealed.
  static func qrText(_ state: WizardState) -> String? {
    guard state.step == .serviceKey, state.secretEntry.isRevealed,
      let credential = state.credential
    else { return nil }
    return credential.uri(user: state.user.text, service: state.service.text).uriString
  }

  static func draw(
    _ state: WizardState, style: ScreenStyle, qrCode: QRMatrix?, into page: inout Page
  ) -> [KeyHint] {
    guard let credential = state.credential else { return [.back, .quit] }
    let revealed = state.secretEntry.isRevealed
    let textWidth = min(page.width, 36)
    for line in TextWrap.lines(
      (state.flow == .registerFactory
        ? "This token's key came from the vendor. Enter it in each service's 2FA user manager "
          + "for \(state.user.text), or scan the QR code with the application that asks for it."
        : "Enter this key in the service's 2FA user manager for \(state.user.text), or scan the "
          + "QR code with the application that asks for it."), width: textWidth)
    {
      page.line(line)
    }
    page.skip()
    let key = SecretScreen.keyText(credential.secret, revealed: revealed, glyphs: page.glyphs)
    let groups = key.split(separator: " ")
    for start in stride(from: 0, to: groups.count, by: 4) {
      let chunk = groups[start..<min(groups.count, start + 4)].joined(separator: " ")
      page.field(start == 0 ? "Key" : "", chunk, role: .code, column: 10)
    }
    let p = credential.parameters
    page.field(
      "Settings", "TOTP, \(p.algorithm.rawValue), \(p.digits) digits, \(p.period) s", column: 10)
    page.field("Service", state.service.text, column: 10)
    page.field("Account", state.user.text, column: 10)
    page.skip()
    guard revealed else {
      page.paragraph("The key and its QR code are hidden. Press Ctrl-R to show them.", role: .hint)
      return [KeyHint("Ctrl-R", "show"), .next, .back, .quit]
    }
    drawQR(qrCode, style: style, into: &page)
    return [KeyHint("Ctrl-R", "hide"), .next, .back, .quit]
  }

  /// Below the text when there is room, else beside it on the right (80×24 with half
  /// blocks), else a sentence asking for a larger window.
  private static func drawQR(_ qrCode: QRMatrix?, style: ScreenStyle, into page: inout Page) {
    guard let matrix = qrCode else {
      page.line("The QR code could not be made; use the key above.", role: .warning)
      return
    }
    let lines = QRRendering.lines(matrix, style: style.qrStyle)
    let footprint = QRRendering.footprint(width: matrix.width, style: style.qrStyle)
    if footprint.rows <= page.rowsLeft && footprint.columns <= page.width {
      for line in lines { page.line(line, role: .qr) }
      return
    }
    let size = page.canvas.size
    let column = size.columns - footprint.columns - 1
    // Beside the text: rows 1 to (rows - 3), right of a 36-column text block.
    if column >= Page.margin + 36 && footprint.rows <= size.rows - 3 {
      for (offset, line) in lines.enumerated() {
        page.canvas.put(line, row: 1 + offset, column: column, role: .qr)
      }
      return
    }
    page.paragraph(
      "The QR code needs a window of at least \(footprint.columns + 4)x\(footprint.rows + 3): "
        + "enlarge the window to show it, or use the key above.", role: .hint)
  }
}
