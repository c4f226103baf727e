/// Reads the YKOATH response shape: one-byte tags and one-byte lengths, except the property
/// tag `78`, whose single value byte follows without a length (protocol note §6.1).
public enum YKOATHTLV {
  /// One element.
  public struct Element: Equatable, Sendable {
    public var tag: UInt8
    public var value: [UInt8]
  }

  /// Every element of `bytes` in order; `nil` when a length runs past the end.
  public static func parse(_ bytes: [UInt8]) -> [Element]? {
    var elements: [Element] = []
    var index = 0
    while index < bytes.count {
      let tag = bytes[index]
      if tag == YKOATH.Tag.property {
        guard index + 1 < bytes.count else { return nil }
        elements.append(Element(tag: tag, value: [bytes[index + 1]]))
        index += 2
        continue
      }
      guard index + 1 < bytes.count else { return nil }
      let length = Int(bytes[index + 1])
      let start = index + 2
      guard start + length <= bytes.count else { return nil }
      elements.append(Element(tag: tag, value: Array(bytes[start..<start + length])))
      index = start + length
    }
    return elements
  }
}
