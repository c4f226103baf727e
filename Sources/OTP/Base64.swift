import TokenCrypto

/// Lenient Base64 decoding (RFC 4648 §4 and the URL-safe alphabet of §5) for export payloads
/// that have passed through QR scanners, URL encoders and form decoders.
///
/// Both alphabets are accepted at once. A space is read as `+`, because form-decoding a query
/// turns an unescaped `+` into a space. Line breaks and tabs are ignored. `=` padding is optional
/// but nothing may follow it. A final group of one symbol is an error; leftover bits of the last
/// symbol are dropped.
enum Base64 {
  /// Why Base64 text could not be decoded; never carries the text.
  enum Failure: Error, Equatable {
    /// A character outside both alphabets; `position` counts characters from 1.
    case invalidCharacter(position: Int)
    /// Symbols after `=` padding.
    case dataAfterPadding(position: Int)
    /// A symbol count that leaves one symbol in the final group.
    case impossibleLength
  }

  /// Decodes `text`; the caller owns (and should zero) the result.
  static func decode(_ text: String) throws(Failure) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count * 3 / 4)
    var buffer: UInt32 = 0
    var bits = 0
    var symbols = 0
    var paddingPosition: Int?
    var complete = false
    defer { if !complete { SecureBytes.zero(&bytes) } }
    for (index, character) in text.enumerated() {
      let position = index + 1
      if character == "\n" || character == "\r" || character == "\r\n" || character == "\t" {
        continue
      }
      if character == "=" {
        if paddingPosition == nil { paddingPosition = position }
        continue
      }
      guard let value = value(of: character) else {
        throw .invalidCharacter(position: position)
      }
      if let paddingPosition { throw .dataAfterPadding(position: paddingPosition) }
      symbols += 1
      buffer = (buffer << 6) | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
        buffer &= (1 << UInt32(bits)) - 1
      }
    }
    guard symbols % 4 != 1 else { throw .impossibleLength }
    complete = true
    return bytes
  }

  /// The 6-bit value of a symbol in either alphabet (space standing for `+`).
  private static func value(of character: Character) -> UInt8? {
    guard let ascii = character.asciiValue else { return nil }
    switch ascii {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"): return ascii - UInt8(ascii: "A")
    case UInt8(ascii: "a")...UInt8(ascii: "z"): return ascii - UInt8(ascii: "a") + 26
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return ascii - UInt8(ascii: "0") + 52
    case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "): return 62
    case UInt8(ascii: "/"), UInt8(ascii: "_"): return 63
    default: return nil
    }
  }
}
