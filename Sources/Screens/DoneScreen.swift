import Canvas
import OTP
import Token2
import Wizard

/// The last step: what was done, nothing secret.
enum DoneScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.line("Enrollment finished.", role: .success)
    page.skip()
    page.field("User", state.user.text)
    page.field("Service", state.service.text)
    if let serial = state.tokenSerial { page.field("Token", "\(serial) (\(state.tokenModel))") }
    if let enrollment = state.recording.enrollment {
      page.wrappedField("Registry", enrollment.summary)
    }
    if let verdict = state.confirmation.verdict {
      page.field("Confirmed", confirmation(verdict))
    }
    var handed: [String] = ["\(state.backup.issuedCount) issued"]
    if state.backup.isPrinted { handed.append("printed") }
    if let path = state.backup.savedPath { handed.append("saved to \(path)") }
    page.wrappedField("Backup codes", handed.joined(separator: ", "))
    page.skip()
    page.paragraph(
      "The codes are no longer shown. The registry keeps only salted hashes: a code the user "
        + "reads out can be checked with `tokenburner codes verify`, and `tokenburner codes "
        + "generate` issues a new set.", role: .hint)
    return [KeyHint("Enter", "quit"), KeyHint("N", "next enrollment")]
  }

  private static func confirmation(_ verdict: CodeVerdict) -> String {
    switch verdict {
    case .matched(0): "the token's code matched the current step"
    case .matched(let offset):
      "the token's code matched \(offset < 0 ? "the previous" : "the next") step"
    case .matchedByEye: "the codes matched on sight"
    case .mismatch: "not confirmed"
    }
  }
}
