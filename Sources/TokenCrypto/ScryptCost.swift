/// The cost parameters of scrypt (RFC 7914), the one type for every user of it: backup code
/// hashes (`ScryptCost.backupCode`) and the vault's passphrase key (`ScryptCost.vault`,
/// `ScryptCost.vaultMinimum`) declare their own defaults and minimums as static values beside
/// the code that uses them.
public struct ScryptCost: Equatable, Hashable, Sendable, Codable {
  /// CPU/memory cost, a power of two.
  public var n: UInt64
  /// Block size.
  public var r: UInt64
  /// Parallelisation.
  public var p: UInt64

  public init(n: UInt64, r: UInt64, p: UInt64) {
    self.n = n
    self.r = r
    self.p = p
  }

  /// Memory scrypt needs for these costs, bytes (128 · N · r · p).
  public var memoryBytes: UInt64 { 128 &* n &* r &* p }
}

extension KeyDerivation {
  /// scrypt (RFC 7914) with `cost`; see `scrypt(password:salt:n:r:p:keyLength:maxMemory:)`.
  public static func scrypt(
    password: [UInt8], salt: [UInt8], cost: ScryptCost, keyLength: Int, maxMemory: UInt64 = 1 << 30
  ) throws(CryptoError) -> [UInt8] {
    try scrypt(
      password: password, salt: salt, n: cost.n, r: cost.r, p: cost.p, keyLength: keyLength,
      maxMemory: maxMemory)
  }
}
