import Canvas
import OTP
import Token2
import Wizard

/// The registry and its vault as the wizard uses them. Every call may block (SQLite, scrypt);
/// the `EffectRunner` makes them on its executor. The executable's `RegistryDriver` is the
/// implementation over `Registry`; an unlocked vault key stays inside the implementation.
public protocol RegistryPort: Sendable {
  /// Records a confirmed burn as an enrollment (and its key in the vault when asked).
  func record(_ order: BurnRecordOrder) -> Result<RecordedEnrollment, DriverFailure>
  /// Appends an audit row for a burn that did not confirm the seed.
  func auditFailure(user: String, failure: Token2Failure)
  /// Issues `count` backup codes for the enrollment, storing their hashes.
  func issueCodes(enrollmentID: Int64, count: Int) -> Result<[BackupCode], DriverFailure>
  /// Checks (and uses up) a backup code of `user`.
  func verify(_ code: BackupCode, user: String) -> Result<BackupCodeVerdict, DriverFailure>
  /// The user's one active token (for `service` when given).
  func tokenToReplace(user: String, service: String?) -> Result<
    TokenToReplace, ReplaceLookupFailure
  >
  /// Marks the enrollment lost with `reason`.
  func markLost(_ id: Int64, reason: String) -> Result<TokenToReplace, DriverFailure>
  /// The backup sheet's text as it is printed or saved.
  func sheetText(_ sheet: BackupSheet) -> String
  /// Whether the registry has a vault.
  func vaultAvailability() -> VaultAvailability
  /// Unlocks the vault and holds its key.
  func unlockVault(_ passphrase: Secret) -> Result<Unlocked, VaultFailure>
  /// The key kept in the vault for the lost enrollment.
  func takeVaultKey(enrollmentID: Int64, passphrase: Secret?) -> Result<VaultedKey, VaultFailure>
  /// The imported factory seed of `serial`.
  func factorySeed(serial: String, passphrase: Secret?) -> Result<VaultedKey, VaultFailure>
  /// Records the confirmed factory-seeded token as the user's enrollment.
  func registerFactoryToken(_ registration: FactoryRegistration) -> Result<
    RecordedEnrollment, DriverFailure
  >
  /// Forgets the held vault key.
  func lockVault()
}
