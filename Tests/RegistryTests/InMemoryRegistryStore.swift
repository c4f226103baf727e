import OTP
import Registry
import Synchronization

/// A second `RegistryStore`, held in memory, for the contract suite: it keeps the same
/// promises as the SQLite store with none of its machinery, so a behaviour the suite pins is
/// the port's, not SQLite's. Every operation works on a copy of the state and commits it only
/// when nothing threw (a write and its audit row, or neither). Not a product target.
final class InMemoryRegistryStore: RegistryStore {
  private struct Code {
    var position: Int
    var hash: BackupCodeHash
    var usedAt: Int64?
  }

  private struct CodeSet {
    var id: Int64
    var enrollmentId: Int64
    var createdAt: Int64
    var revokedAt: Int64?
    var revokedReason: String?
    var codes: [Code]
  }

  private struct State {
    var enrollments: [Enrollment] = []
    var sets: [CodeSet] = []
    var attempts: [(user: String, at: Int64, success: Bool)] = []
    var audit: [AuditEntry] = []

    func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment {
      guard let found = enrollments.first(where: { $0.id == id }) else {
        throw .noSuchEnrollment(id)
      }
      return found
    }

    mutating func update(_ enrollment: Enrollment) {
      enrollments[enrollments.firstIndex { $0.id == enrollment.id }!] = enrollment
    }

    mutating func setStatus(_ id: Int64, _ status: EnrollmentStatus, at: Int64) {
      let index = enrollments.firstIndex { $0.id == id }!
      enrollments[index].status = status
      enrollments[index].updatedAt = at
    }

    mutating func append(_ event: AuditEvent, at: Int64, operatorName: String) {
      audit.append(
        AuditEntry(id: Int64(audit.count + 1), at: at, operatorName: operatorName, event: event))
    }

    /// Revokes the enrollment's open sets; how many unused codes that voided.
    @discardableResult
    mutating func revokeCodes(of enrollmentID: Int64, reason: String, at: Int64) -> Int {
      var unused = 0
      for index in sets.indices
      where sets[index].enrollmentId == enrollmentID && sets[index].revokedAt == nil {
        unused += sets[index].codes.filter { $0.usedAt == nil }.count
        sets[index].revokedAt = at
        sets[index].revokedReason = reason
      }
      return unused
    }

    func recentFailures(user: String, at: Int64) -> [Int64] {
      attempts.filter {
        $0.user == user && !$0.success && $0.at > at - BackupCodePolicy.failureWindow
      }
      .map(\.at).sorted()
    }

    func enforceRateLimit(user: String, at: Int64) throws(RegistryError) {
      let failures = recentFailures(user: user, at: at)
      guard failures.count >= BackupCodePolicy.maximumFailures else { return }
      let oldestCounted = failures[failures.count - BackupCodePolicy.maximumFailures]
      throw .rateLimited(
        user: user, retryAfter: max(1, oldestCounted + BackupCodePolicy.failureWindow - at))
    }
  }

  private let state = Mutex(State())

  /// Runs `body` on a copy of the state and keeps the copy only if `body` did not throw.
  private func transaction<T: Sendable>(_ body: (inout State) throws(RegistryError) -> T)
    throws(RegistryError) -> T
  {
    try state.withLock { (current: inout State) throws(RegistryError) -> T in
      var copy = current
      let result = try body(&copy)
      current = copy
      return result
    }
  }

  func recordBurn(_ burn: BurnRecord, at: Int64, operatorName: String)
    throws(RegistryError) -> (Enrollment, BurnRecordOutcome)
  {
    try transaction { (state: inout State) throws(RegistryError) in
      let latestLost = state.enrollments
        .filter { $0.user == burn.user && $0.service == burn.service && $0.status == .lost }
        .max { ($0.updatedAt, $0.id) < ($1.updatedAt, $1.id) }?.id
      let plan = BurnRecordPlan.classify(
        burn,
        activeOnSerial: state.enrollments.filter {
          $0.serial == burn.serial && $0.status == .active
        },
        latestLost: latestLost)
      let recorded: Enrollment
      switch plan {
      case .reburn(let existing):
        recorded = existing.reburned(burn, at: at)
        state.update(recorded)
      case .enroll(let ending, let replaces):
        for other in ending {
          state.setStatus(other, .replaced, at: at)
          state.revokeCodes(of: other, reason: BurnRecordPlan.reassignedReason, at: at)
        }
        if let replaces { state.setStatus(replaces, .replaced, at: at) }
        let id = (state.enrollments.map(\.id).max() ?? 0) + 1
        recorded = Enrollment(
          id: id, burn: burn, replacesId: replaces, operatorName: operatorName, at: at)
        state.enrollments.append(recorded)
      }
      state.append(
        plan.auditEvent(burn, enrollmentID: recorded.id, action: .burn), at: at,
        operatorName: operatorName)
      return (recorded, plan.outcome)
    }
  }

