import HexCoding

/// The two status bytes SW1 SW2 that end every response (ISO/IEC 7816-4 §5.1.3).
public struct StatusWord: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// The status as one 16-bit number, SW1 in the high byte.
  public var rawValue: UInt16

  public init(rawValue: UInt16) { self.rawValue = rawValue }
  public init(_ sw1: UInt8, _ sw2: UInt8) { rawValue = UInt16(sw1) << 8 | UInt16(sw2) }

  public var sw1: UInt8 { UInt8(rawValue >> 8) }
  public var sw2: UInt8 { UInt8(rawValue & 0xFF) }

  /// `90 00`: normal processing.
  public static let success = StatusWord(rawValue: 0x9000)
  /// `67 00`: wrong length.
  public static let wrongLength = StatusWord(rawValue: 0x6700)
  /// `69 82`: security status not satisfied.
  public static let securityStatusNotSatisfied = StatusWord(rawValue: 0x6982)
  /// `69 83`: authentication method blocked. Token2 family A uses it for a refused
  /// authentication, a missing challenge and a bad MAC (protocol note §4.9).
  public static let authenticationBlocked = StatusWord(rawValue: 0x6983)
  /// `69 84`: referenced data invalidated.
  public static let referencedDataInvalid = StatusWord(rawValue: 0x6984)
  /// `6A 80`: incorrect parameters in the data field.
  public static let wrongData = StatusWord(rawValue: 0x6A80)
  /// `6A 82`: file or application not found (a SELECT of an absent applet).
  public static let fileNotFound = StatusWord(rawValue: 0x6A82)
  /// `6A 86`: incorrect P1-P2.
  public static let wrongP1P2 = StatusWord(rawValue: 0x6A86)
  /// `6D 00`: instruction not supported.
  public static let instructionNotSupported = StatusWord(rawValue: 0x6D00)
  /// `6E 00`: class not supported.
  public static let classNotSupported = StatusWord(rawValue: 0x6E00)

  /// Whether the command succeeded (`90 00`).
  public var isSuccess: Bool { self == .success }

  /// Hex form such as `69 83`, for operator messages.
  public var description: String {
    Hex.spaced([sw1, sw2])
  }
}
