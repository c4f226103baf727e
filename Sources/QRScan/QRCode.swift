/// One QR code's payload: the exact bytes the code holds, and their text when the bytes are
/// UTF-8. Decoded here rather than by zbar, whose character-set guessing can turn UTF-8
/// names (`Café`, `山田`) into mojibake.
///
/// A payload may be an otpauth URI with a secret: `description` shows only the length.
public struct QRCode: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The payload bytes as encoded.
  public let bytes: [UInt8]

  /// Wraps payload bytes.
  public init(bytes: [UInt8]) { self.bytes = bytes }

  /// The payload as text: strict UTF-8, a leading byte-order mark dropped; `nil` when the
  /// bytes are not valid UTF-8 (a binary code).
  public var text: String? {
    var body = bytes[...]
    if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
    return String(validating: body, as: UTF8.self)
  }

  /// Never the payload: it may hold a secret.
  public var description: String { "QRCode(\(bytes.count) bytes)" }
}
