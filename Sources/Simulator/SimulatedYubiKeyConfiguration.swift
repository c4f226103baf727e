import YubiKeyOATH

/// How a simulated YubiKey's OATH applet is set up.
public struct SimulatedYubiKeyConfiguration: Sendable {
  /// The firmware version SELECT reports (default 5.7.1).
  public var firmware: OATHFirmwareVersion
  /// How many credentials fit (default: 64 from 5.7.0, 32 before).
  public var capacity: Int
  /// The access code set at start, UTF-8; `nil` for an applet without one.
  public var password: [UInt8]?
  /// The longest response data sent at once; the rest waits behind `61 XX` for SEND REMAINING.
  public var responseChunkLength: Int
  /// Status word of a PUT into a full applet: `6A 84`, or `6F 00` as some older keys answer.
  public var fullStatus: UInt16

  public init(
    firmware: OATHFirmwareVersion = OATHFirmwareVersion(5, 7, 1), capacity: Int? = nil,
    password: [UInt8]? = nil, responseChunkLength: Int = 255, fullStatus: UInt16 = 0x6A84
  ) {
    precondition((1...255).contains(responseChunkLength), "a response chunk is 1...255 bytes")
    self.firmware = firmware
    self.capacity = capacity ?? OATHAppletInfo.capacity(for: firmware)
    self.password = password
    self.responseChunkLength = responseChunkLength
    self.fullStatus = fullStatus
  }
}

/// What a simulated YubiKey counted; no key material.
public struct SimulatedYubiKeyCounters: Equatable, Sendable {
  /// APDUs processed.
  public var commands = 0
  /// VALIDATE commands received.
  public var validateCommands = 0
  /// VALIDATE commands whose proof was wrong.
  public var failedValidations = 0
  /// Touches the applet waited for, and how many of them came.
  public var touchRequests = 0
  public var touchesReceived = 0
  /// PUT commands that stored a credential.
  public var puts = 0

  public init() {}
}

extension SimulatorATR {
  /// `3B 8C 80 01 "YubikeyNEOr3" B1`: the ATR a YubiKey NEO shows on an NFC reader, byte for
  /// byte (its last byte is not the XOR check `contactless` would compute). ykman treats a card
  /// whose T0 byte is not `Fx` as reached over NFC and needs no USB device behind it.
  public static let yubiKeyNFC: [UInt8] =
    [0x3B, 0x8C, 0x80, 0x01] + Array("YubikeyNEOr3".utf8) + [0xB1]
}
