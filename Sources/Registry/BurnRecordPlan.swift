/// What recording a confirmed burn does, decided from what the registry knew before it. Pure,
/// so every store makes the same decision and writes the same audit text; the stores only
/// carry the plan out.
public enum BurnRecordPlan: Equatable, Sendable {
  /// The same serial is active for the same user and service: update that enrollment.
  case reburn(of: Enrollment)
  /// A new enrollment. `ending` are the enrollments active on the same serial for someone else
  /// (they become `replaced`, their codes revoked); `replacingLost` is the user's most recent
  /// lost enrollment for the service, taken over only when no active one was ended.
  case enroll(ending: [Int64], replacingLost: Int64?)

  /// Decides from the facts: the enrollments active on `burn.serial`, and the id of the most
  /// recent lost enrollment of `burn.user` for `burn.service` (if any).
  public static func classify(_ burn: BurnRecord, activeOnSerial: [Enrollment], latestLost: Int64?)
    -> BurnRecordPlan
  {
    if let existing = activeOnSerial.first(where: {
      $0.user == burn.user && $0.service == burn.service
    }) {
      return .reburn(of: existing)
    }
    let ending = activeOnSerial.map(\.id)
    return .enroll(ending: ending, replacingLost: ending.isEmpty ? latestLost : nil)
  }

  /// How the burn relates to what was there, as the caller is told.
  public var outcome: BurnRecordOutcome {
    switch self {
    case .reburn: .reburned
    case .enroll(let ending, let lost):
      if let last = ending.last {
        .reassigned(from: last)
      } else if let lost {
        .replacedLost(lost)
      } else {
        .enrolled
      }
    }
  }

  /// Why the codes of an ended enrollment were revoked.
  public static let reassignedReason = "token reassigned"

  /// The audit row of the recorded burn; `enrollmentID` is the updated or the new enrollment.
  /// A factory registration (`.register`) has no clock drift to report.
  public func auditEvent(_ burn: BurnRecord, enrollmentID id: Int64, action: AuditAction)
    -> AuditEvent
  {
    let drift = "; clock drift before: \(burn.clockDriftBefore) s"
    var detail: String
    switch self {
    case .reburn:
      detail =
        (action == .burn ? "re-burned" : "re-registered")
        + " enrollment #\(id) (\(burn.algorithm), \(burn.period) s)"
        + (action == .burn ? drift : "")
    case .enroll:
      detail =
        "enrolled token \(burn.serial) as #\(id) (\(burn.algorithm), \(burn.period) s)"
        + (action == .burn ? drift : "; factory-seeded")
      switch outcome {
      case .replacedLost(let old): detail += "; replaces lost enrollment #\(old)"
      case .reassigned(let old): detail += "; the token was taken over from enrollment #\(old)"
      case .enrolled, .reburned: break
      }
    }
    return AuditEvent(
      action: action, user: burn.user, serial: burn.serial, enrollmentId: id, outcome: .success,
      detail: detail)
  }
}
