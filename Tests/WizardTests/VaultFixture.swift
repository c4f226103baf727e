import OTP
import TestSupport

@testable import Wizard

/// Values the vault scripts share. The key is the RFC 6238 SHA-1 seed, so the codes of
/// `Fixture` apply (081804 at `SampleToken.time`).
enum VaultFixture {
  static let passphrase = "correct horse battery"
  static var passphraseSecret: Secret { Secret(Array(passphrase.utf8)) }
  static let serial = "8651000042"
  static let labelPath = "/tmp/label.png"
  static let keptToken = TokenToReplace(
    enrollmentID: 4, serial: "8659622000009", service: "Jira", hasVaultKey: true)
  static let key = VaultedKey(
    secret: SampleToken.secret, parameters: .standard, account: "ann", manufacturer: "Feitian")
  static let wrongPassphrase = VaultFailure.notUnlocked(
    "wrong vault passphrase; nothing was changed.")
  static let noSeed = VaultFailure.readFailed(
    "no factory seed for token 8651000043 has been imported (`tokenburner seeds import FILE`).")
  static let registration = FactoryRegistration(
    serial: serial, user: "ann@example.com", service: "Jira")
}

extension Script {
  /// Task (register, vault initialised) → user and service filled → factory-token step.
  mutating func toFactoryStep() {
    send(.ticked(now: SampleToken.time))
    send(.vaultChecked(.initialised))
    press(.choose(6))
    type("ann@example.com")
    press(.nextField)
    type("Jira")
    press(.next)
  }

  /// The record order of the burn, if one was asked for.
  var recordOrders: [BurnRecordOrder] {
    effects.compactMap { if case .recordBurn(let order) = $0 { order } else { nil } }
  }
}
