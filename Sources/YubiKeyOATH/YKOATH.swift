/// Constants of the YKOATH applet (protocol note §6.1): the AID, instruction bytes and tags.
public enum YKOATH {
  /// The OATH applet's AID.
  public static let aid: [UInt8] = [0xA0, 0x00, 0x00, 0x05, 0x27, 0x21, 0x01]
  /// The management applet's AID (serial and firmware of a YubiKey; not reachable over every
  /// NFC reader).
  public static let managementAID: [UInt8] = [0xA0, 0x00, 0x00, 0x05, 0x27, 0x47, 0x11, 0x17]

  /// Instruction bytes, all with CLA `00`.
  public enum Instruction {
    public static let put: UInt8 = 0x01
    public static let delete: UInt8 = 0x02
    public static let setCode: UInt8 = 0x03
    public static let reset: UInt8 = 0x04
    public static let list: UInt8 = 0xA1
    public static let calculate: UInt8 = 0xA2
    public static let validate: UInt8 = 0xA3
    /// SELECT with P1 `04`, CALCULATE ALL with P1 `00`.
    public static let selectOrCalculateAll: UInt8 = 0xA4
    public static let sendRemaining: UInt8 = 0xA5
  }

  /// TLV tags.
  public enum Tag {
    public static let name: UInt8 = 0x71
    public static let nameListEntry: UInt8 = 0x72
    public static let key: UInt8 = 0x73
    public static let challenge: UInt8 = 0x74
    public static let fullResponse: UInt8 = 0x75
    public static let truncatedResponse: UInt8 = 0x76
    public static let hotp: UInt8 = 0x77
    /// A property byte that follows its tag without a length byte.
    public static let property: UInt8 = 0x78
    public static let version: UInt8 = 0x79
    public static let imf: UInt8 = 0x7A
    public static let algorithm: UInt8 = 0x7B
    public static let touch: UInt8 = 0x7C
  }

  /// The property value asking for a touch before each code.
  public static let requireTouch: UInt8 = 0x02
}
