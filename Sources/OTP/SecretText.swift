import TokenCrypto

/// A secret key typed or pasted by the operator: Base32 (lenient, see `Base32`) or hexadecimal
/// with an explicit `0x` prefix.
///
/// Hex is accepted only with the prefix: a hex string such as `3132333435` is also valid Base32,
/// and guessing between the two would burn the wrong key.
public enum SecretText {
  /// Parses a pasted secret.
  ///
  /// - Parameter text: Base32 such as `JBSW Y3DP EHPK 3PXP`, or hex such as `0x3132 3334`;
  ///   surrounding whitespace is ignored, and so are spaces inside hex.
  /// - Returns: the key bytes, at least one.
  /// - Throws: `SecretTextError`, which never contains the text.
  public static func parse(_ text: String) throws(SecretTextError) -> Secret {
    var bytes: [UInt8]
    if let digitsStart = hexDigitsStart(text) {
      bytes = try decodeHex(text, from: digitsStart)
    } else {
      do {
        bytes = try Base32.decode(text)
      } catch {
        throw .base32(error)
      }
    }
    defer { SecureBytes.zero(&bytes) }
    guard !bytes.isEmpty else { throw .empty }
    return Secret(bytes)
  }

  /// The character offset after a leading `0x` / `0X` (leading whitespace allowed), if any.
  static func hexDigitsStart(_ text: String) -> Int? {
    var offset = 0
    var iterator = text.makeIterator()
    while let character = iterator.next() {
      offset += 1
      if character.isWhitespace { continue }
      guard character == "0", let x = iterator.next(), x == "x" || x == "X" else { return nil }
      return offset + 1
    }
    return nil
  }

  /// Decodes the hex digits of `text` after the first `start` characters.
  private static func decodeHex(_ text: String, from start: Int) throws(SecretTextError)
    -> [UInt8]
  {
    var nibbles: [UInt8] = []
    defer { SecureBytes.zero(&nibbles) }
    for (index, character) in text.enumerated() where index >= start {
      if character.isWhitespace { continue }
      guard let value = character.hexDigitValue, character.isASCII else {
        throw .invalidHexCharacter(position: index + 1)
      }
      nibbles.append(UInt8(value))
    }
    guard nibbles.count % 2 == 0 else { throw .oddHexLength(digits: nibbles.count) }
    return stride(from: 0, to: nibbles.count, by: 2).map { nibbles[$0] << 4 | nibbles[$0 + 1] }
  }
}

/// Why a pasted secret could not be read. Never carries the secret text or bytes.
public enum SecretTextError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Nothing but whitespace (and separators or padding).
  case empty
  /// The Base32 text is malformed.
  case base32(Base32Error)
  /// A character after `0x` that is not a hex digit or whitespace; `position` counts from 1.
  case invalidHexCharacter(position: Int)
  /// An odd number of hex digits, so the last byte is incomplete.
  case oddHexLength(digits: Int)

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .empty:
      "The secret is empty."
    case .base32(let error):
      error.description
    case .invalidHexCharacter(let position):
      "Character \(position) is not a hexadecimal digit (0-9, A-F)."
    case .oddHexLength(let digits):
      "The hexadecimal secret has \(digits) digits; it needs an even number (two per byte)."
    }
  }
}
