import TokenCrypto

/// One account of a Google Authenticator export (protobuf `OtpParameters`).
///
/// Codes are kept beside their meaning so that an unknown value is reported, not defaulted:
/// `algorithm` and `digits` are `nil` both when the export leaves them unspecified (code 0,
/// meaning the defaults SHA-1 and 6) and when it uses a code this program does not know.
public struct MigrationEntry: Equatable, Sendable {
  /// The shared key, raw bytes (field 1; not Base32).
  public var secret: Secret
  /// The label as the app showed it, often `Issuer:account` (field 2).
  public var name: String
  /// The service (field 3); may be empty.
  public var issuer: String
  /// The hash (field 4: 1 SHA-1, 2 SHA-256, 3 SHA-512, 4 MD5); `nil` for 0 or unknown codes.
  public var algorithm: OTPAlgorithmName?
  /// The raw `Algorithm` enum value.
  public var algorithmCode: Int
  /// The code length (field 5, an enum: 1 means 6 digits, 2 means 8); `nil` for 0 or unknown.
  public var digits: Int?
  /// The raw `DigitCount` enum value.
  public var digitsCode: Int
  /// Time- or counter-based (field 6: 1 HOTP, 2 TOTP).
  public var type: MigrationOTPType
  /// The HOTP counter (field 7); 0 when absent.
  public var counter: UInt64

  /// Creates an entry from meanings; the codes are derived.
  public init(
    secret: Secret, name: String, issuer: String = "", algorithm: OTPAlgorithmName? = .sha1,
    digits: Int? = 6, type: MigrationOTPType = .totp, counter: UInt64 = 0
  ) {
    self.secret = secret
    self.name = name
    self.issuer = issuer
    self.algorithm = algorithm
    algorithmCode = algorithm.flatMap { Self.algorithmCodes.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
    self.digits = digits
    digitsCode = digits == 6 ? 1 : digits == 8 ? 2 : 0
    self.type = type
    self.counter = counter
  }

  /// The account name: `name` without a leading `issuer:` prefix and the spaces after it.
  public var account: String {
    guard !issuer.isEmpty, name.hasPrefix(issuer + ":") else { return name }
    return String(name.dropFirst(issuer.count + 1).drop { $0 == " " })
  }

  /// `Algorithm` enum order, from code 1.
  static let algorithmCodes: [OTPAlgorithmName] = [.sha1, .sha256, .sha512, .md5]

  /// Decodes one `OtpParameters` message; `index` (from 0) is for error messages.
  static func decode(_ reader: ProtobufReader, index: Int) throws(MigrationError)
    -> MigrationEntry
  {
    var reader = reader
    var secretBytes: [UInt8] = []
    defer { SecureBytes.zero(&secretBytes) }
    var entry = MigrationEntry(
      secret: Secret([]), name: "", algorithm: nil, digits: nil, type: .unknown(0))
    while let field = try reader.nextField() {
      switch (field.number, field.value) {
      case (1, .lengthDelimited(let range)):
        SecureBytes.zero(&secretBytes)
        secretBytes = reader.bytes(in: range)
      case (2, .lengthDelimited(let range)):
        entry.name = try text(reader.bytes(in: range), field: "name", index: index)
      case (3, .lengthDelimited(let range)):
        entry.issuer = try text(reader.bytes(in: range), field: "issuer", index: index)
      case (4, .varint(let value)):
        entry.algorithmCode = MigrationPayload.int32(value)
        entry.algorithm =
          (1...4).contains(entry.algorithmCode) ? algorithmCodes[entry.algorithmCode - 1] : nil
      case (5, .varint(let value)):
        entry.digitsCode = MigrationPayload.int32(value)
        entry.digits = [1: 6, 2: 8][entry.digitsCode]
      case (6, .varint(let value)):
        entry.type = MigrationOTPType(code: MigrationPayload.int32(value))
      case (7, .varint(let value)):
        entry.counter = value
      case (1...7, _):
        throw .malformed(field.wrongWireType)
      default:
        continue
      }
    }
    entry.secret = Secret(secretBytes)
    return entry
  }

  private static func text(_ bytes: [UInt8], field: String, index: Int) throws(MigrationError)
    -> String
  {
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw .invalidText(field: field, entry: index)
    }
    return text
  }
}

/// The `OtpType` of an export entry.
public enum MigrationOTPType: Equatable, Hashable, Sendable {
  /// Code 2: time-based (RFC 6238).
  case totp
  /// Code 1: counter-based (RFC 4226).
  case hotp
  /// Code 0 (unspecified) or a value this program does not know.
  case unknown(Int)

  /// Maps the protobuf enum value.
  public init(code: Int) {
    switch code {
    case 1: self = .hotp
    case 2: self = .totp
    default: self = .unknown(code)
    }
  }

  /// The protobuf enum value.
  public var code: Int {
    switch self {
    case .hotp: 1
    case .totp: 2
    case .unknown(let code): code
    }
  }
}

extension ProtobufReader {
  /// `next()` with wire errors reported as a damaged export.
  mutating func nextField() throws(MigrationError) -> Field? {
    do {
      return try next()
    } catch {
      throw .malformed(error)
    }
  }
}

extension ProtobufReader.Field {
  /// The error for a known field number that arrived with an unexpected wire type.
  var wrongWireType: ProtobufWireError {
    .wrongWireType(field: number, wireType: value.wireType, offset: offset)
  }
}
