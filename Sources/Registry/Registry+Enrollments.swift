import GRDB

extension Registry {
  /// Records a burn whose seed write the token confirmed, with its audit row, in one
  /// transaction:
  /// - the same serial active for the same user and service: a re-burn of that enrollment;
  /// - the serial active for someone else: that enrollment becomes `replaced`, a new one starts;
  /// - otherwise a new enrollment, which replaces the user's most recent lost token for the
  ///   same service, if any.
  public func recordBurn(_ burn: BurnRecord, at: Int64, operatorName: String)
    throws(RegistryError) -> (Enrollment, BurnRecordOutcome)
  {
    try write { db in try Self.recordBurn(burn, at: at, operatorName: operatorName, in: db) }
  }

  /// `recordBurn` inside a caller's transaction; `action` names the audit row (`burn`, or
  /// `register` for a factory-seeded token, which has no clock drift to report). A re-burn
  /// with another secret deletes the enrollment's kept copy (with an audit row) unless
  /// `keepsSecret` says the caller keeps the new one: the vault never holds a key the token
  /// no longer has.
  static func recordBurn(
    _ burn: BurnRecord, at: Int64, operatorName: String, action: AuditAction = .burn,
    keepsSecret: Bool = false,
    in db: Database
  ) throws -> (Enrollment, BurnRecordOutcome) {
    let activeOnSerial = try Enrollment.fetchAll(
      db, sql: "SELECT * FROM enrollment WHERE serial = ? AND status = 'active'",
      arguments: [burn.serial])
    let latestLost = try Int64.fetchOne(
      db,
      sql: """
        SELECT id FROM enrollment WHERE user = ? AND service IS ? AND status = 'lost'
        ORDER BY updated_at DESC, id DESC LIMIT 1
        """, arguments: [burn.user, burn.service])
    let plan = BurnRecordPlan.classify(burn, activeOnSerial: activeOnSerial, latestLost: latestLost)
    let id: Int64
    switch plan {
    case .reburn(let existing):
      id = existing.id
      try db.execute(
        sql: """
          UPDATE enrollment SET algorithm = ?, digits = ?, period = ?, secret_fingerprint = ?,
            model = ?, account = COALESCE(?, account), updated_at = ? WHERE id = ?
          """,
        arguments: [
          burn.algorithm, burn.digits, burn.period, burn.secretFingerprint, burn.model,
          burn.account, at, existing.id,
        ])
      try Self.audit(
        plan.auditEvent(burn, enrollmentID: id, action: action), at: at, operatorName: operatorName,
        in: db)
      if !keepsSecret, existing.secretFingerprint != burn.secretFingerprint {
        try discardKeptSecret(of: existing, at: at, operatorName: operatorName, in: db)
      }
    case .enroll(let ending, let replaces):
      for other in ending {
        try db.execute(
          sql: "UPDATE enrollment SET status = 'replaced', updated_at = ? WHERE id = ?",
          arguments: [at, other])
        try Self.revokeCodes(of: other, reason: BurnRecordPlan.reassignedReason, at: at, in: db)
      }
      if let replaces {
        try db.execute(
          sql: "UPDATE enrollment SET status = 'replaced', updated_at = ? WHERE id = ?",
          arguments: [at, replaces])
      }
      try db.execute(
        sql: """
          INSERT INTO enrollment (user, service, account, serial, model, algorithm, digits, period,
            secret_fingerprint, status, replaces_id, operator, created_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)
          """,
        arguments: [
          burn.user, burn.service, burn.account, burn.serial, burn.model, burn.algorithm,
          burn.digits, burn.period, burn.secretFingerprint, replaces, operatorName, at, at,
        ])
      id = db.lastInsertedRowID
      try Self.audit(
        plan.auditEvent(burn, enrollmentID: id, action: action), at: at, operatorName: operatorName,
        in: db)
    }
    return (try Self.enrollment(id, in: db), plan.outcome)
  }

