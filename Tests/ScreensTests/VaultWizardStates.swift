import OTP
import TestSupport
import Wizard

@testable import Token2

/// States of the vault step, the replace-lost vault choice and the register task, reached
/// through events as the runtime would send them.
extension WizardStates {
  static let passphrase = "correct horse battery"
  static let factorySerial = "8651000042"

  /// The enroll flow's vault step with the vault initialised; keeping chosen and the
  /// passphrase typed when `keeping`.
  static func vaultStep(keeping: Bool = false) -> WizardState {
    var state = WizardState()
    _ = state.start()
    apply(&state, [.ticked(now: SampleToken.time), .vaultChecked(.initialised)])
    apply(&state, keys(.next, .insert("ann@example.com"), .nextField, .insert("Acme"), .next))
    apply(&state, keys(.moveDown, .insert(SampleToken.uri), .next))
    if keeping { apply(&state, keys(.choose(2), .insert(passphrase))) }
    return state
  }

  /// Replace-lost with the vault keeping the lost token's key: the secret step with the vault
  /// choice highlighted and the passphrase typed.
  static func secretFromVault() -> WizardState {
    var state = WizardState()
    _ = state.start()
    apply(&state, [.ticked(now: SampleToken.time), .vaultChecked(.initialised)])
    let token = TokenToReplace(
      enrollmentID: 4, serial: "8659622000009", service: "Jira", hasVaultKey: true)
    apply(&state, keys(.choose(4), .insert("ann@example.com"), .next))
    apply(&state, [.tokenToReplaceFound(.success(token))] + keys(.insert("left on a train"), .next))
    apply(
      &state,
      [.tokenMarkedLost(.success(token))] + keys(.next, .moveDown, .moveDown, .insert(passphrase)))
    return state
  }

  /// The register task's token step with the serial and passphrase typed.
  static func factoryStep() -> WizardState {
    var state = WizardState()
    _ = state.start()
    apply(&state, [.ticked(now: SampleToken.time), .vaultChecked(.initialised)])
    apply(&state, keys(.choose(6), .insert("carol"), .nextField, .insert("Jira"), .next))
    apply(&state, keys(.insert(factorySerial), .nextField, .insert(passphrase)))
    return state
  }

  /// The register task's key step (hidden) after the seed was found.
  static func factoryKey() -> WizardState {
    var state = factoryStep()
    let seed = VaultedKey(
      secret: SampleToken.secret, parameters: .standard, manufacturer: "Feitian")
    apply(&state, keys(.next) + [.factorySeedFound(serial: factorySerial, .success(seed))])
    return state
  }

  /// The register task's last step.
  static func factoryDone() -> WizardState {
    var state = factoryKey()
    apply(&state, keys(.next, .insert("081804"), .next, .next))
    apply(
      &state,
      [
        .burnRecorded(.success(RecordedEnrollment(id: 12, summary: "enrollment #12 created"))),
        .backupCodesGenerated(codes),
      ])
    apply(&state, keys(.acknowledgeCodes, .next))
    return state
  }
}
