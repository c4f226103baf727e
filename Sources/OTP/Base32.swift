import TokenCrypto

/// Base32 with the RFC 4648 §6 alphabet (`A`–`Z`, `2`–`7`), as otpauth secrets use it.
///
/// Decoding is lenient about presentation and strict about content:
/// - case-insensitive; whitespace (spaces, tabs, line breaks, the no-break spaces that web pages
///   and PDFs paste) and dashes are ignored (services print secrets in groups such as
///   `JBSW Y3DP EHPK 3PXP`);
/// - `=` padding is optional and its count is not checked, but nothing may follow it;
/// - any other character is an error that gives its position, never the character (it is
///   part of the secret);
/// - a final group of 1, 3 or 6 symbols is an error (`impossibleLength`): no encoder produces it,
///   so a symbol was lost or added and guessing the key would give wrong codes;
/// - non-zero bits left over after the last whole byte (RFC 4648 §3.5) are dropped by default,
///   because services that generate random symbols rather than encoding bytes produce them, and
///   every mainstream verifier (Google Authenticator, Python `b32decode`) drops them too. Pass
///   `canonical: true` to reject them instead.
public enum Base32 {
  /// The RFC 4648 §6 alphabet, value order.
  static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  /// Decodes Base32 text into bytes (RFC 4648 §6), leniently as described on `Base32`.
  ///
  /// - Parameters:
  ///   - text: the encoded text; empty (or only separators) decodes to no bytes.
  ///   - canonical: reject non-zero trailing bits (RFC 4648 §3.5) instead of dropping them.
  /// - Throws: `Base32Error`; positions count characters of `text` from 1.
  public static func decode(_ text: String, canonical: Bool = false) throws(Base32Error)
    -> [UInt8]
  {
    var values: [UInt8] = []
    values.reserveCapacity(text.utf8.count)
    defer { SecureBytes.zero(&values) }
    var paddingPosition: Int?
    for (index, character) in text.enumerated() {
      let position = index + 1
      if Self.isSeparator(character) { continue }
      if character == "=" {
        if paddingPosition == nil { paddingPosition = position }
        continue
      }
      guard let value = Self.value(of: character) else {
        throw .invalidCharacter(position: position)
      }
      if let paddingPosition { throw .dataAfterPadding(position: paddingPosition) }
      values.append(value)
    }
    return try Self.pack(values, canonical: canonical)
  }

  /// Encodes bytes as upper-case Base32 (RFC 4648 §6).
  ///
  /// - Parameters:
  ///   - bytes: the data to encode.
  ///   - padded: append `=` to a multiple of 8 symbols (the RFC form); otpauth URIs omit it.
  public static func encode(_ bytes: [UInt8], padded: Bool = false) -> String {
    var symbols: [UInt8] = []
    symbols.reserveCapacity((bytes.count * 8 + 4) / 5 + 6)
    var buffer: UInt32 = 0
    var bits = 0
    for byte in bytes {
      buffer = (buffer << 8) | UInt32(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        symbols.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
      }
    }
    if bits > 0 {
      symbols.append(alphabet[Int((buffer << UInt32(5 - bits)) & 0x1F)])
    }
    if padded {
      while symbols.count % 8 != 0 { symbols.append(UInt8(ascii: "=")) }
    }
    return String(decoding: symbols, as: UTF8.self)
  }

  /// Splits encoded text into space-separated groups for reading aloud or typing,
  /// e.g. `JBSW Y3DP EHPK 3PXP`. Decoding ignores the spaces.
  ///
  /// - Parameters:
  ///   - encoded: the text to group, usually the result of `encode`.
  ///   - groupSize: characters per group, at least 1.
  public static func grouped(_ encoded: String, groupSize: Int = 4) -> String {
    precondition(groupSize >= 1, "groupSize must be at least 1")
    var result = ""
    result.reserveCapacity(encoded.count + encoded.count / groupSize)
    for (index, character) in encoded.enumerated() {
      if index > 0 && index % groupSize == 0 { result.append(" ") }
      result.append(character)
    }
    return result
  }

  /// Whether `character` is presentation only: any Unicode whitespace or a dash.
  static func isSeparator(_ character: Character) -> Bool {
    character.isWhitespace || character == "-"
  }

  /// The 5-bit value of an alphabet symbol, either case; `nil` otherwise.
  static func value(of character: Character) -> UInt8? {
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a")
    case UInt8(ascii: "2")...UInt8(ascii: "7"): return ascii - UInt8(ascii: "2") + 26
    default: return nil
    }
  }

  /// Packs 5-bit values into bytes, checking the final group (RFC 4648 §6 final quanta).
  private static func pack(_ values: [UInt8], canonical: Bool) throws(Base32Error) -> [UInt8] {
    let remainder = values.count % 8
    guard ![1, 3, 6].contains(remainder) else {
      throw .impossibleLength(symbols: values.count)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * 5 / 8)
    var buffer: UInt32 = 0
    var bits = 0
    for value in values {
      buffer = (buffer << 5) | UInt32(value)
      bits += 5
      if bits >= 8 {
        bits -= 8
        bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
      buffer &= (1 << UInt32(bits)) - 1
    }
    if canonical && buffer != 0 {
      SecureBytes.zero(&bytes)
      throw .nonZeroTrailingBits
    }
    return bytes
  }
}

/// Why Base32 text could not be decoded. Never carries the text itself, not even the one
/// character that is wrong: the rest of a key around a typo is still the key.
public enum Base32Error: Error, Equatable, Sendable, CustomStringConvertible {
  /// A character outside `A`–`Z`, `2`–`7`, separators and `=`; `position` counts from 1.
  case invalidCharacter(position: Int)
  /// Symbols follow `=` padding that started at `position`.
  case dataAfterPadding(position: Int)
  /// The symbol count leaves a final group of 1, 3 or 6, which no encoder produces.
  case impossibleLength(symbols: Int)
  /// Leftover bits after the last byte are not zero (only with `canonical: true`).
  case nonZeroTrailingBits

  /// One operator-facing sentence.
  public var description: String {
    switch self {
    case .invalidCharacter(let position):
      "Character \(position) is not Base32, which uses only the letters A to Z and the digits "
        + "2 to 7 (a 0, 1 or 8 is often a misread O, I, L or B)."
    case .dataAfterPadding(let position):
      "The Base32 text continues after the '=' padding at character \(position); "
        + "padding may only come at the end."
    case .impossibleLength(let symbols):
      "The Base32 text has \(symbols) symbols, a length no encoder produces; "
        + "a character is probably missing or extra."
    case .nonZeroTrailingBits:
      "The last Base32 symbol has bits set that do not belong to any byte; "
        + "the text is probably mistyped."
    }
  }
}
