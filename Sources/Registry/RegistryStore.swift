import OTP

/// The registry as the command line and the wizard use it: enrollments, backup codes and the
/// audit log, whatever holds them. `Registry` (SQLite) is the first store; any other must pass
/// the same contract suite (`Tests/RegistryTests/RegistryStoreContractTests.swift`).
///
/// The contract every store keeps:
/// - each write and its audit row take effect together or not at all;
/// - a serial has at most one active enrollment, and `BurnRecordPlan` decides what a burn does (the
///   same for every store); a user may hold several active tokens, even for one service;
/// - a backup code works once; a new set, a lost or a reassigned token revokes the unused ones;
/// - at most `BackupCodePolicy.maximumFailures` wrong codes per user in any `failureWindow`,
///   counted by the store so the limit holds for every process that uses it;
/// - audit rows are only appended, never changed, and hold no secret or code.
///
/// Times and the operator's name come from the caller. The vault (kept secrets, factory seeds)
/// is not part of the port yet: it stays on `Registry`.
public protocol RegistryStore: Sendable {
  /// Records a burn the token confirmed: a new enrollment, a re-burn, the replacement of a lost
  /// token or a reassignment of the serial, as `BurnRecordPlan.classify` decides, with its audit row.
  func recordBurn(_ burn: BurnRecord, at: Int64, operatorName: String)
    throws(RegistryError) -> (Enrollment, BurnRecordOutcome)

  /// Marks an active enrollment lost and revokes its unused codes, with an audit row.
  /// - Throws: `.noSuchEnrollment`, `.notActive`.
  func markLost(_ id: Int64, reason: String, at: Int64, operatorName: String) throws(RegistryError)
    -> Enrollment

  /// The enrollment with this id. - Throws: `.noSuchEnrollment`.
  func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment

  /// Enrollments, newest first, optionally only one user's or one status.
  func enrollments(user: String?, status: EnrollmentStatus?) throws(RegistryError) -> [Enrollment]

  /// Stores a new set of code hashes for an active enrollment, revoking the sets before it,
  /// with an audit row; returns the new set's id. - Throws: `.noSuchEnrollment`, `.notActive`.
  func issueBackupCodes(
    enrollmentID: Int64, hashes: [BackupCodeHash], at: Int64, operatorName: String
  )
    throws(RegistryError) -> Int64

  /// The user's code sets, newest first (all enrollments, revoked sets included).
  func codeSets(user: String) throws(RegistryError) -> [BackupCodeSet]

  /// Checks a code a user read out against every usable code of theirs (all of them, so the
  /// time taken tells nothing) and uses a match up; every attempt counts toward the rate limit
  /// and has an audit row. - Throws: `.rateLimited` while the limit applies.
  func verifyBackupCode(_ candidate: BackupCode, user: String, at: Int64, operatorName: String)
    throws(RegistryError) -> CodeVerification

  /// Appends one audit row on its own (a failed burn).
  func audit(_ event: AuditEvent, at: Int64, operatorName: String) throws(RegistryError)

  /// Audit rows about a user or a serial (or everything), oldest first.
  func history(user: String?, serial: String?) throws(RegistryError) -> [AuditEntry]
}

extension RegistryStore {
  /// The user's one active enrollment (for `service` when given).
  ///
  /// - Throws: `.noActiveEnrollment`, or `.ambiguousEnrollment` when several match.
  public func activeEnrollment(user: String, service: String?) throws(RegistryError) -> Enrollment {
    let matches = try enrollments(user: user, status: .active).filter {
      service == nil || $0.service == service
    }
    guard let first = matches.first else {
      throw .noActiveEnrollment(user: user, service: service)
    }
    guard matches.count == 1 else {
      throw .ambiguousEnrollment(user: user, ids: matches.map(\.id))
    }
    return first
  }
}

extension Registry: RegistryStore {}
