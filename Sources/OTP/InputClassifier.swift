/// Recognises what a scanned QR payload or pasted text is, so that wrong inputs (the token's
/// own serial barcode, a Microsoft push QR, a passkey QR, a web link) are explained instead of
/// failing as "invalid secret" (protocol note §7, reference/peers.md (c)).
public enum InputClassifier {
  /// Token2 serial numbers start with these digits (protocol note §4.7: 8659600...8659632).
  public static let token2SerialPrefix = "865"

  /// Fewest digits taken as a serial number (the model prefixes alone have seven).
  public static let minimumSerialDigits = 7

  /// Fewest Base32 symbols taken as a bare secret: 16 symbols are 10 bytes, the smallest key
  /// a Token2 token accepts. Shorter letter strings are more likely words.
  public static let minimumBase32Symbols = 16

  /// Classifies `text`, checking in this order: empty, `otpauth-migration:`, `otpauth:`,
  /// `phonefactor:`, `FIDO:/`, `0x` hex, all digits (a Token2 serial when at least 7 digits
  /// start with 865), any other URI scheme, Base32, and otherwise plain text. Schemes are
  /// case-insensitive.
  public static func classify(_ text: String) -> ClassifiedInput {
    let trimmed = text.trimmedWhitespace
    guard !trimmed.isEmpty else { return .text }
    let scheme = RawURI(trimmed)?.scheme
    switch scheme {
    case "otpauth-migration":
      return .migration(Result { () throws(MigrationError) in try MigrationPayload.parse(text) })
    case "otpauth":
      return .otpauth(Result { () throws(OTPAuthURIError) in try OTPAuthURI.parse(text) })
    case "phonefactor":
      return .phonefactor
    case "fido" where trimmed.dropFirst(5).hasPrefix("/"):
      return .fido
    default:
      break
    }
    if SecretText.hexDigitsStart(String(trimmed)) != nil {
      return .hexSecret(Result { () throws(SecretTextError) in try SecretText.parse(text) })
    }
    let compact = trimmed.filter { !Base32.isSeparator($0) }
    if !compact.isEmpty, compact.allSatisfy({ $0.isASCII && $0.isNumber }) {
      let isSerial =
        compact.count >= minimumSerialDigits && compact.hasPrefix(token2SerialPrefix)
      return isSerial ? .token2Serial(compact) : .text
    }
    if let scheme, !trimmed.contains(where: \.isWhitespace) {
      return .url(scheme: scheme)
    }
    if looksLikeBase32(compact) {
      return .base32Secret(Result { () throws(SecretTextError) in try SecretText.parse(text) })
    }
    return .text
  }

  /// Letters and digits only (after separators and trailing `=`), letters all in one case,
  /// and long enough to be a usable key. Typos such as `0` or `1` still count, so that the
  /// operator hears what is wrong with the secret instead of "not recognised".
  static func looksLikeBase32(_ compact: String) -> Bool {
    var symbols = Substring(compact)
    while symbols.last == "=" { symbols = symbols.dropLast() }
    guard symbols.count >= minimumBase32Symbols,
      symbols.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
    else { return false }
    let letters = symbols.filter(\.isLetter)
    return letters.allSatisfy(\.isUppercase) || letters.allSatisfy(\.isLowercase)
  }
}

/// What an input is, with the decoded content where there is one.
public enum ClassifiedInput: Equatable, Sendable {
  /// An `otpauth://` setup URI, parsed or with the reason it cannot be.
  case otpauth(Result<OTPAuthURI, OTPAuthURIError>)
  /// A Google Authenticator export, decoded or with the reason it cannot be.
  case migration(Result<MigrationPayload, MigrationError>)
  /// A bare Base32 secret.
  case base32Secret(Result<Secret, SecretTextError>)
  /// A hexadecimal secret with a `0x` prefix.
  case hexSecret(Result<Secret, SecretTextError>)
  /// A Microsoft Authenticator push-notification QR (`phonefactor://`).
  case phonefactor
  /// A passkey / FIDO hybrid sign-in QR (`FIDO:/…`).
  case fido
  /// Some other URI (web link, Wi-Fi, mail…), with its lower-cased scheme.
  case url(scheme: String)
  /// All digits starting with a Token2 prefix: the token's own serial number barcode.
  case token2Serial(String)
  /// Anything else.
  case text

  /// A stable machine name: "otpauth", "migration", "base32", "hex", "phonefactor", "fido",
  /// "url", "serial" or "text".
  public var kind: String {
    switch self {
    case .otpauth: "otpauth"
    case .migration: "migration"
    case .base32Secret: "base32"
    case .hexSecret: "hex"
    case .phonefactor: "phonefactor"
    case .fido: "fido"
    case .url: "url"
    case .token2Serial: "serial"
    case .text: "text"
    }
  }

  /// What the input is and what to do, for the operator. Never contains a secret.
  public var explanation: String {
    let scanInstead =
      "Scan the QR code the service shows when you add an authenticator app."
    switch self {
    case .otpauth(.success(let uri)):
      let name = [uri.issuer ?? "", uri.account].filter { !$0.isEmpty }.joined(separator: ": ")
      return "This is an authenticator setup code" + (name.isEmpty ? "." : " for \(name).")
    case .otpauth(.failure(let error)):
      return "This is an authenticator setup code, but it cannot be used. \(error)"
    case .migration(.success(let payload)):
      let count = payload.entries.count
      let part =
        payload.batchSize > 1 ? " (QR code \(payload.batchIndex + 1) of \(payload.batchSize))" : ""
      return "This is a Google Authenticator export with \(count) "
        + (count == 1 ? "account" : "accounts") + "\(part). Choose the account to burn."
    case .migration(.failure(let error)):
      return "\(error) Export the accounts again and scan the new QR code."
    case .base32Secret(.success(let secret)):
      return "This is a Base32 secret key (\(secret.count) bytes) without a service or account "
        + "name; enter those yourself."
    case .base32Secret(.failure(let error)):
      return "This looks like a Base32 secret key, but it cannot be read. \(error)"
    case .hexSecret(.success(let secret)):
      return "This is a hexadecimal secret key (\(secret.count) bytes) without a service or "
        + "account name; enter those yourself."
    case .hexSecret(.failure(let error)):
      return "This looks like a hexadecimal secret key, but it cannot be read. \(error)"
    case .phonefactor:
      return "This is a Microsoft Authenticator push-notification QR code, which a hardware "
        + "token cannot use. In Microsoft's security info page choose \"I want to use a "
        + "different authenticator app\" (or add a hardware token) to get a code for the token."
    case .fido:
      return "This is a passkey (FIDO) sign-in QR code, not an authenticator setup code. "
        + scanInstead
    case .url(let scheme):
      let what = scheme == "http" || scheme == "https" ? "a web link" : "a \(scheme): link"
      return "This is \(what), not an authenticator setup code. " + scanInstead
    case .token2Serial:
      return "This is the token's own serial number barcode, not the service's setup QR code. "
        + scanInstead
    case .text:
      return "This is not an authenticator setup code or a secret key. " + scanInstead
    }
  }
}
