import TokenCrypto

/// Why a token cannot hold an account, as one operator sentence each.
public enum CapabilityProblem: Equatable, Sendable, CustomStringConvertible {
  /// The account is of a type the token does not generate (HOTP on a TOTP token).
  case unsupportedType(OTPType)
  /// An export entry whose type code is unspecified (0) or unknown.
  case unknownType(code: Int)
  /// The hash is not one the token computes (SHA-512, MD5 on Token2).
  case unsupportedAlgorithm(OTPAlgorithmName, supported: [HashAlgorithm])
  /// An export entry whose algorithm code is unknown.
  case unknownAlgorithm(code: Int)
  /// The code length is not one the display shows.
  case unsupportedDigits(Int, supported: [Int])
  /// An export entry whose digit-count code is unknown.
  case unknownDigits(code: Int)
  /// The time step in seconds is not one the token supports.
  case unsupportedPeriod(Int, supported: [Int])
  /// The secret has fewer bytes than the token accepts.
  case secretTooShort(bytes: Int, minimum: Int)
  /// The secret has more bytes than the token stores.
  case secretTooLong(bytes: Int, maximum: Int)

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .unsupportedType(.hotp):
      "This is a counter-based (HOTP) account; this token only makes time-based (TOTP) codes."
    case .unsupportedType(.totp):
      "This is a time-based (TOTP) account; this token only makes counter-based (HOTP) codes."
    case .unknownType(let code):
      "The export does not say whether this account is time-based (type code \(code)); "
        + "this token needs a time-based (TOTP) account."
    case .unsupportedAlgorithm(let algorithm, let supported):
      "This token supports only \(Self.list(supported.map(\.displayName), "and")); "
        + "the service asks for \(algorithm.displayName)."
    case .unknownAlgorithm(let code):
      "The export names an algorithm this program does not know (code \(code))."
    case .unsupportedDigits(let digits, let supported):
      "This token can only show \(Self.list(supported.map { "\($0)" }, "or"))-digit codes; "
        + "the service asks for \(digits)."
    case .unknownDigits(let code):
      "The export names a code length this program does not know (code \(code))."
    case .unsupportedPeriod(let period, let supported):
      "This token can change codes only every \(Self.list(supported.map { "\($0)" }, "or")) "
        + "seconds; the service asks for \(period)."
    case .secretTooShort(let bytes, let minimum):
      "The secret is \(bytes) bytes; this token needs at least \(minimum)."
    case .secretTooLong(let bytes, let maximum):
      "The secret is \(bytes) bytes; this token holds at most \(maximum)."
    }
  }

  /// "a", "a and b", "a, b and c".
  static func list(_ items: [String], _ conjunction: String) -> String {
    guard let last = items.last else { return "" }
    let head = items.dropLast()
    return head.isEmpty ? last : head.joined(separator: ", ") + " \(conjunction) " + last
  }
}
