/// Text from outside (a QR code's label, a seed file's serial, a user name typed on the command
/// line, a registry row written by another version) made safe to show on a terminal.
///
/// A terminal acts on some characters instead of showing them: C0 controls (ESC starts the
/// sequences that clear the screen or set the window title), DEL, the C1 controls U+0080–U+009F
/// (U+009B is a one-character CSI on many terminals) and the bidirectional controls (U+202E
/// turns the rest of the line around, so `moc.elgoog` reads as `google.com`). `escaped` replaces
/// each of them with a visible, inert spelling and leaves every other character as it was:
///
/// - C0 and DEL as `\x` and two lower-case hex digits: ESC is `\x1b`, a line feed `\x0a`;
/// - C1 and the bidi controls as `<U+` four upper-case hex digits `>`: `<U+009B>`, `<U+202E>`.
///
/// The spelling is for reading, not for parsing back: a label that really contains the four
/// characters `\x1b` looks the same as one holding ESC. Where the exact value matters, `--json`
/// carries it (JSON escapes every control; bidi controls stay in JSON strings as data).
public enum TerminalText {
  /// `text` with every control, DEL and bidi control spelled out, line feeds and tabs included:
  /// for one field (a label, a user, a serial, a file name) placed inside a line.
  public static func escaped(_ text: some StringProtocol) -> String {
    escape(text, keepingLayout: false)
  }

  /// `text` with the same characters spelled out except line feed and tab: for a whole output
  /// whose own layout uses them (a printed sheet, a message of several lines).
  public static func escapedKeepingLayout(_ text: some StringProtocol) -> String {
    escape(text, keepingLayout: true)
  }

  /// Whether `scalar` is one the terminal would act on: C0, DEL, C1 or a bidi control.
  public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    default: bidiControls.contains(scalar.value)
    }
  }

  /// Whether `text` holds any character `escaped` would spell out.
  public static func isSafe(_ text: some StringProtocol) -> Bool {
    !text.unicodeScalars.contains(where: isUnsafe)
  }

  /// ALM, LRM and RLM, the embeddings and overrides LRE, RLE, PDF, LRO, RLO, and the isolates
  /// LRI, RLI, FSI, PDI (Unicode UAX #9 §2).
  static let bidiControls: Set<UInt32> = [
    0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
  ]

  private static func escape(_ text: some StringProtocol, keepingLayout: Bool) -> String {
    // Most text needs nothing: return it unchanged without rebuilding it.
    guard !isSafe(text) else { return String(text) }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if !isUnsafe(scalar) || (keepingLayout && (scalar == "\n" || scalar == "\t")) {
        result.append(scalar)
      } else {
        result.append(contentsOf: spelling(of: scalar).unicodeScalars)
      }
    }
    return String(result)
  }

  private static func spelling(of scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: scalar.value > 0x7F)
    if scalar.value <= 0x7F {
      return "\\x" + (hex.count < 2 ? "0" + hex : hex)
    }
    return "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
  }
}
