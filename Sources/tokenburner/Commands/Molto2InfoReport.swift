import Molto2
import OperatorOutput

/// `info` on a Molto2 reader: family, model, serial, clock and slot count from GET INFO and
/// the keyless model probe.
struct Molto2InfoReport: Encodable {
  var family = "molto2"
  var serial: String
  var model: String
  var slotCount: Int
  var tokenTime: Int64
  var hostTime: Int64
  var clockDriftSeconds: Int64

  /// Reads the identity through `card` and prints it.
  static func show(_ card: Molto2Card, json: Bool) throws(OperatorError) {
    let identity: Molto2Identity
    do {
      identity = try card.identify()
    } catch {
      throw FailureMapping.operatorError(error)
    }
    let report = Molto2InfoReport(
      serial: identity.serial, model: identity.model.displayName,
      slotCount: identity.model.slotCount, tokenTime: Int64(identity.info.tokenTime),
      hostTime: identity.hostTime, clockDriftSeconds: identity.clockDrift)
    if json {
      do { try Output.json(report) } catch { throw OperatorError("\(error)", status: .software) }
      return
    }
    Output.line("Family      Molto2 (multi-profile, USB)")
    Output.line("Serial      \(report.serial.terminalSafe)")
    Output.line("Model       \(report.model)")
    Output.line("Profiles    \(report.slotCount)")
    let sign = report.clockDriftSeconds >= 0 ? "+" : ""
    Output.line(
      "Drift       \(sign)\(report.clockDriftSeconds) s (token clock minus this computer's)")
  }
}
