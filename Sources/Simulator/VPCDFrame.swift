/// One message from vpcd (vsmartcard's virtual reader driver) to the virtual card.
///
/// Wire format (vsmartcard `vpcd.c`): every frame is a 2-byte big-endian length and a payload.
/// A 1-byte payload is a control code; anything longer is a command APDU. The card answers
/// `getATR` and APDUs with one frame each and never answers the power and reset codes.
public enum VPCDMessage: Equatable, Sendable {
  /// `00`: the reader powers the card down (field off).
  case powerOff
  /// `01`: the reader powers the card up (field on).
  case powerOn
  /// `02`: warm reset.
  case reset
  /// `04`: the reader asks for the ATR (also its presence poll, several times a second).
  case getATR
  /// A 1-byte code this client does not know; ignored.
  case unknownControl(UInt8)
  /// A command APDU to hand to the applet.
  case apdu([UInt8])
  /// A zero-length frame; ignored.
  case empty

  /// Classifies a received payload.
  public init(payload: [UInt8]) {
    switch payload.count {
    case 0: self = .empty
    case 1:
      switch payload[0] {
      case 0x00: self = .powerOff
      case 0x01: self = .powerOn
      case 0x02: self = .reset
      case 0x04: self = .getATR
      default: self = .unknownControl(payload[0])
      }
    default: self = .apdu(payload)
    }
  }
}

/// The vpcd length-prefixed framing.
public enum VPCDFrame {
  /// vpcd's default TCP port, 35963 (0x8C7B), as in `/etc/reader.conf.d/vpcd`.
  public static let defaultPort: UInt16 = 0x8C7B
  /// The largest payload a 2-byte length can describe.
  public static let maximumPayload = 0xFFFF

  /// The frame for `payload`: length high byte, length low byte, payload.
  public static func encode(_ payload: [UInt8]) -> [UInt8] {
    precondition(payload.count <= maximumPayload, "vpcd frames carry at most 65535 bytes")
    return [UInt8(payload.count >> 8), UInt8(payload.count & 0xFF)] + payload
  }

  /// The payload length announced by a 2-byte header.
  public static func payloadLength(header: [UInt8]) -> Int {
    precondition(header.count == 2, "the vpcd header is two bytes")
    return Int(header[0]) << 8 | Int(header[1])
  }
}
