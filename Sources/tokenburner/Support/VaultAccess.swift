import Foundation
import OTP
import Registry
import TokenCrypto

extension OperatorError {
  /// A vault failure in the operator's terms: a wrong passphrase is 77 (refused, nothing
  /// changed), no vault is 69, bad records or inputs 65.
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
      case .alreadyInitialised, .damaged, .noSecret, .noFactorySeed, .unsupported, .registry: .dataError
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
func unlockVault(_ registry: Registry, _ options: PassphraseOptions) throws(OperatorError) -> VaultKey {
  guard try withVault({ () throws(VaultError) in try registry.vaultStatus() }) != nil else {
    throw OperatorError(vaultError: .notInitialised)
  }
  let passphrase = try options.read(prompt: "Vault passphrase")
  return try withVault { () throws(VaultError) in try registry.unlockVault(passphrase: passphrase) }
}

/// Writes a new file readable by the owner only (0600), never over an existing one.
func writeNewPrivateFile(_ path: String, _ text: String) throws(OperatorError) {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
  guard descriptor >= 0 else {
    throw OperatorError("cannot create \(path): \(String(cString: strerror(errno))) (existing files are never overwritten)", status: .dataError)
  }
  defer { close(descriptor) }
  var bytes = Array(text.utf8)
  let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
  SecureBytes.zero(&bytes)
  guard written == bytes.count else {
    throw OperatorError("could not write \(path): \(String(cString: strerror(errno)))", status: .dataError)
  }
}
