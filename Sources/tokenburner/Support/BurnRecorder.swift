import OTP
import OperatorOutput
import Registry
import Token2

/// Writes what a `burn --user` did into the registry: a confirmed burn becomes an enrollment
/// (or a re-burn of one) together with its audit row, then goes to the enrollment sink; a
/// failed or unknown-outcome burn becomes an audit row only. Never the secret: a fingerprint.
struct BurnRecorder {
  let store: any RegistryStore
  /// With `burn --keep-secret` / `--from-vault`: the SQLite registry whose vault keeps the
  /// secret, and its unlocked key (the vault is not part of `RegistryStore` yet).
  let vault: (registry: Registry, key: VaultKey)?
  let operatorName: String
  let user: String
  let service: String?
  let account: String?
  /// Told of each recorded enrollment, after the store has committed it.
  let sink: any EnrollmentSink

  /// A recorder on the SQLite registry; with `vaultKey`, the secret is kept in its vault.
  init(
    registry: Registry, operatorName: String, user: String, service: String?, account: String?,
    vaultKey: VaultKey? = nil, sink: any EnrollmentSink = NoEnrollmentSink()
  ) {
    self.init(
      store: registry, vault: vaultKey.map { (registry, $0) }, operatorName: operatorName,
      user: user,
      service: service, account: account, sink: sink)
  }

  /// A recorder on any store; `vault` only with the SQLite registry that is also `store`.
  init(
    store: any RegistryStore, vault: (registry: Registry, key: VaultKey)? = nil,
    operatorName: String,
    user: String, service: String?, account: String?, sink: any EnrollmentSink = NoEnrollmentSink()
  ) {
    self.store = store
    self.vault = vault
    self.operatorName = operatorName
    self.user = user
    self.service = service
    self.account = account
    self.sink = sink
  }

  /// Records a confirmed burn.
  ///
  /// - Throws: `OperatorError` 75 when the registry cannot take it: the token is burned, and a
  ///   second burn (a safe re-burn) records it.
  func recordSuccess(_ report: BurnReport, secret: Secret) throws(OperatorError) -> (
    Enrollment, BurnRecordOutcome
  ) {
    let record = BurnRecord(
      user: user, service: service, account: account, serial: report.serial,
      model: report.model?.displayName, algorithm: report.algorithm.argumentName, digits: 6,
      period: report.period.seconds, secretFingerprint: SecretFingerprint.of(secret),
      clockDriftBefore: report.clockDriftBefore)
    let recorded: (Enrollment, BurnRecordOutcome)
    do {
      if let vault {
        recorded = try vault.registry.recordBurn(
          record, keeping: secret, key: vault.key, at: unixNow(), operatorName: operatorName)
      } else {
        recorded = try store.recordBurn(record, at: unixNow(), operatorName: operatorName)
      }
    } catch let error as RegistryError where error.isConcurrentEnrollment {
      // Burning again would record a second token for what another desk just recorded.
      throw OperatorError(
        "the token \(report.serial) was burned, but \(error)", status: .dataError,
        tokenState: .burned)
    } catch {
      throw OperatorError(
        "the token \(report.serial) was burned, but the registry could not record it: "
          + "\(error). Burn it again with the same --user to record it (a re-burn is safe).",
        status: .temporaryFailure, tokenState: .burned)
    }
    sink.enrollmentRecorded(recorded.0, outcome: recorded.1)
    return recorded
  }

  /// Records a burn that did not confirm the seed; a registry failure here is only reported.
  func recordFailure(_ error: OperatorError) {
    do {
      try store.audit(
        Self.failedBurn(user: user, leaving: error.tokenState, detail: error.message),
        at: unixNow(), operatorName: operatorName)
    } catch {
      Output.errorLine(
        "tokenburner: warning: the failed burn could not be written to the audit log: \(String(describing: error).terminalSafe)"
      )
    }
  }

  /// The one audit row of a burn that did not confirm the seed, for the command line and the
  /// wizard alike: `unknown` when the token may hold the new seed, `failure` when it is
  /// unchanged (or nothing says), `failure (STATE)` for any other state it was left in.
  static func failedBurn(user: String?, leaving state: TokenState?, detail: String) -> AuditEvent {
    let outcome: AuditOutcome =
      switch state {
      case .unknown: .unknown
      case nil, .unchanged: .failure
      case .some(let state): .failureLeaving(state.code)
      }
    return AuditEvent(action: .burn, user: user, outcome: outcome, detail: detail)
  }
}

extension BurnRecordOutcome {
  /// One line for human output.
  func summary(_ enrollment: Enrollment) -> String {
    switch self {
    case .enrolled: "enrollment #\(enrollment.id) created"
    case .reburned: "enrollment #\(enrollment.id) re-burned"
    case .replacedLost(let old): "enrollment #\(enrollment.id) replaces lost enrollment #\(old)"
    case .reassigned(let old):
      "enrollment #\(enrollment.id) created; the token's enrollment #\(old) ended"
    }
  }
}

extension RegistryError {
  /// Another desk recorded the same user and service, or the same serial, at the same moment.
  var isConcurrentEnrollment: Bool {
    if case .enrolledConcurrently = self { true } else { false }
  }
}
