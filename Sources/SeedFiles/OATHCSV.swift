import Foundation
import OTP
import TokenCrypto

/// The OATH CSV seed file layout that token vendors ship (one token per line):
///
///     serial, hex seed[, type[, digits[, time step or counter[, hash]]]]
///
/// `type` is `totp` or `hotp` (default `hotp`, as the layout defines), `digits` 6 or 8
/// (default 6), the time step in seconds for TOTP (default 30), and an optional hash
/// (`sha1`, `sha256`, `sha512`; default `sha1`). A first line `# version: 2` announces
/// "version 2", whose rows start with three user columns (user, resolver, realm) before the
/// same fields. Other `#` lines and blank lines are ignored.
public enum OATHCSV {
  /// Parses the text. Pure: rows that cannot be used are reported by line and skipped; the
  /// error sentences never quote the seed column.
  public static func parse(_ text: String) -> SeedFileContents {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let versionTwo = lines.first.map { isVersionTwo(String($0)) } ?? false
    var problems: [SeedFileProblem] = []
    var parsed: [(line: Int?, entry: SeedFileEntry)] = []
    for (index, raw) in lines.enumerated() {
      let line = raw.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{FEFF}"))
      if line.isEmpty || line.hasPrefix("#") { continue }
      switch parseRow(line, versionTwo: versionTwo) {
      case .success(let entry): parsed.append((index + 1, entry))
      case .failure(let problem):
        problems.append(
          SeedFileProblem(line: index + 1, serial: problem.serial, reason: problem.reason))
      }
    }
    let entries = SeedRules.dropDuplicates(parsed, problems: &problems)
    problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
    return SeedFileContents(
      format: versionTwo ? "oath-csv-v2" : "oath-csv", entries: entries, problems: problems)
  }

  struct RowProblem: Error {
    var serial: String?
    var reason: String
  }

  static func isVersionTwo(_ line: String) -> Bool {
    let compact = line.lowercased().filter { !$0.isWhitespace }
    return compact.hasPrefix("#version:2")
  }

  static func parseRow(_ line: String, versionTwo: Bool) -> Result<SeedFileEntry, RowProblem> {
    var fields = line.split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    var user: String?
    if versionTwo {
      guard fields.count >= 5 else {
        return .failure(
          RowProblem(reason: "a version 2 row needs user, resolver, realm, serial and seed"))
      }
      user = fields[0].isEmpty ? nil : fields[0]
      fields.removeFirst(3)
    }
    let serial = fields[0]
    guard SeedRules.isValidSerial(serial) else {
      return .failure(RowProblem(reason: "the first column is not a token serial"))
    }
    guard fields.count >= 2, !fields[1].isEmpty else {
      return .failure(RowProblem(serial: serial, reason: "no seed"))
    }
    guard fields.count <= 6 else {
      return .failure(
        RowProblem(serial: serial, reason: "\(fields.count) columns; at most 6 are defined"))
    }
    let type = fields.count > 2 && !fields[2].isEmpty ? fields[2].lowercased() : "hotp"
    guard type == "totp" || type == "hotp" else {
      return .failure(RowProblem(serial: serial, reason: "type must be totp or hotp"))
    }
    let digits = fields.count > 3 && !fields[3].isEmpty ? Int(fields[3]) : 6
    guard let digits, SeedRules.digits.contains(digits) else {
      return .failure(RowProblem(serial: serial, reason: "digits must be 6 or 8"))
    }
    var period = 30
    if type == "totp", fields.count > 4, !fields[4].isEmpty {
      guard let step = Int(fields[4]), SeedRules.periods.contains(step) else {
        return .failure(
          RowProblem(serial: serial, reason: "the time step must be 10 to 300 seconds"))
      }
      period = step
    }
    let algorithm = fields.count > 5 && !fields[5].isEmpty ? fields[5].lowercased() : "sha1"
    guard ["sha1", "sha256", "sha512"].contains(algorithm) else {
      return .failure(RowProblem(serial: serial, reason: "the hash must be sha1, sha256 or sha512"))
    }
    guard var bytes = hexBytes(fields[1]) else {
      return .failure(
        RowProblem(serial: serial, reason: "the seed is not an even number of hex digits"))
    }
    defer { SecureBytes.zero(&bytes) }
    guard SeedRules.secretLengths.contains(bytes.count) else {
      return .failure(
        RowProblem(
          serial: serial, reason: "the seed is \(bytes.count) bytes; 10 to 128 are accepted"))
    }
    return .success(
      SeedFileEntry(
        serial: serial, secret: Secret(bytes), type: type, algorithm: algorithm, digits: digits,
        period: period, user: user))
  }

  /// Hex digits (optionally `0x`-prefixed) to bytes; `nil` when not hex or of odd length.
  /// The caller zeroes the result.
  public static func hexBytes(_ text: String) -> [UInt8]? {
    var digits = Array(text.utf8)
    if digits.count >= 2, digits[0] == UInt8(ascii: "0"), digits[1] | 0x20 == UInt8(ascii: "x") {
      digits.removeFirst(2)
    }
    defer { SecureBytes.zero(&digits) }
    guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
        SecureBytes.zero(&bytes)
        return nil
      }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}
