import OTP
import TokenCrypto

/// The JSON shape of `decode --json`: every code found and every file that failed.
struct DecodeReport: Encodable {
  var codes: [DecodedCode] = []
  var errors: [FileError] = []

  struct FileError: Encodable {
    var file: String
    var message: String
  }
}

/// One QR code of `decode`: where it was found, its payload (secrets redacted unless shown),
/// the classifier's kind and the parsed fields.
struct DecodedCode: Encodable {
  var file: String
  var payload: String
  /// `otpauth`, `migration`, `base32`, `hex`, `phonefactor`, `fido`, `url`, `serial`, `text`,
  /// or `binary` for a payload that is not UTF-8 text.
  var kind: String
  var parsed: Parsed
  var explanation: String
  /// The scan pass that found it (`as is`, `inverted`, ...).
  var pass: String

  init(file: String, code: ImageCodes.Code, pass: String, showSecret: Bool) {
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
  struct Parsed: Encodable {
    var error: String?
    var type: String?
    var issuer: String?
    var labelIssuer: String?
    var account: String?
    var algorithm: String?
    var digits: Int?
    var period: Int?
    var counter: UInt64?
    var secret: String?
    var secretBytes: Int?
    var burnable: Bool?
    var problems: [String]?
    var batchSize: Int?
    var batchIndex: Int?
    var accounts: [Parsed]?
    var scheme: String?
    var serial: String?

    init() {}

    init(_ classified: ClassifiedInput, showSecret: Bool) {
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
  static func humanLines(_ parsed: Parsed, showSecret: Bool) -> [(String, String)] {
    var lines: [(String, String)] = []
    if let error = parsed.error { lines.append(("Problem", error.terminalSafe)) }
    let name = [parsed.issuer, parsed.account].compactMap { $0 }.filter { !$0.isEmpty }
    if !name.isEmpty { lines.append(("Account", name.map(\.terminalSafe).joined(separator: ": "))) }
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
    if let serial = parsed.serial { lines.append(("Serial", serial.terminalSafe)) }
    return lines
  }
}
