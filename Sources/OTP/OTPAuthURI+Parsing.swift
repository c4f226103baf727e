import TokenCrypto

extension OTPAuthURI {
  /// Reads an `otpauth://` URI the way real services write it (Key Uri Format, with the rules
  /// of reference/peers.md (d)).
  ///
  /// - Scheme and type are case-insensitive; surrounding whitespace is ignored.
  /// - Label: percent-decoded with `+` literal (a path, RFC 3986 §3.3), split on the first `:`
  ///   (escaped `%3A` alike) into `labelIssuer` and `account`; leading spaces of the account are
  ///   dropped. When the `issuer=` value is itself a label prefix followed by `:`, the split comes
  ///   after it, so an issuer containing a colon (`https://id.example.com`) survives.
  /// - Query: form-decoded (`+` is a space). `issuer=` wins over the label prefix, which is the
  ///   fallback. Parameter names are case-insensitive; unknown parameters are ignored; a piece
  ///   without `=` continues the previous value (an unescaped `&`); a `%` that starts no escape is
  ///   literal; unescaped spaces and `#` are ordinary characters.
  /// - `secret` is required and read with lenient Base32; `digits` must be 6...8 (what the token
  ///   can show is a separate check), `period` a positive number of seconds, `counter` is
  ///   required for HOTP and ignored for TOTP.
  /// - A repeated recognised parameter, or an escape that decodes to invalid UTF-8, is an error
  ///   rather than a guess.
  ///
  /// - Throws: `OTPAuthURIError`, which never contains the secret.
  public static func parse(_ text: String) throws(OTPAuthURIError) -> OTPAuthURI {
    guard let raw = RawURI(text.trimmedWhitespace), raw.scheme == "otpauth" else {
      throw .notOTPAuth
    }
    guard let type = OTPType(rawValue: raw.host.lowercased()) else {
      throw .unknownType(String(raw.host))
    }
    guard let label = PercentCoding.decode(raw.path ?? "", plusAsSpace: false) else {
      throw .invalidPercentEncoding(.label)
    }
    let parameters = try Parameters(raw)

    guard let secretText = parameters.values["secret"], !secretText.isEmpty else {
      throw .missingSecret
    }
    var secretBytes: [UInt8]
    do {
      secretBytes = try Base32.decode(secretText)
    } catch {
      throw .invalidSecret(error)
    }
    defer { SecureBytes.zero(&secretBytes) }
    guard !secretBytes.isEmpty else { throw .missingSecret }

    let issuerParameter = parameters.values["issuer"].flatMap { $0.isEmpty ? nil : $0 }
    let (labelIssuer, account) = splitLabel(label, issuer: issuerParameter)
    var uri = OTPAuthURI(
      type: type, issuer: issuerParameter ?? labelIssuer, account: account,
      secret: Secret(secretBytes))
    uri.labelIssuer = labelIssuer
    if let value = parameters.number("algorithm") {
      guard let algorithm = OTPAlgorithmName(uriValue: value) else {
        throw .unknownAlgorithm(value)
      }
      uri.algorithm = algorithm
    }
    if let value = parameters.number("digits") {
      guard let digits = Int(value), (6...8).contains(digits) else { throw .invalidDigits(value) }
      uri.digits = digits
    }
    if let value = parameters.number("period") {
      guard let period = Int(value), period > 0 else { throw .invalidPeriod(value) }
      uri.period = period
    }
    if type == .hotp {
      guard let value = parameters.number("counter") else { throw .missingCounter }
      guard let counter = UInt64(value) else { throw .invalidCounter(value) }
      uri.counter = counter
    }
    return uri
  }

  /// Splits a decoded label into issuer prefix and account name.
  static func splitLabel(_ label: String, issuer: String?) -> (issuer: String?, account: String) {
    let prefix: Substring
    let rest: Substring
    if let issuer, label.hasPrefix(issuer + ":") {
      prefix = label.prefix(issuer.count)
      rest = label.dropFirst(issuer.count + 1)
    } else if let colon = label.firstIndex(of: ":") {
      prefix = label[..<colon]
      rest = label[label.index(after: colon)...]
    } else {
      return (nil, String(label.drop { $0 == " " }))
    }
    return (prefix.isEmpty ? nil : String(prefix), String(rest.drop { $0 == " " }))
  }

  /// The recognised query parameters, decoded, each at most once.
  private struct Parameters {
    static let recognised: Set<String> = [
      "secret", "issuer", "algorithm", "digits", "period", "counter",
    ]
    var values: [String: String] = [:]

    init(_ raw: RawURI) throws(OTPAuthURIError) {
      for (rawName, rawValue) in raw.queryParameters() {
        guard let name = PercentCoding.decode(rawName, plusAsSpace: true)?.lowercased() else {
          throw .invalidPercentEncoding(.parameterName)
        }
        guard Self.recognised.contains(name) else { continue }
        guard values[name] == nil else { throw .duplicateParameter(name) }
        guard let value = PercentCoding.decode(rawValue, plusAsSpace: true) else {
          throw .invalidPercentEncoding(.parameter(name))
        }
        values[name] = value
      }
    }

    /// A numeric or keyword parameter with surrounding whitespace removed; `nil` when absent.
    func number(_ name: String) -> String? {
      values[name].map { String($0.trimmedWhitespace) }
    }
  }
}
