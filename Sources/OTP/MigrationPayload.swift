import TokenCrypto

/// A Google Authenticator export (`otpauth-migration://offline?data=…`): a base64 protobuf
/// `MigrationPayload` (schema in reference/peers.md §7, after Aegis `google_auth.proto`).
///
/// Large exports are split over several QR codes; `batchSize`, `batchIndex` and `batchId` say
/// which part this is. The format has no period field: every TOTP entry uses 30 seconds.
public struct MigrationPayload: Equatable, Sendable {
  /// The accounts in this QR code, in export order (field 1).
  public var entries: [MigrationEntry]
  /// Format version (field 2; 1 in current exports).
  public var version: Int
  /// How many QR codes the export spans (field 3).
  public var batchSize: Int
  /// This QR code's position in the export, from 0 (field 4).
  public var batchIndex: Int
  /// Identifies the export, the same in all its QR codes (field 5).
  public var batchId: Int

  /// Creates a payload value.
  public init(
    entries: [MigrationEntry], version: Int = 1, batchSize: Int = 1, batchIndex: Int = 0,
    batchId: Int = 0
  ) {
    self.entries = entries
    self.version = version
    self.batchSize = batchSize
    self.batchIndex = batchIndex
    self.batchId = batchId
  }

  /// The longest `data=` value accepted, in characters; a QR code holds under 3 KB.
  public static let maximumDataLength = 65_536

  /// Reads an `otpauth-migration://offline?data=…` URI (scheme case-insensitive).
  ///
  /// The `data` value is percent-decoded with `+` kept literal, then decoded as standard or
  /// URL-safe base64 in which a space stands for `+` (see `Base64`).
  ///
  /// - Throws: `MigrationError`, which never contains secret bytes.
  public static func parse(_ text: String) throws(MigrationError) -> MigrationPayload {
    guard let raw = RawURI(text.trimmedWhitespace), raw.scheme == "otpauth-migration" else {
      throw .notMigrationURI
    }
    let data = raw.queryParameters().filter {
      PercentCoding.decode($0.name, plusAsSpace: true)?.lowercased() == "data"
    }
    guard let first = data.first, !first.value.isEmpty else { throw .missingData }
    guard data.count == 1 else { throw .duplicateData }
    guard first.value.utf8.count <= maximumDataLength else {
      throw .tooLarge(characters: first.value.utf8.count)
    }
    guard let base64 = PercentCoding.decode(first.value, plusAsSpace: false) else {
      throw .invalidPercentEncoding
    }
    var bytes: [UInt8]
    do {
      bytes = try Base64.decode(base64)
    } catch {
      switch error {
      case .invalidCharacter(let position): throw .invalidBase64Character(position: position)
      case .dataAfterPadding(let position): throw .invalidBase64Character(position: position)
      case .impossibleLength: throw .invalidBase64Length
      }
    }
    defer { SecureBytes.zero(&bytes) }
    return try decode(protobuf: bytes)
  }

  /// Decodes the protobuf `MigrationPayload` message itself.
  ///
  /// Unknown fields are skipped; a known field with the wrong wire type, a truncated field,
  /// invalid UTF-8 in a name, or a payload without entries is an error.
  public static func decode(protobuf bytes: [UInt8]) throws(MigrationError) -> MigrationPayload {
    var reader = ProtobufReader(bytes)
    var payload = MigrationPayload(entries: [], version: 0, batchSize: 0)
    while let field = try reader.nextField() {
      switch (field.number, field.value) {
      case (1, .lengthDelimited(let range)):
        payload.entries.append(
          try MigrationEntry.decode(reader.nested(range), index: payload.entries.count))
      case (2, .varint(let value)): payload.version = int32(value)
      case (3, .varint(let value)): payload.batchSize = int32(value)
      case (4, .varint(let value)): payload.batchIndex = int32(value)
      case (5, .varint(let value)): payload.batchId = int32(value)
      case (1...5, _): throw .malformed(field.wrongWireType)
      default: continue
      }
    }
    guard !payload.entries.isEmpty else { throw .noEntries }
    return payload
  }

  /// Protobuf `int32`: the low 32 bits of the varint, signed.
  static func int32(_ value: UInt64) -> Int { Int(Int32(truncatingIfNeeded: value)) }
}

/// Why an export could not be read. Never carries secret bytes or the base64 text.
public enum MigrationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The text does not start with `otpauth-migration:`.
  case notMigrationURI
  /// No `data=` parameter, or an empty one.
  case missingData
  /// More than one `data=` parameter.
  case duplicateData
  /// The `data=` value is longer than `MigrationPayload.maximumDataLength`.
  case tooLarge(characters: Int)
  /// Percent escapes in `data=` that do not decode to text.
  case invalidPercentEncoding
  /// A character that is not base64 (or one after `=` padding); `position` counts from 1.
  case invalidBase64Character(position: Int)
  /// The base64 text has an impossible length (a symbol lost or added).
  case invalidBase64Length
  /// The protobuf bytes are damaged.
  case malformed(ProtobufWireError)
  /// An account's name or issuer (`field`) is not valid UTF-8; `entry` counts from 0.
  case invalidText(field: String, entry: Int)
  /// The export holds no accounts.
  case noEntries

  /// One operator-facing sentence.
  public var description: String {
    let prefix = "The Google Authenticator export cannot be read: "
    return switch self {
    case .notMigrationURI: "This is not a Google Authenticator export (otpauth-migration://)."
    case .missingData: prefix + "its data= part is missing; scan the QR code again."
    case .duplicateData: prefix + "it has more than one data= part."
    case .tooLarge(let characters):
      prefix + "its data is \(characters) characters long, far more than a QR code holds."
    case .invalidPercentEncoding: prefix + "its data has %-escapes that are not text."
    case .invalidBase64Character(let position):
      prefix + "character \(position) of its data is not base64; scan the QR code again."
    case .invalidBase64Length:
      prefix + "its data has a character missing or extra; scan the QR code again."
    case .malformed(let error): prefix + error.description
    case .invalidText(let field, let entry):
      prefix + "the \(field) of account \(entry + 1) is not valid text."
    case .noEntries: prefix + "it contains no accounts."
    }
  }
}
