/// The box, bar and marker characters a screen uses: Unicode where the locale is UTF-8,
/// ASCII elsewhere.
public struct Glyphs: Equatable, Sendable {
  /// Horizontal rule.
  public var rule: Character
  /// A filled part of a progress bar.
  public var barFull: Character
  /// An empty part of a progress bar.
  public var barEmpty: Character
  /// Marks the highlighted entry.
  public var pointer: Character
  /// A finished stage.
  public var done: Character
  /// A stage under way.
  public var running: Character
  /// A stage not reached.
  public var pending: Character
  /// A failed stage.
  public var failed: Character
  /// One hidden character of a secret.
  public var mask: Character
  /// Separates key bar entries.
  public var separator: String
  /// Frames of the waiting animation.
  public var spinner: [Character]

  /// Unicode glyphs for UTF-8 terminals.
  public static let unicode = Glyphs(
    rule: "─", barFull: "█", barEmpty: "░", pointer: "▸", done: "✓", running: "▸",
    pending: "·", failed: "✗", mask: "•", separator: " · ", spinner: ["◐", "◓", "◑", "◒"])

  /// ASCII glyphs for other locales (`LANG=C`).
  public static let ascii = Glyphs(
    rule: "-", barFull: "#", barEmpty: ".", pointer: ">", done: "+", running: ">",
    pending: ".", failed: "x", mask: "*", separator: "  ", spinner: ["|", "/", "-", "\\"])
}
