import TokenCrypto

/// A one-time backup code issued with an enrollment (PRODUCT.md "Backup codes"): 15 symbols
/// from an alphabet without look-alikes, shown in three groups of five, e.g. `K7QMX-4XTPR-9WHZD`.
///
/// Each symbol carries log2(30) ≈ 4.9 bits, so a code carries about 73 bits (at least 60 are
/// required). Generation is pure: the random bytes come in from the caller, normally from
/// `SystemRandom`. Hashing for storage is a separate concern and lives elsewhere.
///
/// `description` is redacted; the code itself is read explicitly through `text`.
public struct BackupCode: Equatable, Hashable, Sendable {
  /// Digits 2-9 and the letters without I, L, O and U: nothing reads as 0, 1 or another letter.
  public static let alphabet: [Character] = Array("23456789ABCDEFGHJKMNPQRSTVWXYZ")
  /// Symbols per group.
  public static let groupLength = 5
  /// Groups per code.
  public static let groupCount = 3
  /// Codes in a default set.
  public static let defaultCount = 10

  /// The symbols without separators, e.g. `K7QMX4XTPR9WHZD`.
  public let symbols: String

  /// A code from exactly `groupLength * groupCount` alphabet symbols; `nil` for anything else.
  public init?(symbols: String) {
    guard symbols.count == Self.groupLength * Self.groupCount,
      symbols.allSatisfy(Self.alphabet.contains)
    else { return nil }
    self.symbols = symbols
  }

  /// A typed code, forgiving case, spaces and dashes; `nil` when it cannot be a code.
  public init?(typed text: String) {
    let compact = text.uppercased().filter { !$0.isWhitespace && $0 != "-" }
    self.init(symbols: compact)
  }

  /// The code as shown and printed: groups joined with `-`.
  public var text: String {
    var groups: [Substring] = []
    var rest = Substring(symbols)
    while !rest.isEmpty {
      groups.append(rest.prefix(Self.groupLength))
      rest = rest.dropFirst(Self.groupLength)
    }
    return groups.joined(separator: "-")
  }

  /// Draws codes from `randomBytes` by rejection sampling: a byte below 240 (8 × 30) picks
  /// symbol `byte % 30` without bias, a byte of 240 or more is skipped.
  ///
  /// - Returns: `count` codes, or `nil` when the bytes run out first (ask for more bytes).
  public static func codes(count: Int, from randomBytes: [UInt8]) -> [BackupCode]? {
    let perCode = groupLength * groupCount
    let limit = UInt8(alphabet.count * (256 / alphabet.count))
    var symbols: [Character] = []
    symbols.reserveCapacity(count * perCode)
    for byte in randomBytes where byte < limit {
      if symbols.count == count * perCode { break }
      symbols.append(alphabet[Int(byte) % alphabet.count])
    }
    guard symbols.count == count * perCode else { return nil }
    return stride(from: 0, to: symbols.count, by: perCode).compactMap { start in
      BackupCode(symbols: String(symbols[start..<start + perCode]))
    }
  }

  /// Generates `count` codes from `random`, asking for more bytes until enough were accepted.
  ///
  /// - Throws: `CryptoError` when the random source fails.
  public static func generate(count: Int = defaultCount, using random: some RandomSource)
    throws(CryptoError) -> [BackupCode]
  {
    var pool: [UInt8] = []
    // 256/240 bytes per symbol on average; a quarter more makes a second draw rare.
    let batch = count * groupLength * groupCount * 5 / 4 + 8
    while true {
      pool += try random.bytes(batch)
      if let codes = codes(count: count, from: pool) {
        SecureBytes.zero(&pool)
        return codes
      }
    }
  }
}

extension BackupCode: CustomStringConvertible, CustomDebugStringConvertible {
  /// Always redacted: backup codes never reach logs or output by interpolation.
  public var description: String { "BackupCode(redacted)" }
  public var debugDescription: String { description }
}
