import OTP
import SeedFiles
import TokenCrypto

/// How the vault turns the operator's passphrase into the key that unwraps its data key:
/// scrypt (RFC 7914) with these costs, stored in the registry so they can be raised later. The
/// one `ScryptCost`; this name stays for callers.
public typealias VaultParameters = ScryptCost

extension ScryptCost {
  /// The vault's default: N = 2^17, r = 8, p = 1, 128 MiB and roughly half a second per unlock
  /// on a helpdesk PC.
  public static let vault = ScryptCost(n: 1 << 17, r: 8, p: 1)

  /// The least the vault accepts outside unit tests: N = 2^15, r = 8 (32 MiB). Below it an
  /// offline guess costs too little, whatever the passphrase (docs/vault.md).
  public static let vaultMinimum = ScryptCost(n: 1 << 15, r: 8, p: 1)

  /// Whether these costs reach `vaultMinimum` (N and r each; p only multiplies the work).
  public var isStrongEnoughForVault: Bool { n >= Self.vaultMinimum.n && r >= Self.vaultMinimum.r }

  /// Refuses costs that are not a valid scrypt choice or would need more than 1 GiB.
  public func validateForVault() throws(VaultError) {
    guard n >= 2, n & (n - 1) == 0 else {
      throw .invalidParameters("scrypt N must be a power of two, at least 2")
    }
    guard (1...32).contains(r), (1...16).contains(p) else {
      throw .invalidParameters("scrypt r must be 1 to 32 and p 1 to 16")
    }
    guard n <= 1 << 22, memoryBytes <= 1 << 30 else {
      throw .invalidParameters("scrypt N = \(n), r = \(r), p = \(p) would need more than 1 GiB")
    }
  }
}

/// The vault's data key, unwrapped with the operator's passphrase. Holding one is what
/// "unlocked" means; the bytes are zeroed when the last reference goes away.
public final class VaultKey: Sendable {
  let dataKey: Secret
  /// The costs the passphrase was checked with.
  public let parameters: VaultParameters

  init(dataKey: Secret, parameters: VaultParameters) {
    self.dataKey = dataKey
    self.parameters = parameters
  }
}

/// What `vault` commands show about the vault without unlocking it.
public struct VaultStatus: Equatable, Sendable, Codable {
  public var parameters: VaultParameters
  /// Unix seconds.
  public var createdAt: Int64
  /// When the passphrase last changed (or the creation time).
  public var updatedAt: Int64
  /// Secrets kept for enrollments.
  public var enrollmentSecrets: Int
  /// Imported factory seeds.
  public var factorySeeds: Int
}

extension SeedFileEntry {
  /// Refuses settings the vault cannot record.
  func validate() throws(VaultError) {
    guard ["totp", "hotp"].contains(type), ["sha1", "sha256", "sha512"].contains(algorithm),
      [6, 8].contains(digits), (1...300).contains(period), !serial.isEmpty, !secret.isEmpty
    else {
      throw .invalidParameters("factory seed \(serial): unusable type, hash, digits or period")
    }
  }
}

/// A factory seed as `seeds list` shows it: serial and parameters, never the secret.
public struct FactorySeedInfo: Equatable, Sendable, Codable {
  public var serial: String
  public var type: String
  public var algorithm: String
  public var digits: Int
  public var period: Int
  public var manufacturer: String?
  public var assignedUser: String?
  /// The file name it was imported from.
  public var source: String?
  /// Unix seconds.
  public var importedAt: Int64
  /// The active enrollment of this serial, once registered.
  public var enrollmentId: Int64?
}

/// A secret kept for an enrollment, with the settings it was burned with.
public struct VaultedSecret: Sendable {
  public var enrollment: Enrollment
  public var secret: Secret
}

/// One decrypted vault entry, for `vault export`.
public struct VaultExportEntry: Sendable {
  /// `enrollment` or `factory_seed`.
  public var kind: String
  /// The token serial (of the enrollment, or the factory token).
  public var serial: String
  public var enrollmentId: Int64?
  public var user: String?
  public var service: String?
  public var type: String
  public var algorithm: String
  public var digits: Int
  public var period: Int
  public var manufacturer: String?
  public var secret: Secret
}

/// A factory seed that did not go into the vault, and why.
public struct SkippedSeed: Equatable, Sendable {
  public var serial: String
  public var reason: String
}
