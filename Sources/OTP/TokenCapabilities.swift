import TokenCrypto

/// What a hardware token can hold, and the check of a service's parameters against it.
///
/// The parser accepts whatever a valid URI may say; this is the separate step that decides
/// whether this token can show the same codes, and if not, says why in operator sentences.
public struct TokenCapabilities: Equatable, Sendable {
  /// The token family, for messages.
  public var name: String
  /// Code types the token generates.
  public var types: Set<OTPType>
  /// HMAC hashes the token computes.
  public var algorithms: [HashAlgorithm]
  /// Code lengths the display shows.
  public var digits: [Int]
  /// Time steps in seconds.
  public var periods: [Int]
  /// Accepted secret lengths in bytes.
  public var secretLength: ClosedRange<Int>
  /// Below this many bytes a secret works but earns a warning (RFC 4226 §4 R6: at least
  /// 128 bits).
  public var recommendedSecretLength: Int

  /// Creates a capability description.
  public init(
    name: String, types: Set<OTPType>, algorithms: [HashAlgorithm], digits: [Int],
    periods: [Int], secretLength: ClosedRange<Int>, recommendedSecretLength: Int
  ) {
    self.name = name
    self.types = types
    self.algorithms = algorithms
    self.digits = digits
    self.periods = periods
    self.secretLength = secretLength
    self.recommendedSecretLength = recommendedSecretLength
  }

  /// Token2 single-profile programmable tokens (OTPC, miniOTP, C30x; protocol note §4): TOTP
  /// only, SHA-1 or SHA-256, a fixed 6-digit display, 30 or 60 s, seeds of 10...63 bytes
  /// (63 is the device limit, §4.6.1; under 10 is refused as Token2's own burner does).
  public static let token2SingleProfile = TokenCapabilities(
    name: "Token2 single-profile token", types: [.totp], algorithms: [.sha1, .sha256],
    digits: [6], periods: [30, 60], secretLength: 10...63, recommendedSecretLength: 16)

  /// Checks one set of parameters.
  ///
  /// - Parameters:
  ///   - type: TOTP or HOTP.
  ///   - algorithm: the hash the service names.
  ///   - digits: the code length the service expects.
  ///   - period: the step in seconds.
  ///   - secret: the key; only its length is examined, and it is carried into the plan.
  /// - Returns: a `BurnPlan`, or every problem found (never an empty list).
  public func check(
    type: OTPType, algorithm: OTPAlgorithmName, digits: Int, period: Int, secret: Secret
  ) -> CapabilityCheck {
    evaluate(
      type: type, algorithm: algorithm, digits: digits, period: period, secret: secret,
      problems: [])
  }

  /// Checks a parsed `otpauth://` URI.
  public func check(_ uri: OTPAuthURI) -> CapabilityCheck {
    check(
      type: uri.type, algorithm: uri.algorithm, digits: uri.digits, period: uri.period,
      secret: uri.secret)
  }

  /// The shared check; `nil` parameters were unreadable and are already in `problems`.
  func evaluate(
    type: OTPType?, algorithm: OTPAlgorithmName?, digits: Int?, period: Int, secret: Secret,
    problems known: [CapabilityProblem]
  ) -> CapabilityCheck {
    var problems = known
    if let type, !types.contains(type) { problems.append(.unsupportedType(type)) }
    var hash: HashAlgorithm?
    if let algorithm {
      hash = algorithm.hashAlgorithm.flatMap { algorithms.contains($0) ? $0 : nil }
      if hash == nil { problems.append(.unsupportedAlgorithm(algorithm, supported: algorithms)) }
    }
    if let digits, !self.digits.contains(digits) {
      problems.append(.unsupportedDigits(digits, supported: self.digits))
    }
    if !periods.contains(period) { problems.append(.unsupportedPeriod(period, supported: periods)) }
    if secret.count < secretLength.lowerBound {
      problems.append(.secretTooShort(bytes: secret.count, minimum: secretLength.lowerBound))
    } else if secret.count > secretLength.upperBound {
      problems.append(.secretTooLong(bytes: secret.count, maximum: secretLength.upperBound))
    }
    guard problems.isEmpty, let hash, let digits else { return .unsupported(problems) }
    var warnings: [CapabilityWarning] = []
    if secret.count < recommendedSecretLength {
      warnings.append(.shortSecret(bytes: secret.count, recommended: recommendedSecretLength))
    }
    return .burnable(
      BurnPlan(
        algorithm: hash, digits: digits, period: period, secret: secret, warnings: warnings))
  }
}

/// The outcome of a capability check: burnable with a plan, or the reasons it is not.
public enum CapabilityCheck: Equatable, Sendable {
  /// The token can hold this account.
  case burnable(BurnPlan)
  /// The token cannot; at least one reason, in parameter order.
  case unsupported([CapabilityProblem])

  /// The plan, when burnable.
  public var plan: BurnPlan? {
    if case .burnable(let plan) = self { plan } else { nil }
  }

  /// The reasons, empty when burnable.
  public var problems: [CapabilityProblem] {
    if case .unsupported(let problems) = self { problems } else { [] }
  }
}

/// What to write to the token once the parameters fit it.
public struct BurnPlan: Equatable, Sendable {
  /// The HMAC hash to configure.
  public var algorithm: HashAlgorithm
  /// The code length (informational on fixed-display tokens).
  public var digits: Int
  /// The time step in seconds.
  public var period: Int
  /// The key to write (unpadded; padding is the protocol's business, note §4.6).
  public var secret: Secret
  /// Things the operator should know that do not stop the burn.
  public var warnings: [CapabilityWarning]

  /// Creates a plan.
  public init(
    algorithm: HashAlgorithm, digits: Int, period: Int, secret: Secret,
    warnings: [CapabilityWarning] = []
  ) {
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
    self.secret = secret
    self.warnings = warnings
  }

  /// The parameters for computing the codes the token will show.
  public var totpParameters: TOTPParameters {
    TOTPParameters(algorithm: algorithm, digits: digits, period: period)
  }
}

/// A concern that does not stop a burn.
public enum CapabilityWarning: Equatable, Sendable, CustomStringConvertible {
  /// The secret is shorter than RFC 4226 §4 recommends (bytes).
  case shortSecret(bytes: Int, recommended: Int)

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .shortSecret(let bytes, let recommended):
      "The secret is only \(bytes) bytes, shorter than the \(recommended) bytes (128 bits) "
        + "RFC 4226 asks for; it will work, but the service chose a weak key."
    }
  }
}
