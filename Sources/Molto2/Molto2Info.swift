/// What a Molto2's GET INFO reports: serial and clock, in the layout of family A (protocol
/// note §4.2): `header(3) N(1) serial(N) separator(2) clock(4, big-endian)`.
public struct Molto2Info: Equatable, Sendable {
  /// The serial number, ASCII digits.
  public var serial: String
  /// The token's clock, Unix seconds (UTC).
  public var tokenTime: UInt32

  public init(serial: String, tokenTime: UInt32) {
    self.serial = serial
    self.tokenTime = tokenTime
  }

  /// Parses GET INFO's data (without the status word); trailing bytes are ignored.
  ///
  /// - Returns: `nil` for short, inconsistent or non-digit data.
  public init?(parsing data: [UInt8]) {
    guard data.count > 4 else { return nil }
    let length = Int(data[3])
    let clock = 4 + length + 2
    guard length > 0, data.count >= clock + 4 else { return nil }
    let serial = data[4..<(4 + length)]
    guard serial.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    self.serial = String(decoding: serial, as: UTF8.self)
    tokenTime = Molto2Configuration.bigEndian(data[clock..<(clock + 4)])
  }

  /// The data this info parses from (opaque header zero, separator `11 04`).
  public var encoded: [UInt8] {
    let clock = (0..<4).map { UInt8(truncatingIfNeeded: tokenTime >> (24 - 8 * $0)) }
    return [0, 0, 0, UInt8(serial.utf8.count)] + Array(serial.utf8) + [0x11, 0x04] + clock
  }
}
