/// What the terminal can show, decided once at start from the locale and the environment.
public struct TerminalCapabilities: Equatable, Sendable {
  /// Unicode or ASCII glyphs.
  public var glyphs: Glyphs
  /// How QR codes are drawn.
  public var qrStyle: QRStyle
  /// Whether colour is used (has colours and `NO_COLOR` is unset).
  public var usesColor: Bool

  /// Capabilities as given.
  public init(glyphs: Glyphs, qrStyle: QRStyle, usesColor: Bool) {
    self.glyphs = glyphs
    self.qrStyle = qrStyle
    self.usesColor = usesColor
  }

  /// Decides from the locale's character set, `TERM` and `NO_COLOR` (no-color.org: set and
  /// not empty disables colour). Pure: the caller reads the environment.
  public static func decide(
    codeset: String, term: String?, noColor: String?, hasColors: Bool
  ) -> TerminalCapabilities {
    let normalized = codeset.uppercased().filter { $0 != "-" }
    let isUTF8 = normalized == "UTF8"
    let qrStyle: QRStyle = !isUTF8 ? .ascii : (term == "linux" ? .fullBlocks : .halfBlocks)
    return TerminalCapabilities(
      glyphs: isUTF8 ? .unicode : .ascii, qrStyle: qrStyle,
      usesColor: hasColors && (noColor ?? "").isEmpty)
  }
}
