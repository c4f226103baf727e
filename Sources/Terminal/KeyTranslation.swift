import Canvas

/// Turns curses input codes into keys. Pure, so it is tested without a terminal.
public enum KeyTranslation {
  /// curses key codes (curses.h) for the special keys the wizard uses.
  public enum Code {
    /// `KEY_DOWN`.
    public static let down: UInt32 = 0o402
    /// `KEY_UP`.
    public static let up: UInt32 = 0o403
    /// `KEY_LEFT`.
    public static let left: UInt32 = 0o404
    /// `KEY_RIGHT`.
    public static let right: UInt32 = 0o405
    /// `KEY_BACKSPACE`.
    public static let backspace: UInt32 = 0o407
    /// `KEY_F0`; F(n) is `KEY_F0 + n`.
    public static let f0: UInt32 = 0o410
    /// `KEY_ENTER` (keypad Enter).
    public static let enter: UInt32 = 0o527
    /// `KEY_BTAB`.
    public static let backTab: UInt32 = 0o541
  }

  /// A key from a `KEY_CODE_YES` result: arrows, function keys, keypad Enter.
  public static func special(_ code: UInt32) -> Key? {
    switch code {
    case Code.down: .down
    case Code.up: .up
    case Code.left: .left
    case Code.right: .right
    case Code.backspace: .backspace
    case Code.enter: .enter
    case Code.backTab: .backTab
    case Code.f0 + 1...Code.f0 + 12: .function(Int(code - Code.f0))
    default: nil
    }
  }

  /// A key from an `OK` result: a character, or a control code.
  public static func character(_ code: UInt32) -> Key? {
    switch code {
    case 0x0A, 0x0D: return .enter
    case 0x09: return .tab
    case 0x1B: return .escape
    case 0x08, 0x7F: return .backspace
    case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
    default:
      guard code >= 0x20, let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }
}
