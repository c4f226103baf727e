import TokenCrypto

/// The hash of a one-time password's HMAC, as otpauth URIs, tokens and the command line name it
/// (RFC 4226, RFC 6238 §1.2): the ones codes can be computed with (`OTPAlgorithmName` also
/// reads MD5).
public enum HashAlgorithm: String, Sendable, CaseIterable, Codable {
  /// HMAC-SHA-1 (RFC 4226; the default everywhere).
  case sha1 = "SHA1"
  /// HMAC-SHA-256.
  case sha256 = "SHA256"
  /// HMAC-SHA-512.
  case sha512 = "SHA512"

  /// The digest `HMAC` computes the codes with.
  public var digest: DigestKind {
    switch self {
    case .sha1: .sha1
    case .sha256: .sha256
    case .sha512: .sha512
    }
  }
}
