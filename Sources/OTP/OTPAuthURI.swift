import TokenCrypto

/// An `otpauth://` provisioning URI (Google "Key Uri Format"): what a service's setup QR code
/// holds. `parse` reads it leniently (see `OTPAuthURI+Parsing.swift`); `uriString` writes it.
public struct OTPAuthURI: Equatable, Sendable {
  /// `totp` or `hotp` (the URI's host part).
  public var type: OTPType
  /// The service: the `issuer=` parameter when present, otherwise the label prefix.
  public var issuer: String?
  /// The label prefix before `:` exactly as the service wrote it, which may differ from
  /// `issuer` (Microsoft 365 puts the tenant name here and `Microsoft` in `issuer=`).
  public var labelIssuer: String?
  /// The account name (the label after the issuer prefix, leading spaces removed).
  public var account: String
  /// The shared key (raw bytes; Base32 in the URI).
  public var secret: Secret
  /// The HMAC hash; `SHA1` when the URI does not say.
  public var algorithm: OTPAlgorithmName
  /// Code length; 6 when the URI does not say. The parser accepts 6...8.
  public var digits: Int
  /// TOTP step in seconds; 30 when the URI does not say. Kept at 30 for HOTP.
  public var period: Int
  /// The HOTP moving factor (RFC 4226 §5.2); `nil` for TOTP.
  public var counter: UInt64?

  /// Key URI default code length (6, as in `TOTPParameters.standard`).
  public static let defaultDigits = TOTPParameters.standard.digits
  /// Key URI default period in seconds (30, as in `TOTPParameters.standard`).
  public static let defaultPeriod = TOTPParameters.standard.period

  /// Creates a URI value with `labelIssuer` equal to `issuer`, as `uriString` writes it.
  public init(
    type: OTPType = .totp, issuer: String?, account: String,
    secret: Secret, algorithm: OTPAlgorithmName = .sha1, digits: Int = defaultDigits,
    period: Int = defaultPeriod, counter: UInt64? = nil
  ) {
    self.type = type
    self.issuer = issuer
    self.labelIssuer = issuer
    self.account = account
    self.secret = secret
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
    self.counter = counter
  }

  /// Whether the label prefix names a different service than `issuer=` (worth showing both).
  public var issuerDiffersFromLabel: Bool {
    guard let labelIssuer, let issuer else { return false }
    return labelIssuer != issuer
  }

  /// The TOTP parameters for computing codes, or `nil` for HOTP and for MD5.
  public var totpParameters: TOTPParameters? {
    guard type == .totp, let hash = algorithm.hashAlgorithm else { return nil }
    return TOTPParameters(algorithm: hash, digits: digits, period: period)
  }

  /// The URI text: label `issuer:account` and an `issuer=` parameter (both percent-encoded,
  /// spaces as `%20`), the secret as unpadded upper-case Base32, then only the parameters that
  /// differ from the defaults (algorithm, digits, period), and `counter` for HOTP.
  ///
  /// Contains the secret: treat the result as secret material.
  public var uriString: String {
    var label = PercentCoding.encode(account, keeping: "@")
    if let issuer, !issuer.isEmpty {
      label = PercentCoding.encode(issuer, keeping: "@") + ":" + label
    }
    var secretBytes = secret.revealedBytes()
    var parameters = ["secret=" + Base32.encode(secretBytes)]
    SecureBytes.zero(&secretBytes)
    if let issuer, !issuer.isEmpty {
      parameters.append("issuer=" + PercentCoding.encode(issuer, keeping: "@"))
    }
    if algorithm != .sha1 { parameters.append("algorithm=" + algorithm.rawValue) }
    if digits != Self.defaultDigits { parameters.append("digits=\(digits)") }
    switch type {
    case .totp:
      if period != Self.defaultPeriod { parameters.append("period=\(period)") }
    case .hotp:
      parameters.append("counter=\(counter ?? 0)")
    }
    return "otpauth://\(type.rawValue)/\(label)?" + parameters.joined(separator: "&")
  }
}
