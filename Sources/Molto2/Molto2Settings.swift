import OTP

/// The TOTP hash of a profile (config tag `0A`).
public enum Molto2Algorithm: String, CaseIterable, Sendable, Codable {
  /// HMAC-SHA-1 (wire `01`).
  case sha1 = "SHA1"
  /// HMAC-SHA-256 (wire `02`).
  case sha256 = "SHA256"

  /// The wire value.
  public var wireValue: UInt8 { self == .sha1 ? 0x01 : 0x02 }

  /// The matching HMAC hash.
  public var hashAlgorithm: HashAlgorithm { self == .sha1 ? .sha1 : .sha256 }

  /// The algorithm for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) {
    guard let match = Self.allCases.first(where: { $0.wireValue == wireValue }) else { return nil }
    self = match
  }

  /// The profile algorithm for a hash, `nil` for SHA-512 (not offered by the device).
  public init?(_ hash: HashAlgorithm) {
    guard let match = Self.allCases.first(where: { $0.hashAlgorithm == hash }) else { return nil }
    self = match
  }
}

/// Code length of a profile (config tag `0B`): the wire value is the digit count.
public enum Molto2Digits: Int, CaseIterable, Sendable, Codable {
  case four = 4
  case six = 6
  case eight = 8
  case ten = 10

  /// The wire value (`04`, `06`, `08`, `0A`).
  public var wireValue: UInt8 { UInt8(rawValue) }

  /// The digit count for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) { self.init(rawValue: Int(wireValue)) }
}

/// Time step of a profile (config tag `0D`): 30 or 60 seconds, the wire value in seconds.
public enum Molto2Period: Int, CaseIterable, Sendable, Codable {
  case seconds30 = 30
  case seconds60 = 60

  /// The wire value (`1E`, `3C`).
  public var wireValue: UInt8 { UInt8(rawValue) }

  /// The period for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) { self.init(rawValue: Int(wireValue)) }
}

/// Display auto-off timeout (config tag `1F`).
public enum Molto2DisplayTimeout: Int, CaseIterable, Sendable, Codable {
  case seconds15 = 15
  case seconds30 = 30
  case seconds60 = 60
  case seconds120 = 120

  /// The wire value: `00` = 15 s, `01` = 30 s, `02` = 60 s, `03` = 120 s.
  public var wireValue: UInt8 { UInt8(Self.allCases.firstIndex(of: self) ?? 0) }

  /// The timeout for a wire value, `nil` for anything else.
  public init?(wireValue: UInt8) {
    guard Int(wireValue) < Self.allCases.count else { return nil }
    self = Self.allCases[Int(wireValue)]
  }
}

/// What a profile computes codes with: hash, digits and step.
public struct Molto2Settings: Equatable, Hashable, Sendable, Codable {
  public var algorithm: Molto2Algorithm
  public var digits: Molto2Digits
  public var period: Molto2Period

  public init(
    algorithm: Molto2Algorithm = .sha1, digits: Molto2Digits = .six,
    period: Molto2Period = .seconds30
  ) {
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
  }
}

/// WRITE CONFIG's TLV (protocol note §5.2): display timeout, clock and the profile's TOTP
/// settings, 22 bytes. `syncTLV` is the reduced clock-only form SYNC TIME sends.
public struct Molto2Configuration: Equatable, Sendable {
  public var displayTimeout: Molto2DisplayTimeout
  /// The clock written, Unix seconds (UTC).
  public var time: UInt32
  public var settings: Molto2Settings

  public init(displayTimeout: Molto2DisplayTimeout, time: UInt32, settings: Molto2Settings) {
    self.displayTimeout = displayTimeout
    self.time = time
    self.settings = settings
  }

  /// Encoded length of `tlv`.
  public static let tlvLength = 22

  /// `81 14 | 1F 01 dd | 0F 04 tttttttt | 86 09 | 0A 01 hh | 0B 01 nn | 0D 01 ss`.
  public var tlv: [UInt8] {
    typealias Tag = Molto2Wire.Tag
    return [Tag.systemConfig, 0x14, Tag.displayTimeout, 0x01, displayTimeout.wireValue]
      + Self.timeField(time)
      + [
        Tag.totpParameters, 0x09, Tag.totpHMAC, 0x01, settings.algorithm.wireValue,
        Tag.totpDigits, 0x01, settings.digits.wireValue, Tag.totpTimeStep, 0x01,
        settings.period.wireValue,
      ]
  }

  /// `81 06 0F 04 tttttttt`: the SYNC TIME body.
  public static func syncTLV(time: UInt32) -> [UInt8] {
    [Molto2Wire.Tag.systemConfig, 0x06] + timeField(time)
  }

  /// The time of a SYNC TIME body, `nil` unless `bytes` is exactly that layout.
  public static func syncTime(tlv bytes: [UInt8]) -> UInt32? {
    guard bytes.count == 8, Array(bytes[0..<4]) == [Molto2Wire.Tag.systemConfig, 0x06, 0x0F, 0x04]
    else { return nil }
    return bigEndian(bytes[4..<8])
  }

  /// Parses a config TLV strictly, every tag and length in order.
  ///
  /// - Returns: `nil` for anything but the exact 22-byte layout with known values.
  public init?(tlv bytes: [UInt8]) {
    typealias Tag = Molto2Wire.Tag
    guard bytes.count == Self.tlvLength,
      Array(bytes[0..<4]) == [Tag.systemConfig, 0x14, Tag.displayTimeout, 0x01],
      Array(bytes[5..<7]) == [Tag.utcTime, 0x04],
      Array(bytes[11..<15]) == [Tag.totpParameters, 0x09, Tag.totpHMAC, 0x01],
      Array(bytes[16..<18]) == [Tag.totpDigits, 0x01],
      Array(bytes[19..<21]) == [Tag.totpTimeStep, 0x01],
      let display = Molto2DisplayTimeout(wireValue: bytes[4]),
      let algorithm = Molto2Algorithm(wireValue: bytes[15]),
      let digits = Molto2Digits(wireValue: bytes[18]),
      let period = Molto2Period(wireValue: bytes[21])
    else { return nil }
    self.init(
      displayTimeout: display, time: Self.bigEndian(bytes[7..<11]),
      settings: Molto2Settings(algorithm: algorithm, digits: digits, period: period))
  }

  static func timeField(_ time: UInt32) -> [UInt8] {
    [Molto2Wire.Tag.utcTime, 0x04]
      + (0..<4).map { UInt8(truncatingIfNeeded: time >> (24 - 8 * $0)) }
  }

  static func bigEndian(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
  }
}