  func markLost(_ id: Int64, reason: String, at: Int64, operatorName: String) throws(RegistryError)
    -> Enrollment
  {
    try transaction { (state: inout State) throws(RegistryError) in
      var enrollment = try state.enrollment(id)
      guard enrollment.status == .active else {
        throw .notActive(id: id, status: enrollment.status)
      }
      enrollment.status = .lost
      enrollment.lostReason = reason
      enrollment.updatedAt = at
      state.update(enrollment)
      let revoked = state.revokeCodes(of: id, reason: "token lost", at: at)
      state.append(
        AuditEvent(
          action: .lost, user: enrollment.user, serial: enrollment.serial, enrollmentId: id,
          outcome: .success,
          detail:
            "token \(enrollment.serial) marked lost (\(reason)); \(revoked) unused backup codes revoked"
        ),
        at: at, operatorName: operatorName)
      return enrollment
    }
  }

  func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment {
    try transaction { (state: inout State) throws(RegistryError) in try state.enrollment(id) }
  }

  func enrollments(user: String?, status: EnrollmentStatus?) throws(RegistryError) -> [Enrollment] {
    state.withLock { state in
      state.enrollments.filter {
        (user == nil || $0.user == user) && (status == nil || $0.status == status)
      }
      .sorted { $0.id > $1.id }
    }
  }

  func issueBackupCodes(
    enrollmentID: Int64, hashes: [BackupCodeHash], at: Int64, operatorName: String
  )
    throws(RegistryError) -> Int64
  {
    try transaction { (state: inout State) throws(RegistryError) in
      let enrollment = try state.enrollment(enrollmentID)
      guard enrollment.status == .active else {
        throw .notActive(id: enrollmentID, status: enrollment.status)
      }
      let revoked = state.revokeCodes(of: enrollmentID, reason: "replaced by a new set", at: at)
      let id = Int64(state.sets.count + 1)
      state.sets.append(
        CodeSet(
          id: id, enrollmentId: enrollmentID, createdAt: at,
          codes: hashes.enumerated().map { Code(position: $0.offset + 1, hash: $0.element) }))
      state.append(
        AuditEvent(
          action: .codesIssued, user: enrollment.user, serial: enrollment.serial,
          enrollmentId: enrollmentID,
          outcome: .success,
          detail: "\(hashes.count) backup codes issued (set #\(id))"
            + (revoked > 0 ? "; \(revoked) unused codes of the previous set revoked" : "")),
        at: at, operatorName: operatorName)
      return id
    }
  }

  func codeSets(user: String) throws(RegistryError) -> [BackupCodeSet] {
    state.withLock { state in
      let ids = Set(state.enrollments.filter { $0.user == user }.map(\.id))
      return state.sets.filter { ids.contains($0.enrollmentId) }.sorted { $0.id > $1.id }.map {
        set in
        BackupCodeSet(
          id: set.id, enrollmentId: set.enrollmentId, createdAt: set.createdAt,
          revokedAt: set.revokedAt,
          revokedReason: set.revokedReason,
          slots: set.codes.map { BackupCodeSet.Slot(position: $0.position, usedAt: $0.usedAt) })
      }
    }
  }

  func verifyBackupCode(_ candidate: BackupCode, user: String, at: Int64, operatorName: String)
    throws(RegistryError) -> CodeVerification
  {
    try transaction { (state: inout State) throws(RegistryError) in
      try state.enforceRateLimit(user: user, at: at)
      let ids = Set(state.enrollments.filter { $0.user == user }.map(\.id))
      var matched: (set: Int, code: Int)?
      for (s, set) in state.sets.enumerated()
      where ids.contains(set.enrollmentId) && set.revokedAt == nil {
        for (c, code) in set.codes.enumerated() where code.usedAt == nil {
          // Every candidate is hashed, as the SQLite store does: no early exit.
          let hit = (try? code.hash.matches(candidate)) ?? false
          if hit, matched == nil { matched = (s, c) }
        }
      }
      state.attempts.append((user, at, matched != nil))
      if let matched {
        state.sets[matched.set].codes[matched.code].usedAt = at
        let set = state.sets[matched.set]
        let enrollment = try state.enrollment(set.enrollmentId)
        let remaining = state.sets.filter {
          $0.enrollmentId == set.enrollmentId && $0.revokedAt == nil
        }
        .flatMap(\.codes).filter { $0.usedAt == nil }.count
        let position = set.codes[matched.code].position
        state.append(
          AuditEvent(
            action: .codeVerified, user: user, serial: enrollment.serial,
            enrollmentId: enrollment.id,
            outcome: .success,
            detail: "backup code #\(position) accepted and used up; \(remaining) left"),
          at: at, operatorName: operatorName)
        return .accepted(enrollment: enrollment, position: position, remaining: remaining)
      }
      let failures = state.recentFailures(user: user, at: at).count
      state.append(
        AuditEvent(
          action: .codeRejected, user: user, outcome: .failure,
          detail: "a backup code was refused (wrong, used or revoked); \(failures) of "
            + "\(BackupCodePolicy.maximumFailures) failures in the last \(BackupCodePolicy.failureWindow / 60) minutes"
        ),
        at: at, operatorName: operatorName)
      return .rejected(attemptsLeft: max(0, BackupCodePolicy.maximumFailures - failures))
    }
  }

  func audit(_ event: AuditEvent, at: Int64, operatorName: String) throws(RegistryError) {
    state.withLock { $0.append(event, at: at, operatorName: operatorName) }
  }

  func history(user: String?, serial: String?) throws(RegistryError) -> [AuditEntry] {
    state.withLock { state in
      state.audit.filter {
        (user == nil || $0.user == user) && (serial == nil || $0.serial == serial)
      }
    }
  }
}
