import OTP
import SafeText
import TokenCrypto

/// The JSON shape of `decode --json`: every code found and every file that failed.
public struct DecodeReport: Encodable {
  public var codes: [DecodedCode] = []
  public var errors: [FileError] = []

  public struct FileError: Encodable {
    public var file: String
    public var message: String

    /// `file` could not be decoded, for `message`.
    public init(file: String, message: String) {
      self.file = file
      self.message = message
    }
  }

  /// An empty report.
  public init() {}
}

/// One QR code of `decode`: where it was found, its payload (secrets redacted unless shown),
/// the classifier's kind and the parsed fields.
public struct DecodedCode: Encodable {
  public var file: String
  public var payload: String
  /// `otpauth`, `migration`, `base32`, `hex`, `phonefactor`, `fido`, `url`, `serial`, `text`,
  /// or `binary` for a payload that is not UTF-8 text.
  public var kind: String
  public var parsed: Parsed
  public var explanation: String
  /// The scan pass that found it (`as is`, `inverted`, ...).
  public var pass: String

  public init(file: String, code: ImageCodes.Code, pass: String, showSecret: Bool) {
    self.file = file
    self.pass = pass
    guard let text = code.text else {
      payload = "<\(code.byteCount) bytes of binary data>"
      kind = "binary"
      parsed = Parsed()
      explanation = "The QR code holds binary data, not text."
      return
    }
    payload = showSecret ? text : PayloadRedaction.redact(text, kind: code.classified)
    kind = code.classified.kind
    explanation = code.classified.explanation
    parsed = Parsed(code.classified, showSecret: showSecret)
  }

  /// The parsed fields; which ones are present depends on the kind.
  public struct Parsed: Encodable {
    public var error: String?
    public var type: String?
    public var issuer: String?
    public var labelIssuer: String?
    public var account: String?
    public var algorithm: String?
    public var digits: Int?
    public var period: Int?
    public var counter: UInt64?
    public var secret: String?
    public var secretBytes: Int?
    public var burnable: Bool?
    public var problems: [String]?
    public var batchSize: Int?
    public var batchIndex: Int?
    public var accounts: [Parsed]?
    public var scheme: String?
    public var serial: String?

    public init() {}

    public init(_ classified: ClassifiedInput, showSecret: Bool) {
      switch classified {
      case .otpauth(.success(let uri)):
        type = uri.type.rawValue
        issuer = uri.issuer
        labelIssuer = uri.issuerDiffersFromLabel ? uri.labelIssuer : nil
        account = uri.account
        algorithm = uri.algorithm.rawValue
        digits = uri.digits
        period = uri.period
        counter = uri.counter
        setSecret(uri.secret, showSecret: showSecret)
        setCheck(TokenCapabilities.token2SingleProfile.check(uri))
      case .migration(.success(let payload)):
        batchSize = payload.batchSize
        batchIndex = payload.batchIndex
        accounts = payload.entries.map { entry in
          var item = Parsed()
          item.type = Self.typeName(entry.type)
          item.issuer = entry.issuer.isEmpty ? nil : entry.issuer
          item.account = entry.account
          item.algorithm = entry.algorithm?.rawValue
          item.digits = entry.digits
          item.period = 30
          item.setSecret(entry.secret, showSecret: showSecret)
          item.setCheck(TokenCapabilities.token2SingleProfile.check(entry))
          return item
        }
      case .base32Secret(.success(let secret)), .hexSecret(.success(let secret)):
        setSecret(secret, showSecret: showSecret)
        setCheck(
          TokenCapabilities.token2SingleProfile.check(
            type: .totp, algorithm: .sha1, digits: 6, period: 30, secret: secret))
      case .otpauth(.failure(let error)):
        self.error = error.description
      case .migration(.failure(let error)):
        self.error = error.description
      case .base32Secret(.failure(let error)), .hexSecret(.failure(let error)):
        self.error = error.description
      case .url(let scheme):
        self.scheme = scheme
      case .token2Serial(let serial):
        self.serial = serial
      case .phonefactor, .fido, .text:
        break
      }
    }

    private mutating func setSecret(_ value: Secret, showSecret: Bool) {
      secretBytes = value.count
      guard showSecret else {
        secret = PayloadRedaction.placeholder
        return
      }
      var bytes = value.revealedBytes()
      secret = Base32.encode(bytes)
      SecureBytes.zero(&bytes)
    }

    private mutating func setCheck(_ check: CapabilityCheck) {
      burnable = check.plan != nil
      problems = check.problems.isEmpty ? nil : check.problems.map(\.description)
    }

    private static func typeName(_ type: MigrationOTPType) -> String {
      switch type {
      case .totp: "totp"
      case .hotp: "hotp"
      case .unknown(let code): "unknown (\(code))"
      }
    }
  }

  /// Label and value lines for the human output.
  public static func humanLines(_ parsed: Parsed, showSecret: Bool) -> [(String, String)] {
    var lines: [(String, String)] = []
    if let error = parsed.error { lines.append(("Problem", TerminalText.escaped(error))) }
    let name = [parsed.issuer, parsed.account].compactMap { $0 }.filter { !$0.isEmpty }
    if !name.isEmpty {
      lines.append(("Account", name.map { TerminalText.escaped($0) }.joined(separator: ": ")))
    }
    if let algorithm = parsed.algorithm, let digits = parsed.digits, let period = parsed.period {
      let type = parsed.type.map { $0.uppercased() + ", " } ?? ""
      lines.append(("Settings", "\(type)\(algorithm), \(digits) digits, \(period) s"))
    }
    if let bytes = parsed.secretBytes {
      let shown = showSecret ? (parsed.secret ?? "") : "hidden (--show-secret shows it)"
      lines.append(("Secret", "\(bytes) bytes, \(shown)"))
    }
    if let burnable = parsed.burnable {
      let verdict = burnable ? "a Token2 token can hold it" : "a Token2 token cannot hold it"
      lines.append(("Token", verdict))
      for problem in parsed.problems ?? [] { lines.append(("", problem)) }
    }
    if let batchSize = parsed.batchSize, let batchIndex = parsed.batchIndex, batchSize > 1 {
      lines.append(("Batch", "QR code \(batchIndex + 1) of \(batchSize)"))
    }
    for (index, account) in (parsed.accounts ?? []).enumerated() {
      lines.append(("Entry \(index + 1)", ""))
      lines += humanLines(account, showSecret: showSecret).map { ("  " + $0.0, $0.1) }
    }
    if let serial = parsed.serial { lines.append(("Serial", TerminalText.escaped(serial))) }
    return lines
  }
}
