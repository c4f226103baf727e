import Foundation
import OTP
import Registry
import SafeText

/// The printed (or saved) backup code sheet a user takes home (PRODUCT.md "Backup codes"):
/// who, which service and token, when and by whom, the numbered codes, and that each works
/// once. The service's own recovery key may be added by the operator; it is printed here and
/// stored nowhere.
public struct BackupCodeSheet {
  public var enrollment: Enrollment
  public var codes: [BackupCode]
  public var issuedAt: Int64
  public var operatorName: String
  /// Typed by the operator from the service's recovery page; never stored.
  public var serviceRecoveryKey: String?

  /// The sheet of `codes` issued for `enrollment` at `issuedAt` by `operatorName`.
  public init(
    enrollment: Enrollment, codes: [BackupCode], issuedAt: Int64, operatorName: String,
    serviceRecoveryKey: String? = nil
  ) {
    self.enrollment = enrollment
    self.codes = codes
    self.issuedAt = issuedAt
    self.operatorName = operatorName
    self.serviceRecoveryKey = serviceRecoveryKey
  }

  /// Plain text, 72 columns at most, for `lp` or a file.
  public var text: String {
    var lines: [String] = []
    lines.append("BACKUP CODES - two-step verification")
    lines.append(String(repeating: "=", count: 36))
    lines.append("")
    lines.append("User      \(TerminalText.escaped(enrollment.user))")
    lines.append("Service   \((enrollment.service.map { TerminalText.escaped($0) }) ?? "-")")
    lines.append(
      "Token     serial \(TerminalText.escaped(enrollment.serial))"
        + (enrollment.model.map { " (\(TerminalText.escaped($0)))" } ?? ""))
    lines.append("Issued    \(Self.date(issuedAt)) by \(TerminalText.escaped(operatorName))")
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
        "Recovery key from \((enrollment.service.map { TerminalText.escaped($0) }) ?? "the service") (not kept by the helpdesk):"
      )
      lines.append("   \(TerminalText.escaped(serviceRecoveryKey))")
    }
    lines.append("")
    return lines.joined(separator: "\n")
  }

  /// `2026-11-26 09:20 UTC`.
  public static func date(_ time: Int64) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
  }
}

extension String {
  /// Pads with leading spaces to `width` characters (the code numbers' column).
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
