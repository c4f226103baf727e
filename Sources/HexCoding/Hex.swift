/// Hexadecimal text for byte strings: the one encoder and decoder of the package (APDU traces
/// and status words, stored hash records and fingerprints, fixtures and the bench's input).
public enum Hex {
  /// Upper-case hex with a space between bytes, e.g. `80 41 00 00`.
  public static func spaced(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map(upperPair).joined(separator: " ")
  }

  /// Two lower-case digits per byte, nothing between them, e.g. `8041`.
  public static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
  }

  /// Parses hex digits, ignoring spaces, newlines and colons. `nil` on any other character or
  /// an odd number of digits.
  public static func parse(_ text: String) -> [UInt8]? {
    decode(text.filter { !$0.isWhitespace && $0 != ":" })
  }

  /// The bytes of an even-length string of hex digits and nothing else; `nil` otherwise.
  public static func decode(_ digits: some StringProtocol) -> [UInt8]? {
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(digits.count / 2)
    var index = digits.startIndex
    while index < digits.endIndex {
      let next = digits.index(index, offsetBy: 2)
      guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
      out.append(byte)
      index = next
    }
    return out
  }

  private static func upperPair(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
  }
}
