import OTP
import OperatorOutput
import SecretSources
import Token2

/// A secret made by `burn --generate`, shown exactly once after a successful burn so the
/// operator can enter the same key in each service's 2FA user manager. Never shown when the
/// burn failed: a key that is not on the token must not end up in a service.
public struct GeneratedAccount {
  public let uri: OTPAuthURI

  public init(loaded: LoadedSecret, report: BurnReport, user: String?, service: String?) {
    uri = OTPAuthURI(
      issuer: service, account: user ?? "token \(report.serial)", secret: loaded.secret,
      algorithm: report.algorithm == .sha256 ? .sha256 : .sha1, digits: 6,
      period: report.period.seconds)
  }

  /// The key as upper-case Base32 in groups of four. Secret material.
  public var groupedBase32: String {
    Base32.grouped(Base32.encode(uri.secret.revealedBytes()))
  }

  /// Shows the key and its otpauth URI once (human output), as `display` decided.
  public func showOnce(_ display: KeyDisplay.Mode) {
    Output.line()
    KeyDisplay.show(
      [
        "Generated secret: enter it in the service's 2FA setup now; it is not shown again.",
        "  Key   \(groupedBase32)",
        "  URI   \(uri.uriString)",
      ], mode: display)
  }
}
