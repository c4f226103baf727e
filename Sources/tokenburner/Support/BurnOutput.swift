import BurnPreparation
import OTP
import OperatorOutput
import Registry
import Token2

/// What `burn` prints after a confirmed seed write: human text, or the JSON object of the
/// command-line contract. Neither contains the secret unless a generated account is revealed
/// on request (`--generate --json --show-secret`).
struct BurnOutput {
  var report: BurnReport
  var elapsed: Duration
  var user: String?
  var service: String?
  var warnings: [String]
  /// Only for computing the codes the token should now show; never printed.
  var secret: Secret
  /// The registry record, with `--user`.
  var recorded: (Enrollment, BurnRecordOutcome)?

  var elapsedMilliseconds: Int64 {
    let (seconds, attoseconds) = elapsed.components
    return seconds * 1000 + attoseconds / 1_000_000_000_000_000
  }

  func jsonReport(revealing generated: GeneratedAccount?) -> BurnJSONReport {
    BurnJSONReport(
      serial: report.serial, model: report.model?.displayName, restricted: report.isRestricted,
      algorithm: report.algorithm.argumentName, period: report.period.seconds,
      displayTimeout: report.displayTimeout.seconds,
      clockDriftSeconds: report.clockDriftBefore,
      clockDriftAfterSeconds: report.clockDriftAfter, writtenTime: Int64(report.writtenTime),
      apduCount: report.apduCount, elapsedMs: elapsedMilliseconds,
      tokenState: report.state.code, recoveries: report.recoveries.map(\.description),
      warnings: report.before.warnings.map(\.description) + warnings,
      user: user, service: service, enrollmentId: recorded?.0.id,
      secret: generated.map { Base32.encode($0.uri.secret.revealedBytes()) },
      otpauthUri: generated?.uri.uriString)
  }

  func printHuman(now: Int64) {
    let model = report.model?.displayName ?? "unknown model"
    Output.line()
    Output.line("Burned token \(report.serial.terminalSafe) (\(model))")
    for warning in report.before.warnings { Output.line("Note        \(warning)") }
    let algorithmName = report.algorithm == .sha256 ? "SHA-256" : "SHA-1"
    Output.line(
      "Settings    \(algorithmName), \(report.period.seconds) s steps, display on for "
        + "\(report.displayTimeout.seconds) s")
    let after = report.clockDriftAfter.map { ", now \(Self.signed($0)) s" } ?? ""
    Output.line(
      "Clock       was \(Self.signed(report.clockDriftBefore)) s off; set to this computer's time\(after)"
    )
    for recovery in report.recoveries { Output.line("Recovered   \(recovery)") }
    Output.line("Exchange    \(report.apduCount) APDUs in \(elapsedMilliseconds) ms")
    if let user { Output.line("User        \(user.terminalSafe)") }
    if let service { Output.line("Service     \(service.terminalSafe)") }
    if let (enrollment, outcome) = recorded {
      Output.line("Registry    \(outcome.summary(enrollment))")
    }
    let parameters = TOTPParameters(
      algorithm: report.algorithm.hashAlgorithm, digits: 6, period: report.period.seconds)
    let window = TOTP.window(secret: secret, at: now, parameters: parameters)
    Output.line(
      "Check       switch the token off and on, then compare: \(window.current) now "
        + "(\(window.secondsLeft) s left), \(window.next) next")
  }

  private static func signed(_ value: Int64) -> String { value >= 0 ? "+\(value)" : "\(value)" }
}

/// `burn --json` (PRODUCT.md "Command-line contract"). `secret` and `otpauth_uri` appear only
/// for `--generate --show-secret`.
struct BurnJSONReport: Encodable {
  var serial: String
  var model: String?
  var restricted: Bool
  var algorithm: String
  var period: Int
  var displayTimeout: Int
  /// Token clock minus host clock before the burn, seconds.
  var clockDriftSeconds: Int64
  /// The same after the burn, when the final GET INFO completed.
  var clockDriftAfterSeconds: Int64?
  /// The clock value written, Unix seconds.
  var writtenTime: Int64
  var apduCount: Int
  var elapsedMs: Int64
  var tokenState: String
  var recoveries: [String]
  var warnings: [String]
  var user: String?
  var service: String?
  /// Set once a registry records the enrollment.
  var enrollmentId: Int64?
  var secret: String?
  var otpauthUri: String?
}
