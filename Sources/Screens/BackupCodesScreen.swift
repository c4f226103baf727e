import Canvas
import OTP
import Token2
import Wizard

/// Ten numbered backup codes, large; Print, Save and "I wrote them down".
enum BackupCodesScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let backup = state.backup
    guard !backup.codes.isEmpty else {
      switch state.recording {
      case .failed(let reason):
        page.paragraph("The enrollment is not recorded in the registry: \(reason)", role: .error)
        page.skip()
        page.paragraph(
          "Backup codes are issued for a recorded enrollment. Press Enter to try again.")
      case .pending:
        page.line("Recording the enrollment in the registry...", role: .hint)
      default:
        page.line(
          backup.isGenerating ? "Issuing backup codes..." : "Press Enter to issue backup codes.",
          role: .hint)
      }
      return [.next, .back, .quit]
    }
    page.paragraph(
      "Hand these codes to \(state.user.text): each one works once, instead of the token. They "
        + "are shown only now; the registry keeps only salted hashes of them.")
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
    if !status.isEmpty {
      page.paragraph("Codes " + status.joined(separator: ", ") + ".", role: .success)
    }
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
