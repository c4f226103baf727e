import GRDB
import OTP
import TokenCrypto

extension Registry {
  /// Stores a new set of code hashes for an active enrollment and revokes the sets before it,
  /// with an audit row, in one transaction. Returns the new set's id.
  public func issueBackupCodes(
    enrollmentID: Int64, hashes: [BackupCodeHash], at: Int64, operatorName: String
  ) throws(RegistryError) -> Int64 {
    try write { db in
      let enrollment = try Self.enrollment(enrollmentID, in: db)
      guard enrollment.status == .active else {
        throw RegistryError.notActive(id: enrollmentID, status: enrollment.status)
      }
      let revoked = try Self.revokeCodes(
        of: enrollmentID, reason: "replaced by a new set", at: at, in: db)
      try db.execute(
        sql: "INSERT INTO backup_code_set (enrollment_id, created_at) VALUES (?, ?)",
        arguments: [enrollmentID, at])
      let setID = db.lastInsertedRowID
      for (index, hash) in hashes.enumerated() {
        try db.execute(
          sql: "INSERT INTO backup_code (set_id, position, hash) VALUES (?, ?, ?)",
          arguments: [setID, index + 1, hash.encoded])
      }
      try Self.audit(
        AuditEvent(
          action: .codesIssued, user: enrollment.user, serial: enrollment.serial,
          enrollmentId: enrollmentID, outcome: .success,
          detail: "\(hashes.count) backup codes issued (set #\(setID))"
            + (revoked > 0 ? "; \(revoked) unused codes of the previous set revoked" : "")),
        at: at, operatorName: operatorName, in: db)
      return setID
    }
  }

  /// The user's code sets, newest first (all enrollments, revoked sets included).
  public func codeSets(user: String) throws(RegistryError) -> [BackupCodeSet] {
    try read { db in
      let sets = try Row.fetchAll(
        db,
        sql: """
          SELECT s.* FROM backup_code_set s JOIN enrollment e ON s.enrollment_id = e.id
          WHERE e.user = ? ORDER BY s.id DESC
          """, arguments: [user])
      return try sets.map { row in
        let id: Int64 = row["id"]
        let slots = try BackupCodeSet.Slot.fetchAll(
          db, sql: "SELECT position, used_at FROM backup_code WHERE set_id = ? ORDER BY position",
          arguments: [id])
        return BackupCodeSet(
          id: id, enrollmentId: row["enrollment_id"], createdAt: row["created_at"],
          revokedAt: row["revoked_at"], revokedReason: row["revoked_reason"], slots: slots)
      }
    }
  }

  /// Checks a code a user read out against every usable code of theirs and uses it up.
  ///
  /// Every candidate hash is computed, whether or not an earlier one matched, so the time
  /// taken does not tell which code (or whether any) matched; each comparison is constant
  /// time. At most `BackupCodePolicy.maximumFailures` wrong codes per user in any
  /// `failureWindow`, counted in the database so the limit holds across processes; past it,
  /// nothing is checked until the window has moved on.
  ///
  /// - Throws: `.rateLimited`, or registry failures.
  public func verifyBackupCode(
    _ candidate: BackupCode, user: String, at: Int64, operatorName: String
  ) throws(RegistryError) -> CodeVerification {
    try read { db in try Self.enforceRateLimit(user: user, at: at, in: db) }
    let stored = try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT c.id, c.hash, c.position FROM backup_code c
          JOIN backup_code_set s ON c.set_id = s.id JOIN enrollment e ON s.enrollment_id = e.id
          WHERE e.user = ? AND s.revoked_at IS NULL AND c.used_at IS NULL
          """, arguments: [user]
      ).map { (id: $0["id"] as Int64, hash: $0["hash"] as String, position: $0["position"] as Int) }
    }
    var matched: (id: Int64, position: Int)?
    for code in stored {
      let hit = (BackupCodeHash(encoded: code.hash).flatMap { try? $0.matches(candidate) }) ?? false
      if hit, matched == nil { matched = (code.id, code.position) }
    }
    let outcome = matched
    return try write { db in
      try Self.enforceRateLimit(user: user, at: at, in: db)
      if let outcome {
        try db.execute(
          sql: "UPDATE backup_code SET used_at = ? WHERE id = ? AND used_at IS NULL",
          arguments: [at, outcome.id])
        if db.changesCount == 1 {
          let enrollmentID =
            try Int64.fetchOne(
              db,
              sql: """
                SELECT s.enrollment_id FROM backup_code c JOIN backup_code_set s ON c.set_id = s.id
                WHERE c.id = ?
                """, arguments: [outcome.id]) ?? 0
          let enrollment = try Self.enrollment(enrollmentID, in: db)
          let remaining =
            try Int.fetchOne(
              db,
              sql: """
                SELECT COUNT(*) FROM backup_code c JOIN backup_code_set s ON c.set_id = s.id
                WHERE s.enrollment_id = ? AND s.revoked_at IS NULL AND c.used_at IS NULL
                """, arguments: [enrollmentID]) ?? 0
          try Self.recordAttempt(user: user, success: true, at: at, in: db)
          try Self.audit(
            AuditEvent(
              action: .codeVerified, user: user, serial: enrollment.serial,
              enrollmentId: enrollmentID, outcome: .success,
              detail: "backup code #\(outcome.position) accepted and used up; \(remaining) left"),
            at: at, operatorName: operatorName, in: db)
          return .accepted(enrollment: enrollment, position: outcome.position, remaining: remaining)
        }
      }
      try Self.recordAttempt(user: user, success: false, at: at, in: db)
      let failures = try Self.recentFailures(user: user, at: at, in: db)
      try Self.audit(
        AuditEvent(
          action: .codeRejected, user: user, outcome: .failure,
          detail: "a backup code was refused (wrong, used or revoked); \(failures.count) of "
            + "\(BackupCodePolicy.maximumFailures) failures in the last "
            + "\(BackupCodePolicy.failureWindow / 60) minutes"),
        at: at, operatorName: operatorName, in: db)
      return .rejected(attemptsLeft: max(0, BackupCodePolicy.maximumFailures - failures.count))
    }
  }

  private static func recordAttempt(user: String, success: Bool, at: Int64, in db: Database) throws
  {
    try db.execute(
      sql: "INSERT INTO code_attempt (user, at, success) VALUES (?, ?, ?)",
      arguments: [user, at, success ? 1 : 0])
  }

  /// Times of the user's failed attempts within the window, oldest first.
  private static func recentFailures(user: String, at: Int64, in db: Database) throws -> [Int64] {
    try Int64.fetchAll(
      db,
      sql: "SELECT at FROM code_attempt WHERE user = ? AND success = 0 AND at > ? ORDER BY at",
      arguments: [user, at - BackupCodePolicy.failureWindow])
  }

  private static func enforceRateLimit(user: String, at: Int64, in db: Database) throws {
    let failures = try recentFailures(user: user, at: at, in: db)
    guard failures.count >= BackupCodePolicy.maximumFailures else { return }
    let oldestCounted = failures[failures.count - BackupCodePolicy.maximumFailures]
    throw RegistryError.rateLimited(
      user: user, retryAfter: max(1, oldestCounted + BackupCodePolicy.failureWindow - at))
  }
}
