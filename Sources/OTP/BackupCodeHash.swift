import HexCoding
import TokenCrypto

/// How a backup code is kept in the registry: a salted scrypt digest (RFC 7914), never the code
/// (PRODUCT.md "Backup codes"). The parameters travel with each hash, so they can be raised
/// later without invalidating codes already issued.
public struct BackupCodeHash: Equatable, Sendable {
  /// scrypt cost parameters (the one `ScryptCost`; this name stays for callers).
  public typealias Parameters = ScryptCost

  /// Random salt, `saltLength` bytes.
  public var salt: [UInt8]
  /// scrypt output, `digestLength` bytes.
  public var digest: [UInt8]
  public var parameters: Parameters

  /// Salt size in bytes.
  public static let saltLength = 16
  /// Digest size in bytes.
  public static let digestLength = 32

  public init(salt: [UInt8], digest: [UInt8], parameters: Parameters) {
    self.salt = salt
    self.digest = digest
    self.parameters = parameters
  }

  /// Hashes `code` with `salt` (from the CSPRNG, `saltLength` bytes).
  public static func make(
    _ code: BackupCode, salt: [UInt8], parameters: ScryptCost = .backupCode
  ) throws(CryptoError) -> BackupCodeHash {
    BackupCodeHash(
      salt: salt, digest: try derive(code, salt: salt, parameters: parameters),
      parameters: parameters)
  }

  /// Whether `candidate` is the code behind this hash; the digests are compared in constant
  /// time.
  public func matches(_ candidate: BackupCode) throws(CryptoError) -> Bool {
    var derived = try Self.derive(candidate, salt: salt, parameters: parameters)
    defer { SecureBytes.zero(&derived) }
    return SecureBytes.constantTimeEquals(derived, digest)
  }

  /// `scrypt$N$r$p$<salt hex>$<digest hex>`, the stored form.
  public var encoded: String {
    "scrypt$\(parameters.n)$\(parameters.r)$\(parameters.p)$\(Hex.lowercase(salt))$\(Hex.lowercase(digest))"
  }

  /// Reads the stored form; `nil` for anything else.
  public init?(encoded: String) {
    let parts = encoded.split(separator: "$", omittingEmptySubsequences: false)
    guard parts.count == 6, parts[0] == "scrypt", let n = UInt64(parts[1]),
      let r = UInt64(parts[2]), let p = UInt64(parts[3]), let salt = Hex.decode(parts[4]),
      let digest = Hex.decode(parts[5]), !salt.isEmpty, !digest.isEmpty
    else { return nil }
    self.init(salt: salt, digest: digest, parameters: Parameters(n: n, r: r, p: p))
  }

  private static func derive(_ code: BackupCode, salt: [UInt8], parameters: Parameters)
    throws(CryptoError) -> [UInt8]
  {
    var password = Array(code.symbols.utf8)
    defer { SecureBytes.zero(&password) }
    return try KeyDerivation.scrypt(
      password: password, salt: salt, cost: parameters, keyLength: digestLength)
  }
}

extension ScryptCost {
  /// Backup codes: N = 2^14, r = 8, p = 1, 16 MiB and tens of milliseconds per code. A code
  /// carries about 73 bits, so the cost guards against a stolen database being searched, not
  /// against a short password.
  public static let backupCode = ScryptCost(n: 1 << 14, r: 8, p: 1)
}
