import OTP
import Testing
import TokenCrypto

@testable import Registry

/// `BurnRecordPlan.classify`, the pure decision of what recording a burn does, as a table.
@Suite struct BurnRecordPlanTests {
  /// An active enrollment of `serial` for `user` and `service`.
  private static func active(
    _ id: Int64, user: String, service: String?, serial: String = "8659632000001"
  ) -> Enrollment {
    Enrollment(
      id: id, burn: burnRecord(user: user, service: service, serial: serial), replacesId: nil,
      operatorName: "op", at: 1)
  }

  /// (what the registry knew, the plan, the outcome the caller is told)
  static let table: [(String, [Enrollment], Int64?, BurnRecordPlan, BurnRecordOutcome)] = [
    ("nothing known", [], nil, .enroll(ending: [], replacingLost: nil), .enrolled),
    ("a lost token of the user's", [], 4, .enroll(ending: [], replacingLost: 4), .replacedLost(4)),
    (
      "the same serial, user and service", [active(7, user: "alice", service: "Jira")], nil,
      .reburn(of: active(7, user: "alice", service: "Jira")), .reburned
    ),
    (
      "a re-burn wins over a lost token", [active(7, user: "alice", service: "Jira")], 4,
      .reburn(of: active(7, user: "alice", service: "Jira")), .reburned
    ),
    (
      "the serial is bob's", [active(7, user: "bob", service: "Jira")], nil,
      .enroll(ending: [7], replacingLost: nil), .reassigned(from: 7)
    ),
    (
      "the serial is alice's for another service", [active(7, user: "alice", service: "Wiki")], nil,
      .enroll(ending: [7], replacingLost: nil), .reassigned(from: 7)
    ),
    (
      "a reassignment does not also replace the lost token",
      [active(7, user: "bob", service: "Jira")], 4,
      .enroll(ending: [7], replacingLost: nil), .reassigned(from: 7)
    ),
    (
      "no service is not the same as a service", [active(7, user: "alice", service: nil)], nil,
      .enroll(ending: [7], replacingLost: nil), .reassigned(from: 7)
    ),
    (
      "several holders end; the last is reported",
      [active(7, user: "bob", service: "Jira"), active(8, user: "carol", service: nil)],
      nil, .enroll(ending: [7, 8], replacingLost: nil), .reassigned(from: 8)
    ),
  ]

  @Test(arguments: table.indices) func classify(_ row: Int) {
    let (name, activeOnSerial, latestLost, plan, outcome) = Self.table[row]
    let decided = BurnRecordPlan.classify(
      burnRecord(user: "alice", service: "Jira"), activeOnSerial: activeOnSerial,
      latestLost: latestLost)
    #expect(decided == plan, "\(name)")
    #expect(decided.outcome == outcome, "\(name)")
  }

  @Test func theAuditTextSaysWhatHappened() {
    let burn = burnRecord()
    let text = { (plan: BurnRecordPlan, action: AuditAction) in
      plan.auditEvent(burn, enrollmentID: 9, action: action).detail
    }
    #expect(
      text(.enroll(ending: [], replacingLost: nil), .burn)
        == "enrolled token 8659632000001 as #9 (sha1, 30 s); clock drift before: 3 s")
    #expect(
      text(.enroll(ending: [], replacingLost: 4), .burn).hasSuffix("; replaces lost enrollment #4"))
    #expect(
      text(.enroll(ending: [2, 5], replacingLost: nil), .register)
        == "enrolled token 8659632000001 as #9 (sha1, 30 s); factory-seeded; the token was taken over from enrollment #5"
    )
    #expect(
      text(.reburn(of: Self.active(9, user: "alice", service: "Jira")), .burn)
        == "re-burned enrollment #9 (sha1, 30 s); clock drift before: 3 s")
    #expect(
      text(.reburn(of: Self.active(9, user: "alice", service: "Jira")), .register)
        == "re-registered enrollment #9 (sha1, 30 s)")
    let event = BurnRecordPlan.enroll(ending: [], replacingLost: nil).auditEvent(
      burn, enrollmentID: 9, action: .burn)
    #expect(
      event.action == .burn && event.outcome == .success && event.user == "alice"
        && event.enrollmentId == 9)
  }
}
