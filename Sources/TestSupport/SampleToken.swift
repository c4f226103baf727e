import OTP
import Token2

/// The token and key the wizard and screen tests share: RFC 6238 appendix B's SHA-1 seed, a
/// time from its table (SHA-1 code 07081804, so 081804 with 6 digits) and an OTPC-P2-i.
public enum SampleToken {
  /// RFC 6238 appendix B SHA-1 seed: ASCII "12345678901234567890".
  public static let secret = Secret(Array("12345678901234567890".utf8))
  /// `secret` in Base32, as an operator pastes it.
  public static let base32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
  /// The host time of the tests: a row of the RFC table.
  public static let time: Int64 = 1_111_111_109
  /// An OTPC-P2-i serial (a restricted model).
  public static let serial = "8659622000001"

  /// `secret` as an otpauth URI for ann@example.com at Acme.
  public static var uri: String {
    "otpauth://totp/Acme:ann@example.com?secret=\(base32)&issuer=Acme"
  }

  /// The token as GET INFO reads it at `time`, its clock `drift` seconds ahead.
  public static func identity(serial: String = serial, drift: Int64 = 2) -> TokenIdentity {
    TokenIdentity(info: TokenInfo(serial: serial, tokenTime: UInt32(time + drift)), hostTime: time)
  }
}
