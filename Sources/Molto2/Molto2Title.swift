/// A profile title (protocol note §5.2): at most 12 bytes of printable ASCII. Titles are
/// stored in the clear and anyone holding the token reads them without the key (§5.3).
public struct Molto2Title: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Longest title, in bytes.
  public static let maximumLength = 12

  /// The title text.
  public let text: String

  /// A title exactly as given.
  ///
  /// - Throws: `Molto2InputProblem.titleTooLong` or `.titleNotPrintableASCII`.
  public init(_ text: String) throws(Molto2InputProblem) {
    guard text.utf8.allSatisfy(Self.isPrintableASCII) else { throw .titleNotPrintableASCII }
    guard text.utf8.count <= Self.maximumLength else {
      throw .titleTooLong(bytes: text.utf8.count)
    }
    self.text = text
  }

  /// The default title for an account from `issuer`: its printable ASCII characters, cut to 12
  /// bytes. `shortened` says whether anything was dropped, so the caller can warn.
  public static func fromIssuer(_ issuer: String) -> (title: Molto2Title, shortened: Bool) {
    let printable = issuer.utf8.filter(isPrintableASCII)
    let kept = Array(printable.prefix(maximumLength))
    let text = String(decoding: kept, as: UTF8.self)
    // Only printable ASCII of at most 12 bytes is left, so this cannot fail.
    let title = (try? Molto2Title(text)) ?? Molto2Title(unchecked: "")
    return (title, kept.count != issuer.utf8.count)
  }

  private init(unchecked text: String) { self.text = text }

  /// The 12 or fewer title bytes.
  public var bytes: [UInt8] { Array(text.utf8) }

  public var description: String { text }

  static func isPrintableASCII(_ byte: UInt8) -> Bool { (0x20...0x7E).contains(byte) }
}
