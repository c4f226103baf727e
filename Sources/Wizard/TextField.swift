/// An editable line of text: characters are added at the end and removed from the end.
public struct TextField: Equatable, Sendable {
  /// The text entered so far.
  public private(set) var text: String
  /// Most characters the field accepts.
  public let limit: Int

  /// A field holding `text`, accepting at most `limit` characters.
  public init(_ text: String = "", limit: Int = 256) {
    self.limit = limit
    self.text = String(text.prefix(limit))
  }

  /// Whether nothing was entered.
  public var isEmpty: Bool { text.isEmpty }

  /// Appends `addition` without control characters, up to the limit.
  mutating func insert(_ addition: String) {
    let clean = addition.filter {
      !$0.isNewline && !($0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false)
    }
    text = String((text + clean).prefix(limit))
  }

  /// Removes the last character, if any.
  mutating func deleteBackward() {
    if !text.isEmpty { text.removeLast() }
  }

  /// Replaces the whole text.
  mutating func set(_ newText: String) {
    text = String(newText.prefix(limit))
  }
}
