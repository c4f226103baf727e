import Foundation
import OTP
import Registry

/// The printed (or saved) backup code sheet a user takes home (PRODUCT.md "Backup codes"):
/// who, which service and token, when and by whom, the numbered codes, and that each works
/// once. The service's own recovery key may be added by the operator; it is printed here and
/// stored nowhere.
struct BackupCodeSheet {
  var enrollment: Enrollment
  var codes: [BackupCode]
  var issuedAt: Int64
  var operatorName: String
  /// Typed by the operator from the service's recovery page; never stored.
  var serviceRecoveryKey: String?

  /// Plain text, 72 columns at most, for `lp` or a file.
  var text: String {
    var lines: [String] = []
    lines.append("BACKUP CODES - two-step verification")
    lines.append(String(repeating: "=", count: 36))
    lines.append("")
    lines.append("User      \(enrollment.user.terminalSafe)")
    lines.append("Service   \(enrollment.service?.terminalSafe ?? "-")")
    lines.append(
      "Token     serial \(enrollment.serial.terminalSafe)"
        + (enrollment.model.map { " (\($0.terminalSafe))" } ?? ""))
    lines.append("Issued    \(Self.date(issuedAt)) by \(operatorName.terminalSafe)")
    lines.append("")
    lines.append("Each code works once. Use one when your token is lost or broken, or")
    lines.append("when the helpdesk asks you to prove who you are. Keep this sheet")
    lines.append("somewhere safe and apart from the token.")
    lines.append("")
    for (index, code) in codes.enumerated() {
      let number = String(index + 1).leftPadded(to: 2)
      lines.append("   \(number).  \(code.text)      [ ] used")
    }
    if let serviceRecoveryKey, !serviceRecoveryKey.isEmpty {
      lines.append("")
      lines.append(
        "Recovery key from \(enrollment.service?.terminalSafe ?? "the service") (not kept by the helpdesk):"
      )
      lines.append("   \(serviceRecoveryKey.terminalSafe)")
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  /// `2026-11-26 09:20 UTC`.
  static func date(_ time: Int64) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
  }
}
