import TokenCrypto

/// Parameters that determine a TOTP code stream (RFC 6238 §4, Key URI format).
public struct TOTPParameters: Equatable, Hashable, Sendable, Codable {
  /// HMAC hash; SHA-1 is the RFC 6238 and Key URI default.
  public var algorithm: HashAlgorithm
  /// Code length, 6...8 here (RFC 4226 §5.3 requires at least 6).
  public var digits: Int
  /// Step length in seconds, at least 1 (RFC 6238 X; 30 by default).
  public var period: Int

  public init(algorithm: HashAlgorithm = .sha1, digits: Int = 6, period: Int = 30) {
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
  }

  /// SHA-1, 6 digits, 30 seconds: what most services and most tokens use.
  public static let standard = TOTPParameters()
}
