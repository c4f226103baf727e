import OTP
import Registry
import Token2

/// Writes what a `burn --user` did into the registry: a confirmed burn becomes an enrollment
/// (or a re-burn of one) together with its audit row; a failed or unknown-outcome burn becomes
/// an audit row only. Never the secret: a fingerprint.
struct BurnRecorder {
  let registry: Registry
  let operatorName: String
  let user: String
  let service: String?
  let account: String?
  /// With `burn --keep-secret` / `--from-vault`: the unlocked vault that keeps the secret.
  var vaultKey: VaultKey? = nil

  /// Records a confirmed burn.
  ///
  /// - Throws: `OperatorError` 75 when the registry cannot take it: the token is burned, and a
  ///   second burn (a safe re-burn) records it.
  func recordSuccess(_ report: BurnReport, secret: Secret) throws(OperatorError) -> (Enrollment, BurnRecordOutcome) {
    let record = BurnRecord(
      user: user, service: service, account: account, serial: report.serial,
      model: report.model?.displayName, algorithm: report.algorithm.argumentName, digits: 6,
      period: report.period.seconds, secretFingerprint: SecretFingerprint.of(secret),
      clockDriftBefore: report.clockDriftBefore)
    do {
      if let vaultKey {
        return try registry.recordBurn(record, keeping: secret, key: vaultKey, at: unixNow(), operatorName: operatorName)
      }
      return try registry.recordBurn(record, at: unixNow(), operatorName: operatorName)
    } catch {
      throw OperatorError(
        "the token \(report.serial) was burned, but the registry could not record it: "
          + "\(error). Burn it again with the same --user to record it (a re-burn is safe).",
        status: .temporaryFailure, tokenState: .burned)
    }
  }

  /// Records a burn that did not confirm the seed; a registry failure here is only reported.
  func recordFailure(_ error: OperatorError) {
    let outcome =
      switch error.tokenState {
      case .unknown: "unknown"
      case nil, .unchanged: "failure"
      case .some(let state): "failure (\(state.code))"
      }
    do {
      try registry.audit(
        AuditEvent(action: "burn", user: user, outcome: outcome, detail: error.message),
        at: unixNow(), operatorName: operatorName)
    } catch {
      Output.errorLine("tokenburner: warning: the failed burn could not be written to the audit log: \(String(describing: error).terminalSafe)")
    }
  }
}

extension BurnRecordOutcome {
  /// One line for human output.
  func summary(_ enrollment: Enrollment) -> String {
    switch self {
    case .enrolled: "enrollment #\(enrollment.id) created"
    case .reburned: "enrollment #\(enrollment.id) re-burned"
    case .replacedLost(let old): "enrollment #\(enrollment.id) replaces lost enrollment #\(old)"
    case .reassigned(let old): "enrollment #\(enrollment.id) created; the token's enrollment #\(old) ended"
    }
  }
}
