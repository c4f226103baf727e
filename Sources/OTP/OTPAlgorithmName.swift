import TokenCrypto

/// The hash a service names for its codes (Key URI `algorithm=`, migration `Algorithm` enum).
///
/// Wider than `HashAlgorithm`: MD5 appears in Google Authenticator exports but no HMAC here or
/// on any token computes it, so it can be read and reported but never used.
public enum OTPAlgorithmName: String, Equatable, Hashable, Sendable, CaseIterable, Codable {
  /// HMAC-SHA-1 (RFC 4226; the default everywhere).
  case sha1 = "SHA1"
  /// HMAC-SHA-256 (RFC 6238 §1.2).
  case sha256 = "SHA256"
  /// HMAC-SHA-512 (RFC 6238 §1.2).
  case sha512 = "SHA512"
  /// HMAC-MD5 (only in some exports; not computable here).
  case md5 = "MD5"

  /// Reads a Key URI `algorithm` value: case-insensitive, `SHA-256` and `SHA256` alike.
  public init?(uriValue: String) {
    let key = uriValue.uppercased().filter { $0 != "-" && $0 != "_" }
    guard let name = Self(rawValue: key) else { return nil }
    self = name
  }

  /// The HMAC hash to compute codes with, or `nil` for MD5.
  public var hashAlgorithm: HashAlgorithm? {
    switch self {
    case .sha1: .sha1
    case .sha256: .sha256
    case .sha512: .sha512
    case .md5: nil
    }
  }

  /// The name as an operator reads it: `SHA-1`, `SHA-256`, `SHA-512`, `MD5`.
  public var displayName: String {
    switch self {
    case .sha1: "SHA-1"
    case .sha256: "SHA-256"
    case .sha512: "SHA-512"
    case .md5: "MD5"
    }
  }
}

extension HashAlgorithm {
  /// The name as an operator reads it: `SHA-1`, `SHA-256`, `SHA-512`.
  public var displayName: String { OTPAlgorithmName(rawValue: rawValue)?.displayName ?? rawValue }
}

/// Whether codes follow a counter (HOTP, RFC 4226) or the clock (TOTP, RFC 6238).
public enum OTPType: String, Equatable, Hashable, Sendable, CaseIterable, Codable {
  /// Time-based (RFC 6238): what Token2 tokens generate.
  case totp
  /// Counter-based (RFC 4226).
  case hotp
}
