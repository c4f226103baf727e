import Foundation
import OTP
import Registry
import SeedFiles
import Synchronization
import TokenCrypto
import Wizard

/// The vault as the wizard uses it: whether it exists, unlocking it once per enrollment, the
/// lost token's kept key, factory seeds, and the registration of a factory-seeded token. The
/// unlocked key stays here, never in the wizard's state, and is forgotten once used.
extension RegistryDriver {
  /// Whether the registry has a vault. A registry file that does not exist is not created.
  func vaultAvailability() -> VaultAvailability {
    guard FileManager.default.fileExists(atPath: path) else { return .absent }
    do {
      return try registry().vaultStatus() == nil ? .absent : .initialised
    } catch {
      return .unreadable("\(error)")
    }
  }

  /// Unlocks the vault and holds its key; a wrong passphrase holds nothing.
  func unlockVault(_ passphrase: Secret) -> Result<Unlocked, VaultFailure> {
    Result { () throws(VaultFailure) in
      _ = try key(unlockingWith: passphrase)
      return Unlocked()
    }
  }

  /// The key kept for the lost enrollment, with its settings (an audit row records the read).
  func takeVaultKey(enrollmentID: Int64, passphrase: Secret?) -> Result<VaultedKey, VaultFailure> {
    Result { () throws(VaultFailure) in
      let key = try key(unlockingWith: passphrase)
      let kept = try stillUnlocked {
        try registry().vaultSecret(
          forEnrollment: enrollmentID, key: key, at: unixNow(), operatorName: operatorName)
      }
      let enrollment = kept.enrollment
      return VaultedKey(
        secret: kept.secret,
        parameters: TOTPParameters(
          algorithm: enrollment.algorithm == "sha256" ? .sha256 : .sha1, digits: enrollment.digits,
          period: enrollment.period),
        account: enrollment.account)
    }
  }

  /// The imported seed of `serial` (an audit row records the read), if the wizard can
  /// register it: time-based, SHA-1 or SHA-256.
  func factorySeed(serial: String, passphrase: Secret?) -> Result<VaultedKey, VaultFailure> {
    Result { () throws(VaultFailure) in
      let key = try key(unlockingWith: passphrase)
      let seed = try stillUnlocked {
        try registry().factorySeed(
          serial: serial, key: key, at: unixNow(), operatorName: operatorName)
      }
      guard seed.type == "totp" else {
        throw .countsEvents(serial: serial)
      }
      guard let hash = HashAlgorithm(rawValue: seed.algorithm.uppercased()), hash != .sha512 else {
        throw .algorithmNotRecorded(serial: serial, algorithm: seed.algorithm)
      }
      return VaultedKey(
        secret: seed.secret,
        parameters: TOTPParameters(algorithm: hash, digits: seed.digits, period: seed.period),
        manufacturer: seed.manufacturer)
    }
  }

  /// Records the confirmed factory-seeded token as the user's enrollment; the held key is
  /// forgotten once it is recorded.
  func registerFactoryToken(_ registration: FactoryRegistration) -> Result<
    RecordedEnrollment, DriverFailure
  > {
    guard let key = heldVaultKey.withLock({ $0 }) else {
      return .failure(.vaultLockedBeforeRegistration)
    }
    do {
      let registered = try registry().registerFactoryToken(
        serial: registration.serial, user: registration.user,
        service: registration.service.isEmpty ? nil : registration.service, account: nil, key: key,
        at: unixNow(), operatorName: operatorName)
      lockVault()
      sink.enrollmentRecorded(registered.enrollment, outcome: registered.outcome)
      return .success(
        RecordedEnrollment(
          id: registered.enrollment.id, summary: registered.outcome.summary(registered.enrollment)))
    } catch {
      return .failure(.registryRefused("\(error)."))
    }
  }

  /// Forgets the held key.
  func lockVault() {
    heldVaultKey.withLock { $0 = nil }
  }

  /// Unlocks with `passphrase` when given (replacing any held key), else the held key.
  private func key(unlockingWith passphrase: Secret?) throws(VaultFailure) -> VaultKey {
    guard let passphrase else {
      guard let key = heldVaultKey.withLock({ $0 }) else {
        throw .locked
      }
      return key
    }
    lockVault()
    do {
      let key = try registry().unlockVault(passphrase: passphrase)
      heldVaultKey.withLock { $0 = key }
      return key
    } catch {
      throw .notUnlocked(Self.sentence(error))
    }
  }

  /// Runs a vault read with the key held; its failure leaves the vault open.
  private func stillUnlocked<T>(_ body: () throws -> T) throws(VaultFailure) -> T {
    do {
      return try body()
    } catch {
      throw .readFailed(Self.sentence(error))
    }
  }

  /// A vault or registry error as a clause ending with a full stop.
  private static func sentence(_ error: any Error) -> String {
    let text = "\(error)"
    return text.hasSuffix(".") ? text : text + "."
  }
}
