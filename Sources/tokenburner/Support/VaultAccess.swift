import Foundation
import OTP
import Registry
import TokenCrypto

extension OperatorError {
  /// A vault failure in the operator's terms: a wrong passphrase is 77 (refused, nothing
  /// changed), no vault is 69, bad records or inputs 65 (weak costs, a common passphrase, a
  /// kept key that does not match its enrollment).
  init(vaultError error: VaultError) {
    if case .registry(let registryError) = error {
      self.init(registryError: registryError)
      return
    }
    let status: ExitStatus =
      switch error {
      case .wrongPassphrase: .permissionDenied
      case .notInitialised: .unavailable
      case .invalidParameters: .usage
      case .crypto: .software
      case .alreadyInitialised, .damaged, .noSecret, .noFactorySeed, .unsupported, .registry,
        .weakParameters,
        .weakPassphrase, .mismatchedSecret:
        .dataError
      }
    self.init(error.description, status: status)
  }
}

/// Runs a vault operation, mapping its errors once.
func withVault<T>(_ body: () throws(VaultError) -> T) throws(OperatorError) -> T {
  do {
    return try body()
  } catch {
    throw OperatorError(vaultError: error)
  }
}

/// Opens the registry and unlocks its vault with the passphrase from `options`.
func unlockVault(_ registry: Registry, _ options: PassphraseOptions) throws(OperatorError)
  -> VaultKey
{
  guard try withVault({ () throws(VaultError) in try registry.vaultStatus() }) != nil else {
    throw OperatorError(vaultError: .notInitialised)
  }
  let passphrase = try options.read(prompt: "Vault passphrase")
  return try withVault { () throws(VaultError) in try registry.unlockVault(passphrase: passphrase) }
}
