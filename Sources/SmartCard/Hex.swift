/// Hexadecimal text for byte strings, used in traces, tests and fixtures.
public enum Hex {
  /// Upper-case hex with a space between bytes, e.g. `80 41 00 00`.
  public static func spaced(_ bytes: [UInt8]) -> String {
    bytes.map { String(format2: $0) }.joined(separator: " ")
  }

  /// Parses hex digits, ignoring spaces, newlines and colons. `nil` on any other character or
  /// an odd number of digits.
  public static func parse(_ text: String) -> [UInt8]? {
    let digits = text.filter { !$0.isWhitespace && $0 != ":" }
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
}
