import SmartCard

/// The four settings WRITE CONFIG always carries together (protocol note §4.5): display
/// timeout, clock, TOTP hash and time step. Family A has no partial or time-only write.
public struct TokenConfiguration: Equatable, Sendable {
  /// Display auto-off timeout.
  public var displayTimeout: DisplayTimeout
  /// The clock value written to the token, Unix seconds (UTC).
  public var time: UInt32
  /// TOTP hash.
  public var algorithm: Token2Algorithm
  /// TOTP time step.
  public var period: Token2Period

  /// The settings as given; `time` is Unix seconds.
  public init(
    displayTimeout: DisplayTimeout, time: UInt32, algorithm: Token2Algorithm, period: Token2Period
  ) {
    self.displayTimeout = displayTimeout
    self.time = time
    self.algorithm = algorithm
    self.period = period
  }

  /// The 19-byte plaintext TLV:
  /// `81 11 | 1F 01 dd | 0F 04 tttttttt | 86 06 | 0A 01 hh | 0D 01 ss` (§4.5).
  public var tlv: [UInt8] {
    let timeBytes = (0..<4).map { UInt8(truncatingIfNeeded: time >> (24 - 8 * $0)) }
    typealias Tag = FamilyA.ConfigTag
    return SimpleTLV(
      tag: Tag.systemConfig,
      children: [
        SimpleTLV(tag: Tag.displayTimeout, value: [displayTimeout.wireValue]),
        SimpleTLV(tag: Tag.utcTime, value: timeBytes),
        SimpleTLV(
          tag: Tag.totpParameters,
          children: [
            SimpleTLV(tag: Tag.totpHMAC, value: [algorithm.wireValue]),
            SimpleTLV(tag: Tag.totpTimeStep, value: [period.wireValue]),
          ]),
      ]
    ).encoded
  }

  /// Parses a config TLV strictly, checking every tag and length byte in order as the
  /// firmware does (OT2 `cmd_config`).
  ///
  /// - Returns: `nil` for anything but the exact 19-byte layout with known values.
  public init?(tlv bytes: [UInt8]) {
    typealias Tag = FamilyA.ConfigTag
    guard bytes.count == FamilyA.configTLVLength,
      bytes[0] == Tag.systemConfig, bytes[1] == 0x11,
      bytes[2] == Tag.displayTimeout, bytes[3] == 0x01,
      bytes[5] == Tag.utcTime, bytes[6] == 0x04,
      bytes[11] == Tag.totpParameters, bytes[12] == 0x06,
      bytes[13] == Tag.totpHMAC, bytes[14] == 0x01,
      bytes[16] == Tag.totpTimeStep, bytes[17] == 0x01,
      let displayTimeout = DisplayTimeout(wireValue: bytes[4]),
      let algorithm = Token2Algorithm(wireValue: bytes[15]),
      let period = Token2Period(wireValue: bytes[18])
    else { return nil }
    let time = bytes[7...10].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    self.init(displayTimeout: displayTimeout, time: time, algorithm: algorithm, period: period)
  }
}
