/// One slot as READ PROFILE PUBLIC DATA reports it, keyless (protocol note §5.2):
/// `95 1F 70 1D` then flag(1) ‖ title, zero-padded (16) ‖ time A (4) ‖ time B (4) ‖
/// algorithm (1) ‖ step (1) ‖ digits (1) ‖ seed present (1).
///
/// Empty slots may report default settings, so only the last byte says whether a seed is
/// there; the settings are reported only for an occupied slot whose values are known.
public struct Molto2Slot: Equatable, Sendable {
  /// The profile number.
  public var number: Int
  /// The title as stored (bytes before the first zero, as UTF-8; not yet terminal-safe).
  public var title: String
  /// Whether the slot holds a seed.
  public var isOccupied: Bool
  /// Hash, digits and step, when the slot is occupied and every value is one the protocol
  /// knows.
  public var settings: Molto2Settings?
  /// The raw fields, kept for the simulator's encoding and for diagnostics.
  public var flag: UInt8
  public var timeA: UInt32
  public var timeB: UInt32
  public var wireSettings: [UInt8]

  /// A slot as a token reports it; `wireSettings` is algorithm, step, digits.
  public init(
    number: Int, title: String, isOccupied: Bool, wireSettings: [UInt8], flag: UInt8 = 0,
    timeA: UInt32 = 0, timeB: UInt32 = 0
  ) {
    self.number = number
    self.title = title
    self.isOccupied = isOccupied
    self.wireSettings = wireSettings
    self.flag = flag
    self.timeA = timeA
    self.timeB = timeB
    settings = Self.settings(occupied: isOccupied, wire: wireSettings)
  }

  /// Parses the response data (without the status word) of READ PROFILE PUBLIC DATA for slot
  /// `number`. Trailing bytes are ignored.
  ///
  /// - Throws: `Molto2PublicDataError` for a wrong header or short data; never traps.
  public init(parsing data: [UInt8], number: Int) throws(Molto2PublicDataError) {
    guard data.count >= Self.encodedLength else { throw .tooShort(length: data.count) }
    guard Array(data[0..<4]) == Self.header else { throw .unexpectedHeader(Array(data[0..<4])) }
    let titleField = data[5..<21].prefix { $0 != 0 }
    self.init(
      number: number, title: String(decoding: titleField, as: UTF8.self),
      isOccupied: data[32] == 0x01, wireSettings: Array(data[29..<32]), flag: data[4],
      timeA: Molto2Configuration.bigEndian(data[21..<25]),
      timeB: Molto2Configuration.bigEndian(data[25..<29]))
    guard data[32] <= 0x01 else { throw .unknownOccupancy(data[32]) }
  }

  /// The response data this slot parses from.
  public var encoded: [UInt8] {
    let titleBytes = Array(title.utf8.prefix(16))
    let field = titleBytes + [UInt8](repeating: 0, count: 16 - titleBytes.count)
    return Self.header + [flag] + field + Self.word(timeA) + Self.word(timeB) + wireSettings
      + [isOccupied ? 0x01 : 0x00]
  }

  /// `95 1F 70 1D`.
  public static let header: [UInt8] = [0x95, 0x1F, 0x70, 0x1D]
  /// Header plus the 29 bytes of fields.
  public static let encodedLength = 33

  /// Algorithm, step and digits as the wire orders them in public data.
  public static func wire(_ settings: Molto2Settings) -> [UInt8] {
    [settings.algorithm.wireValue, settings.period.wireValue, settings.digits.wireValue]
  }

  private static func settings(occupied: Bool, wire: [UInt8]) -> Molto2Settings? {
    guard occupied, wire.count == 3, let algorithm = Molto2Algorithm(wireValue: wire[0]),
      let period = Molto2Period(wireValue: wire[1]), let digits = Molto2Digits(wireValue: wire[2])
    else { return nil }
    return Molto2Settings(algorithm: algorithm, digits: digits, period: period)
  }

  private static func word(_ value: UInt32) -> [UInt8] {
    (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
  }
}

/// Why a public-data answer could not be read.
public enum Molto2PublicDataError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Fewer than the 33 bytes of the layout arrived.
  case tooShort(length: Int)
  /// The answer does not start with `95 1F 70 1D`.
  case unexpectedHeader([UInt8])
  /// The seed-present byte is neither `00` nor `01`.
  case unknownOccupancy(UInt8)

  public var description: String {
    switch self {
    case .tooShort(let length): "the profile data is too short (\(length) bytes, 33 expected)"
    case .unexpectedHeader: "the profile data does not start with 95 1F 70 1D"
    case .unknownOccupancy(let byte):
      "the profile data's seed-present byte is \(byte), neither 0 nor 1"
    }
  }
}