  /// Marks an active enrollment lost and revokes its backup codes, with an audit row.
  public func markLost(_ id: Int64, reason: String, at: Int64, operatorName: String)
    throws(RegistryError) -> Enrollment
  {
    try write { db in
      let enrollment = try Self.enrollment(id, in: db)
      guard enrollment.status == .active else {
        throw RegistryError.notActive(id: id, status: enrollment.status)
      }
      try db.execute(
        sql: "UPDATE enrollment SET status = 'lost', lost_reason = ?, updated_at = ? WHERE id = ?",
        arguments: [reason, at, id])
      let revoked = try Self.revokeCodes(of: id, reason: "token lost", at: at, in: db)
      try Self.audit(
        AuditEvent(
          action: .lost, user: enrollment.user, serial: enrollment.serial, enrollmentId: id,
          outcome: .success,
          detail: "token \(enrollment.serial) marked lost (\(reason)); \(revoked) unused backup "
            + "codes revoked"),
        at: at, operatorName: operatorName, in: db)
      return try Self.enrollment(id, in: db)
    }
  }

  /// The enrollment with this id.
  public func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment {
    try read { db in try Self.enrollment(id, in: db) }
  }

  /// Enrollments, newest first, optionally only one user's or one status.
  public func enrollments(user: String? = nil, status: EnrollmentStatus? = nil)
    throws(RegistryError) -> [Enrollment]
  {
    try read { db in
      try Enrollment.fetchAll(
        db,
        sql: """
          SELECT * FROM enrollment WHERE (? IS NULL OR user = ?) AND (? IS NULL OR status = ?)
          ORDER BY id DESC
          """, arguments: [user, user, status?.rawValue, status?.rawValue])
    }
  }

  /// Audit rows about a user or a serial (or everything), oldest first.
  public func history(user: String? = nil, serial: String? = nil) throws(RegistryError)
    -> [AuditEntry]
  {
    try read { db in
      try AuditEntry.fetchAll(
        db,
        sql: """
          SELECT * FROM audit WHERE (? IS NULL OR user = ?) AND (? IS NULL OR serial = ?)
          ORDER BY id
          """, arguments: [user, user, serial, serial])
    }
  }

  static func enrollment(_ id: Int64, in db: Database) throws -> Enrollment {
    guard
      let found = try Enrollment.fetchOne(
        db, sql: "SELECT * FROM enrollment WHERE id = ?", arguments: [id])
    else { throw RegistryError.noSuchEnrollment(id) }
    return found
  }

  /// Deletes the secret kept for `enrollment`, if any, with an audit row.
  static func discardKeptSecret(
    of enrollment: Enrollment, at: Int64, operatorName: String, in db: Database
  ) throws {
    try db.execute(
      sql: "DELETE FROM vault_secret WHERE kind = 'enrollment' AND enrollment_id = ?",
      arguments: [enrollment.id])
    guard db.changesCount > 0 else { return }
    try audit(
      AuditEvent(
        action: .vaultDiscard, user: enrollment.user, serial: enrollment.serial,
        enrollmentId: enrollment.id,
        outcome: .success,
        detail:
          "the kept secret of enrollment #\(enrollment.id) was deleted: the token was re-burned with another secret"
      ),
      at: at, operatorName: operatorName, in: db)
  }

  /// Revokes the enrollment's open code sets; returns how many unused codes that voided.
  @discardableResult
  static func revokeCodes(of enrollmentID: Int64, reason: String, at: Int64, in db: Database) throws
    -> Int
  {
    let unused =
      try Int.fetchOne(
        db,
        sql: """
          SELECT COUNT(*) FROM backup_code c JOIN backup_code_set s ON c.set_id = s.id
          WHERE s.enrollment_id = ? AND s.revoked_at IS NULL AND c.used_at IS NULL
          """, arguments: [enrollmentID]) ?? 0
    try db.execute(
      sql: """
        UPDATE backup_code_set SET revoked_at = ?, revoked_reason = ?
        WHERE enrollment_id = ? AND revoked_at IS NULL
        """, arguments: [at, reason, enrollmentID])
    return unused
  }
}
