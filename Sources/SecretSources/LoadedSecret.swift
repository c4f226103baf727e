import OTP

/// A secret with whatever the source said about it. A bare secret has no type, algorithm,
/// digits or period: the command's flags and defaults decide them.
public struct LoadedSecret {
  /// The key bytes.
  public var secret: Secret
  /// From a URI or export; `nil` when unknown (an export entry of an unknown type).
  public var type: OTPType?
  public var algorithm: OTPAlgorithmName?
  public var digits: Int?
  public var period: Int?
  /// Issuer and account from a URI, for labels; never secret.
  public var issuer: String?
  public var account: String?

  /// A secret and what its source said about it.
  public init(
    secret: Secret, type: OTPType? = nil, algorithm: OTPAlgorithmName? = nil, digits: Int? = nil,
    period: Int? = nil, issuer: String? = nil, account: String? = nil
  ) {
    self.secret = secret
    self.type = type
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
    self.issuer = issuer
    self.account = account
  }

  /// Whether the parameters came from a URI or export rather than flags.
  public var carriesParameters: Bool { period != nil }
}
