import SafeText

/// Why an `otpauth://` URI could not be read. Never carries the secret; values quoted back
/// (type, algorithm, digits, period, counter) are shortened for display.
public enum OTPAuthURIError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text does not start with `otpauth:`.
  case notOTPAuth
  /// The type (host part) is neither `totp` nor `hotp`.
  case unknownType(String)
  /// No `secret=` parameter, or an empty one.
  case missingSecret
  /// The `secret=` value is not valid Base32.
  case invalidSecret(Base32Error)
  /// The `algorithm=` value is not SHA1, SHA256, SHA512 or MD5.
  case unknownAlgorithm(String)
  /// The `digits=` value is not a whole number from 6 to 8.
  case invalidDigits(String)
  /// The `period=` value is not a positive whole number of seconds.
  case invalidPeriod(String)
  /// An HOTP URI without `counter=` (required by the Key Uri Format).
  case missingCounter
  /// The `counter=` value is not a whole number from 0 to 2^64 - 1.
  case invalidCounter(String)
  /// A recognised parameter appears more than once, so its value would be a guess.
  case duplicateParameter(String)
  /// A percent escape decodes to bytes that are not UTF-8 text.
  case invalidPercentEncoding(OTPAuthURIPart)

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .notOTPAuth:
      "This is not an otpauth:// setup URI."
    case .unknownType(let type):
      "The setup URI's type \(Self.quote(type)) is unknown; only totp and hotp exist."
    case .missingSecret:
      "The setup URI has no secret key (secret= is missing or empty)."
    case .invalidSecret(let error):
      "The setup URI's secret key is damaged: \(error.description)"
    case .unknownAlgorithm(let value):
      "The setup URI asks for the algorithm \(Self.quote(value)), which is not SHA1, SHA256, "
        + "SHA512 or MD5."
    case .invalidDigits(let value):
      "The setup URI asks for \(Self.quote(value)) digits; codes have 6, 7 or 8 digits."
    case .invalidPeriod(let value):
      "The setup URI's period \(Self.quote(value)) is not a positive number of seconds."
    case .missingCounter:
      "The counter-based (HOTP) setup URI has no counter= value."
    case .invalidCounter(let value):
      "The setup URI's counter \(Self.quote(value)) is not a whole number."
    case .duplicateParameter(let name):
      "The setup URI gives \(name)= more than once, so its value is ambiguous."
    case .invalidPercentEncoding(let part):
      "The setup URI's \(part) contains %-escapes that are not valid UTF-8 text."
    }
  }

  /// Quotes a value from the URI, shortened so a long value cannot flood the screen, with its
  /// controls spelled out so a hostile QR code cannot drive the terminal through an error.
  static func quote(_ value: String) -> String {
    let limit = 24
    let shown = value.count <= limit ? "\(value)" : "\(value.prefix(limit))…"
    return "'" + TerminalText.escaped(shown) + "'"
  }
}

/// Where in an otpauth URI a problem is.
public enum OTPAuthURIPart: Equatable, Sendable, CustomStringConvertible {
  /// The label (`issuer:account` path).
  case label
  /// A parameter name.
  case parameterName
  /// The value of the named parameter.
  case parameter(String)

  /// The part as an operator reads it.
  public var description: String {
    switch self {
    case .label: "label (issuer and account name)"
    case .parameterName: "parameter names"
    case .parameter(let name): "\(name)= value"
    }
  }
}
