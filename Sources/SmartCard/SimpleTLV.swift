/// One tag-length-value element with a one-byte tag and a one-byte length (0...255), the
/// "simple TLV" shape Token2 uses in its config payload (protocol note §4.5). Not full BER-TLV:
/// no multi-byte tags and no long-form lengths.
public struct SimpleTLV: Equatable, Hashable, Sendable {
  /// The tag byte.
  public var tag: UInt8
  /// The value, 0...255 bytes.
  public var value: [UInt8]

  /// A primitive element; `value` must be at most 255 bytes.
  public init(tag: UInt8, value: [UInt8]) {
    precondition(value.count <= 255, "simple TLV values are at most 255 bytes")
    self.tag = tag
    self.value = value
  }

  /// A constructed element whose value is the concatenation of `children`.
  public init(tag: UInt8, children: [SimpleTLV]) {
    self.init(tag: tag, value: children.flatMap(\.encoded))
  }

  /// Tag, length, value.
  public var encoded: [UInt8] { [tag, UInt8(value.count)] + value }

  /// Parses a run of elements that exactly fills `bytes`; `nil` when a length overruns the
  /// input (never traps on malformed input).
  public static func parseAll(_ bytes: [UInt8]) -> [SimpleTLV]? {
    var elements: [SimpleTLV] = []
    var index = 0
    while index < bytes.count {
      guard index + 2 <= bytes.count else { return nil }
      let length = Int(bytes[index + 1])
      let start = index + 2
      guard start + length <= bytes.count else { return nil }
      elements.append(SimpleTLV(tag: bytes[index], value: Array(bytes[start..<start + length])))
      index = start + length
    }
    return elements
  }
}
