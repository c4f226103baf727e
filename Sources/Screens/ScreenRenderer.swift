import Canvas
import OTP
import Token2
import Wizard

/// Draws the wizard: `render(state, size, style, qrCode)` is a pure function from the state to
/// a canvas.
public enum ScreenRenderer {
  /// The smallest terminal the wizard draws in (PRODUCT.md: works at 80×24 and larger).
  public static let minimumSize = TerminalSize(columns: 80, rows: 24)

  /// The text the screen for `state` shows as a QR code (the otpauth URI on the revealed key
  /// screen of the generate and register flows), `nil` when it shows none. The caller encodes
  /// it (`QREncoding`) and hands the matrix to `render`; it may hold the secret, so it is made
  /// for the frame and not kept.
  public static func qrCodeText(for state: WizardState) -> String? {
    ServiceKeyScreen.qrText(state)
  }

  /// The screen for `state` on a terminal of `size`.
  ///
  /// - Parameter qrCode: `qrCodeText(for: state)` encoded; `nil` when there is none or the
  ///   encoder refused it (the screen then says so and points to the key as text).
  public static func render(
    _ state: WizardState, size: TerminalSize, style: ScreenStyle, qrCode: QRMatrix?
  ) -> Canvas {
    guard size.columns >= minimumSize.columns, size.rows >= minimumSize.rows else {
      return tooSmall(size)
    }
    var page = Page(
      canvas: Canvas(size: size), glyphs: style.glyphs, firstRow: 2, lastRow: size.rows - 4)
    drawTitle(state, into: &page)
    let keys = drawBody(state, style: style, qrCode: qrCode, into: &page)
    drawNotice(state, into: &page)
    drawKeyBar(state.isAskingToQuit ? QuitPrompt.keys : keys, into: &page)
    if state.isAskingToQuit { QuitPrompt.draw(state, into: &page) }
    return page.canvas
  }

  private static func drawBody(
    _ state: WizardState, style: ScreenStyle, qrCode: QRMatrix?, into page: inout Page
  ) -> [KeyHint] {
    switch state.step {
    case .task: TaskScreen.draw(state, into: &page)
    case .userAndService: IdentityScreen.draw(state, into: &page)
    case .secret: SecretScreen.draw(state, into: &page)
    case .reader: ReaderScreen.draw(state, into: &page)
    case .burn: BurnScreen.draw(state, into: &page)
    case .serviceKey: ServiceKeyScreen.draw(state, style: style, qrCode: qrCode, into: &page)
    case .confirm: ConfirmScreen.draw(state, into: &page)
    case .backupCodes: BackupCodesScreen.draw(state, into: &page)
    case .done: DoneScreen.draw(state, into: &page)
    case .verifyCode: VerifyCodeScreen.draw(state, into: &page)
    case .lostToken: LostTokenScreen.draw(state, into: &page)
    case .vault: VaultScreen.draw(state, into: &page)
    case .factoryToken: FactoryTokenScreen.draw(state, into: &page)
    }
  }

  /// The step titles as shown in the title bar.
  static func title(of step: WizardStep) -> String {
    switch step {
    case .task: "Task"
    case .userAndService: "User and service"
    case .secret: "Secret"
    case .reader: "Reader and token"
    case .burn: "Burn"
    case .serviceKey: "Key for the service"
    case .confirm: "Confirm"
    case .backupCodes: "Backup codes"
    case .done: "Done"
    case .verifyCode: "Verify a backup code"
    case .lostToken: "Lost token"
    case .vault: "Vault"
    case .factoryToken: "Token and seed"
    }
  }

  private static func drawTitle(_ state: WizardState, into page: inout Page) {
    let width = page.canvas.size.columns
    let job =
      switch state.flow {
      case .enroll: "Enroll a token"
      case .generate: "Generate a key"
      case .verifyCode: "Check a backup code"
      case .replaceLost: "Replace a lost token"
      case .reburn: "Re-burn a token"
      case .registerFactory: "Register a factory token"
      }
    let position = state.stepPosition
    let left = " tokenburner \(page.glyphs.separator.trimmingSpaces) \(job)"
    let right = "Step \(position.number) of \(position.total): \(title(of: state.step)) "
    page.canvas.put(left, row: 0, column: 0, role: .title)
    page.canvas.put(right, row: 0, column: width - right.count, role: .title)
    page.canvas.paint(row: 0, role: .title)
  }

  private static func drawNotice(_ state: WizardState, into page: inout Page) {
    guard let notice = state.notice, !state.isAskingToQuit else { return }
    let role: Role =
      switch notice.kind {
      case .success: .success
      case .warning: .warning
      case .error: .error
      }
    let rows = page.canvas.size.rows
    let lines = TextWrap.lines(notice.text, width: page.width).prefix(2)
    for (offset, text) in lines.enumerated() {
      page.canvas.put(
        text, row: rows - 3 + offset - (lines.count - 1), column: Page.margin, role: role)
    }
  }

  /// The key bar; when it is too wide, hints before the last two (back, quit) are dropped from
  /// the end so that quitting stays visible.
  private static func drawKeyBar(_ keys: [KeyHint], into page: inout Page) {
    let row = page.canvas.size.rows - 1
    var keys = keys
    func text() -> String {
      " " + keys.map { "\($0.key) \($0.meaning)" }.joined(separator: page.glyphs.separator)
    }
    while text().count > page.canvas.size.columns && keys.count > 2 {
      keys.remove(at: keys.count - 3)
    }
    let text = text()
    page.canvas.put(text, row: row, column: 0, role: .hint)
    page.canvas.paint(row: row, role: .hint)
  }

  private static func tooSmall(_ size: TerminalSize) -> Canvas {
    var canvas = Canvas(size: size)
    let lines = [
      "Terminal too small",
      "\(size.columns)x\(size.rows); the wizard needs at least "
        + "\(minimumSize.columns)x\(minimumSize.rows).",
      "Enlarge the window; nothing is lost.",
    ]
    for (index, line) in lines.enumerated() {
      let row = max(0, size.rows / 2 - 1) + index
      canvas.put(
        line, row: row, column: max(0, (size.columns - line.count) / 2),
        role: index == 0 ? .warning : .body)
    }
    return canvas
  }
}

/// One entry of the key bar: the key and what it does here.
struct KeyHint: Equatable {
  var key: String
  var meaning: String

  init(_ key: String, _ meaning: String) {
    self.key = key
    self.meaning = meaning
  }

  static let next = KeyHint("Enter", "next")
  static let back = KeyHint("Esc", "back")
  static let quit = KeyHint("F10", "quit")
}

extension String {
  var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }
}
