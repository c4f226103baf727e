import OTP

/// One token's seed read from a vendor file. The secret stays in a `Secret`.
public struct SeedFileEntry: Sendable {
  public var serial: String
  public var secret: Secret
  /// `totp` or `hotp`.
  public var type: String
  /// `sha1`, `sha256` or `sha512`.
  public var algorithm: String
  public var digits: Int
  /// Seconds per code; 30 when the file gives none (and for HOTP, where it is unused).
  public var period: Int
  public var manufacturer: String?
  /// The user an OATH CSV "version 2" row names.
  public var user: String?

  public init(
    serial: String, secret: Secret, type: String, algorithm: String = "sha1", digits: Int = 6,
    period: Int = 30, manufacturer: String? = nil, user: String? = nil
  ) {
    self.serial = serial
    self.secret = secret
    self.type = type
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
    self.manufacturer = manufacturer
    self.user = user
  }
}

/// A row or key package that was skipped, and why. Never holds seed material.
public struct SeedFileProblem: Equatable, Sendable, CustomStringConvertible {
  /// 1-based line in the file, when known.
  public var line: Int?
  /// The serial, when it could be read.
  public var serial: String?
  public var reason: String

  public init(line: Int?, serial: String?, reason: String) {
    self.line = line
    self.serial = serial
    self.reason = reason
  }

  public var description: String {
    var place: [String] = []
    if let line { place.append("line \(line)") }
    if let serial { place.append("serial \(serial)") }
    return (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + reason
  }
}

/// What a seed file held: the usable entries and the skipped ones.
public struct SeedFileContents: Sendable {
  /// `oath-csv`, `oath-csv-v2` or `pskc`.
  public var format: String
  public var entries: [SeedFileEntry]
  public var problems: [SeedFileProblem]
}

/// Checks shared by both formats: what a TOTP/HOTP token can sensibly hold.
enum SeedRules {
  static let secretLengths = 10...128
  static let digits: Set<Int> = [6, 8]
  static let periods = 10...300

  /// Serials are printed on labels and barcodes: letters, digits and `-_.:/`, 1 to 64.
  static func isValidSerial(_ serial: String) -> Bool {
    !serial.isEmpty && serial.count <= 64
      && serial.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:/".contains($0)) }
  }

  /// Keeps the first entry of each serial and reports the others.
  static func dropDuplicates(
    _ entries: [(line: Int?, entry: SeedFileEntry)], problems: inout [SeedFileProblem]
  )
    -> [SeedFileEntry]
  {
    var seen = Set<String>()
    var kept: [SeedFileEntry] = []
    for (line, entry) in entries {
      if seen.insert(entry.serial).inserted {
        kept.append(entry)
      } else {
        problems.append(
          SeedFileProblem(
            line: line, serial: entry.serial, reason: "the serial appears earlier in the file"))
      }
    }
    return kept
  }
}
