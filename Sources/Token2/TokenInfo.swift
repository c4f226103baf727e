/// What GET INFO reports (protocol note §4.2): the serial and the token's clock. Parsed by
/// offsets, as every known tool does; the header and separator bytes are kept but not trusted.
public struct TokenInfo: Equatable, Sendable {
  /// The serial number, ASCII digits; its first seven digits name the model (§4.7).
  public var serial: String
  /// The token's clock, Unix seconds (UTC).
  public var tokenTime: UInt32
  /// The three opaque bytes before the serial length.
  public var header: [UInt8]
  /// The two opaque bytes between serial and clock (probably `11 04`, §8 item 3).
  public var separator: [UInt8]

  /// An info value as a token would report it (used by the simulator); `tokenTime` is Unix
  /// seconds, header and separator default to the inferred TLV bytes (§4.2 notes).
  public init(
    serial: String, tokenTime: UInt32, header: [UInt8] = [0, 0, 0],
    separator: [UInt8] = [0x11, 0x04]
  ) {
    self.serial = serial
    self.tokenTime = tokenTime
    self.header = header
    self.separator = separator
  }

  /// Parses the response data (without the status word):
  /// `header(3) N(1) serial(N) separator(2) clock(4, big-endian)`. Trailing bytes are ignored.
  ///
  /// - Throws: `TokenInfoError` for short, inconsistent or non-digit data; never traps.
  public init(parsing data: [UInt8]) throws(TokenInfoError) {
    typealias Layout = FamilyA.InfoLayout
    guard data.count > Layout.headerLength else { throw .tooShort(length: data.count) }
    let serialLength = Int(data[Layout.headerLength])
    let serialStart = Layout.headerLength + 1
    guard serialLength > 0 else { throw .emptySerial }
    let clockStart = serialStart + serialLength + Layout.separatorLength
    guard data.count >= clockStart + Layout.clockLength else {
      throw .truncated(serialLength: serialLength, length: data.count)
    }
    let serialBytes = data[serialStart..<serialStart + serialLength]
    guard serialBytes.allSatisfy({ (0x30...0x39).contains($0) }) else { throw .serialNotDigits }
    self.serial = String(decoding: serialBytes, as: UTF8.self)
    self.header = Array(data[0..<Layout.headerLength])
    self.separator = Array(data[(serialStart + serialLength)..<clockStart])
    self.tokenTime = data[clockStart..<clockStart + Layout.clockLength]
      .reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
  }

  /// The response data this info parses from (the layout of `init(parsing:)`).
  public var encoded: [UInt8] {
    let clock = (0..<4).map { UInt8(truncatingIfNeeded: tokenTime >> (24 - 8 * $0)) }
    return header + [UInt8(serial.utf8.count)] + Array(serial.utf8) + separator + clock
  }

  /// The model named by the serial prefix, `nil` when the prefix is unknown.
  public var model: Token2Model? { Token2Model(serial: serial) }

  /// Whether a clock write erases the seed; an unknown prefix counts as restricted (§8 item 8).
  public var isRestricted: Bool { model?.isRestricted ?? true }

  /// The token's clock minus the host's, in seconds: positive when the token runs ahead.
  ///
  /// - Parameter hostTime: the host's Unix time when GET INFO was answered.
  public func clockDrift(hostTime: Int64) -> Int64 { Int64(tokenTime) - hostTime }
}

/// Why a GET INFO answer could not be read.
public enum TokenInfoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Not even the header and the serial length arrived (bytes received).
  case tooShort(length: Int)
  /// The serial length byte is zero.
  case emptySerial
  /// The data ends before the serial, separator and clock it announces.
  case truncated(serialLength: Int, length: Int)
  /// The serial holds something other than ASCII digits.
  case serialNotDigits

  public var description: String {
    switch self {
    case .tooShort(let length): "the GET INFO answer is too short (\(length) bytes)"
    case .emptySerial: "the GET INFO answer has an empty serial number"
    case .truncated(let serialLength, let length):
      "the GET INFO answer announces a \(serialLength)-digit serial but holds only \(length) bytes"
    case .serialNotDigits: "the serial number in the GET INFO answer is not all digits"
    }
  }
}
