import Canvas
import Screens
import Testing
import Wizard

/// `render` draws the QR code it is handed and encodes nothing itself: `qrCodeText(for:)` names
/// what the caller must encode, and only while the key screen shows the key.
@Suite struct QRCodeInputTests {
  let size = TerminalSize(columns: 120, rows: 40)

  /// The generate flow's key screen, the key hidden (`revealed: false`) or shown.
  func keyScreen(revealed: Bool) -> WizardState {
    var state = WizardStates.burned(flow: .generate)
    _ = state.handle(.keyPressed(.next))
    if revealed { _ = state.handle(.keyPressed(.toggleReveal)) }
    return state
  }

  @Test func theTextIsTheOtpauthURIOnlyWhileTheKeyIsShown() throws {
    #expect(ScreenRenderer.qrCodeText(for: keyScreen(revealed: false)) == nil)
    #expect(ScreenRenderer.qrCodeText(for: WizardStates.confirm()) == nil, "no QR on Confirm")
    #expect(ScreenRenderer.qrCodeText(for: WizardStates.burned(flow: .generate)) == nil)
    let text = try #require(ScreenRenderer.qrCodeText(for: keyScreen(revealed: true)))
    // RFC 6238's seed "12345678901234567890" in Base32, for ann@example.com at Acme.
    #expect(text.hasPrefix("otpauth://totp/Acme:ann"))
    #expect(text.contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
    #expect(text.contains("issuer=Acme"))
  }

  @Test func theMatrixDrawnIsTheOneHandedIn() throws {
    // A 2×2 matrix no encoder makes: dark, light / light, dark.
    let diagonal = try #require(QRMatrix(width: 2, modules: [true, false, false, true]))
    let canvas = ScreenRenderer.render(
      keyScreen(revealed: true), size: size, style: .unicode, qrCode: diagonal)
    let qrRows = (0..<size.rows).filter { row in
      (0..<size.columns).contains { canvas.role(row: row, column: $0) == .qr }
    }
    // Quiet zone 2: 6 modules a side, half blocks → 3 rows of 6 cells.
    #expect(qrRows.count == 3)
    let middle = try #require(qrRows.dropFirst().first)
    let cells = (0..<size.columns).filter { canvas.role(row: middle, column: $0) == .qr }
    #expect(String(cells.map { canvas.character(row: middle, column: $0) }) == "  ▀▄  ")
  }

  @Test func noMatrixSaysTheCodeCouldNotBeMade() {
    let canvas = ScreenRenderer.render(
      keyScreen(revealed: true), size: size, style: .unicode, qrCode: nil)
    #expect(canvas.plainText.contains("The QR code could not be made; use the key above."))
    let anyQRCell = (0..<size.rows).contains { row in
      (0..<size.columns).contains { canvas.role(row: row, column: $0) == .qr }
    }
    #expect(!anyQRCell)
  }
}
