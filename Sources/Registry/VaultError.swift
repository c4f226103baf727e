/// Why a vault operation did not happen. No case carries a secret or a passphrase.
public enum VaultError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `vault init` has not been run on this registry.
  case notInitialised
  /// `vault init` was already run; use `vault change-passphrase`.
  case alreadyInitialised
  /// The passphrase does not unwrap the vault key. Nothing was changed.
  case wrongPassphrase
  /// A stored blob failed authentication: altered, or moved to another row.
  case damaged(String)
  /// The enrollment has no secret in the vault.
  case noSecret(enrollment: Int64)
  /// No imported factory seed has this serial.
  case noFactorySeed(serial: String)
  /// Unusable scrypt costs or passphrase.
  case invalidParameters(String)
  /// scrypt costs below `ScryptCost.vaultMinimum`, asked for or stored in the vault's header.
  case weakParameters(String)
  /// A new passphrase that is too short or too easy to guess (`VaultPassphrasePolicy`).
  case weakPassphrase(String)
  /// A kept secret whose fingerprint is not the one its enrollment recorded: it was not used.
  case mismatchedSecret(enrollment: Int64)
  /// The seed cannot be used as asked (e.g. an event-based seed for a time-based token).
  case unsupported(String)
  /// The registry underneath failed.
  case registry(RegistryError)
  /// libcrypto failed (not an authentication failure).
  case crypto(String)

  public var description: String {
    switch self {
    case .notInitialised:
      "the vault is not set up in this registry; an operator runs `tokenburner vault init` first"
    case .alreadyInitialised:
      "the vault is already set up; use `tokenburner vault change-passphrase` to change its passphrase"
    case .wrongPassphrase:
      "wrong vault passphrase; nothing was changed"
    case .damaged(let what):
      "the vault entry for \(what) failed its integrity check (altered or moved); it was not used"
    case .noSecret(let id):
      "enrollment #\(id) has no secret in the vault (it was burned without --keep-secret)"
    case .noFactorySeed(let serial):
      "no factory seed for token \(serial) has been imported (`tokenburner seeds import FILE`)"
    case .invalidParameters(let why): why
    case .weakParameters(let why): why
    case .weakPassphrase(let why): why
    case .mismatchedSecret(let id):
      "the vault's key for this enrollment does not match its record (enrollment #\(id)); it was not used"
    case .unsupported(let why): why
    case .registry(let error): error.description
    case .crypto(let what): "cryptography failed: \(what)"
    }
  }

  static func wrap(_ error: any Error, path: String) -> VaultError {
    if let vault = error as? VaultError { return vault }
    return .registry(RegistryError.wrap(error, path: path))
  }
}
