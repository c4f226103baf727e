import SafeText

extension StringProtocol {
  /// The text as a field of a human line: every control (line feed and tab included), DEL and
  /// bidi control spelled out (`TerminalText.escaped`), so a label, user, serial or file name
  /// from outside can neither drive the terminal nor start a line of its own.
  var terminalSafe: String { TerminalText.escaped(self) }
}
