/// A key press, as the terminal driver decodes it (`KeyTranslation` for curses).
public enum Key: Equatable, Sendable {
  /// A printable character.
  case character(Character)
  /// Enter or Return.
  case enter
  /// Esc on its own.
  case escape
  /// Tab.
  case tab
  /// Shift-Tab.
  case backTab
  /// Backspace (either code terminals send).
  case backspace
  /// Arrow up.
  case up
  /// Arrow down.
  case down
  /// Arrow left.
  case left
  /// Arrow right.
  case right
  /// A function key, F1...F12.
  case function(Int)
  /// A control character, named by its letter: Ctrl-R is `control("r")`.
  case control(Character)
}
