import OTP
import Terminal
import Token2
import TokenCrypto
import Wizard

/// Ten numbered backup codes, large; Print, Save and "I wrote them down".
enum BackupCodesScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let backup = state.backup
    guard !backup.codes.isEmpty else {
      page.line("Drawing backup codes...", role: .hint)
      return [.back, .quit]
    }
    page.paragraph(
      "Hand these codes to \(state.user.text): each one works once, instead of the token. They "
        + "are shown only now.")
    page.skip()
    for (index, code) in backup.codes.enumerated() {
      let number = index + 1 < 10 ? " \(index + 1)." : "\(index + 1)."
      page.line("\(number)   \(large(code.text))", role: .code, indent: 2)
    }
    page.skip()
    var status: [String] = []
    if backup.isPrinted { status.append("printed") }
    if let path = backup.savedPath { status.append("saved to \(path)") }
    if backup.isAcknowledged { status.append("written down") }
    if !status.isEmpty { page.paragraph("Codes " + status.joined(separator: ", ") + ".", role: .success) }
    return [
      KeyHint("P", "print"), KeyHint("S", "save"), KeyHint("W", "I wrote them down"), .next,
      .back, .quit,
    ]
  }

  /// Letters spaced out so each reads on its own: `K 7 Q M X  4 X T P R`.
  static func large(_ text: String) -> String {
    text.split(separator: "-").map { group in group.map(String.init).joined(separator: " ") }
      .joined(separator: "   ")
  }
}

/// The last step: what was done, nothing secret.
enum DoneScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.line("Enrollment finished.", role: .success)
    page.skip()
    page.field("User", state.user.text)
    page.field("Service", state.service.text)
    if let report = state.burn.report {
      page.field("Token", "\(report.serial) (\(report.model?.displayName ?? "unknown model"))")
    }
    if let verdict = state.confirmation.verdict {
      page.field("Confirmed", confirmation(verdict))
    }
    var handed: [String] = ["\(state.backup.issuedCount) issued"]
    if state.backup.isPrinted { handed.append("printed") }
    if let path = state.backup.savedPath { handed.append("saved to \(path)") }
    page.field("Backup codes", handed.joined(separator: ", "))
    page.skip()
    page.paragraph(
      "The codes are no longer shown. This version keeps no record of them: the printed, saved "
        + "or written copy is the only one.", role: .hint)
    return [KeyHint("Enter", "quit"), KeyHint("N", "next enrollment")]
  }

  private static func confirmation(_ verdict: CodeVerdict) -> String {
    switch verdict {
    case .matched(0): "the token's code matched the current step"
    case .matched(let offset): "the token's code matched \(offset < 0 ? "the previous" : "the next") step"
    case .matchedByEye: "the codes matched on sight"
    case .mismatch: "not confirmed"
    }
  }
}

/// The "quit and lose this work?" question, drawn over the screen.
enum QuitPrompt {
  static let keys = [KeyHint("Y", "quit"), KeyHint("N", "stay")]

  static func draw(_ state: WizardState, into page: inout Page) {
    let lines = [
      "Quit the wizard?",
      state.burn.isRunning
        ? "A burn is under way; quitting now leaves the token in an unknown state."
        : "What was entered in this enrollment will be lost.",
      "Y quit    N stay",
    ]
    let width = min(page.canvas.size.columns - 4, (lines.map(\.count).max() ?? 0) + 6)
    let left = (page.canvas.size.columns - width) / 2
    let top = page.canvas.size.rows / 2 - 3
    let border = String(repeating: page.glyphs.rule, count: width)
    page.canvas.put(border, row: top, column: left, role: .warning)
    for (offset, line) in ([""] + lines + [""]).enumerated() {
      let padded = "   " + line + String(repeating: " ", count: max(0, width - line.count - 3))
      page.canvas.put(padded, row: top + 1 + offset, column: left, role: offset == 1 ? .warning : .body)
    }
    page.canvas.put(border, row: top + lines.count + 3, column: left, role: .warning)
  }
}
