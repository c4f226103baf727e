import OTP
import PostgresClient
import Registry

extension PostgresRegistry {
  /// Stores a new set of code hashes for an active enrollment and revokes the sets before it,
  /// with an audit row, in one transaction. Returns the new set's id.
  public func issueBackupCodes(
    enrollmentID: Int64, hashes: [BackupCodeHash], at: Int64, operatorName: String
  ) throws(RegistryError) -> Int64 {
    try write { connection, _ in
      let enrollment = try connection.enrollment(enrollmentID)
      guard enrollment.status == .active else {
        throw RegistryError.notActive(id: enrollmentID, status: enrollment.status)
      }
      let revoked = try connection.revokeCodes(
        of: enrollmentID, reason: "replaced by a new set", at: at)
      let setID =
        try connection.int64(
          "INSERT INTO backup_code_set (enrollment_id, created_at) VALUES ($1, $2) RETURNING id",
          [String(enrollmentID), String(at)]) ?? 0
      for (index, hash) in hashes.enumerated() {
        try connection.execute(
          "INSERT INTO backup_code (set_id, position, hash) VALUES ($1, $2, $3)",
          [String(setID), String(index + 1), hash.encoded])
      }
      try Self.audit(
        AuditEvent(
          action: .codesIssued, user: enrollment.user, serial: enrollment.serial,
          enrollmentId: enrollmentID, outcome: .success,
          detail: "\(hashes.count) backup codes issued (set #\(setID))"
            + (revoked > 0 ? "; \(revoked) unused codes of the previous set revoked" : "")),
        at: at, in: connection)
      return setID
    }
  }

  /// The user's code sets, newest first (all enrollments, revoked sets included).
  public func codeSets(user: String) throws(RegistryError) -> [BackupCodeSet] {
    try read { connection in
      let sets = try connection.execute(
        """
        SELECT s.* FROM backup_code_set s JOIN enrollment e ON s.enrollment_id = e.id
        WHERE e."user" = $1 ORDER BY s.id DESC
        """, [user]
      ).records
      return try sets.map { row in
        let id = row.int64("id") ?? 0
        let slots = try connection.execute(
          "SELECT position, used_at FROM backup_code WHERE set_id = $1 ORDER BY position",
          [String(id)]
        ).records.map {
          BackupCodeSet.Slot(position: Int($0["position"] ?? "") ?? 0, usedAt: $0.int64("used_at"))
        }
        return BackupCodeSet(
          id: id, enrollmentId: row.int64("enrollment_id") ?? 0,
          createdAt: row.int64("created_at") ?? 0, revokedAt: row.int64("revoked_at"),
          revokedReason: row["revoked_reason"], slots: slots)
      }
    }
  }

  /// Checks a code a user read out against every usable code of theirs and uses a match up.
  ///
  /// The hashes are computed outside any transaction (scrypt is slow; every one is computed,
  /// so the time tells nothing). The write then checks the rate limit again and uses the code
  /// only if it is still unused (`used_at IS NULL`), serializably: the same code verified at
  /// two desks at once is accepted once, and failures from every desk count toward the limit.
  public func verifyBackupCode(
    _ candidate: BackupCode, user: String, at: Int64, operatorName: String
  ) throws(RegistryError) -> CodeVerification {
    try read { connection in try Self.enforceRateLimit(user: user, at: at, in: connection) }
    let stored = try read { connection in
      try connection.execute(
        """
        SELECT c.id, c.hash, c.position FROM backup_code c
        JOIN backup_code_set s ON c.set_id = s.id JOIN enrollment e ON s.enrollment_id = e.id
        WHERE e."user" = $1 AND s.revoked_at IS NULL AND c.used_at IS NULL
        """, [user]
      ).records.map {
        (id: $0.int64("id") ?? 0, hash: $0["hash"] ?? "", position: Int($0["position"] ?? "") ?? 0)
      }
    }
    var matched: (id: Int64, position: Int)?
    for code in stored {
      let hit = (BackupCodeHash(encoded: code.hash).flatMap { try? $0.matches(candidate) }) ?? false
      if hit, matched == nil { matched = (code.id, code.position) }
    }
    let outcome = matched
    return try write { connection, _ in
      try Self.enforceRateLimit(user: user, at: at, in: connection)
      if let outcome {
        let used = try connection.execute(
          "UPDATE backup_code SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
          [String(at), String(outcome.id)])
        if used.affected == 1 {
          let enrollmentID =
            try connection.int64(
              "SELECT enrollment_id FROM backup_code_set s JOIN backup_code c ON c.set_id = s.id "
                + "WHERE c.id = $1", [String(outcome.id)]) ?? 0
          let enrollment = try connection.enrollment(enrollmentID)
          let remaining =
            try connection.int64(
              """
              SELECT count(*) FROM backup_code c JOIN backup_code_set s ON c.set_id = s.id
              WHERE s.enrollment_id = $1 AND s.revoked_at IS NULL AND c.used_at IS NULL
              """, [String(enrollmentID)]) ?? 0
          try Self.recordAttempt(user: user, success: true, at: at, in: connection)
          try Self.audit(
            AuditEvent(
              action: .codeVerified, user: user, serial: enrollment.serial,
              enrollmentId: enrollmentID, outcome: .success,
              detail: "backup code #\(outcome.position) accepted and used up; \(remaining) left"),
            at: at, in: connection)
          return CodeVerification.accepted(
            enrollment: enrollment, position: outcome.position, remaining: Int(remaining))
        }
      }
      try Self.recordAttempt(user: user, success: false, at: at, in: connection)
      let failures = try Self.recentFailures(user: user, at: at, in: connection)
      try Self.audit(
        AuditEvent(
          action: .codeRejected, user: user, outcome: .failure,
          detail: "a backup code was refused (wrong, used or revoked); \(failures.count) of "
            + "\(BackupCodePolicy.maximumFailures) failures in the last "
            + "\(BackupCodePolicy.failureWindow / 60) minutes"),
        at: at, in: connection)
      return .rejected(attemptsLeft: max(0, BackupCodePolicy.maximumFailures - failures.count))
    }
  }

  private static func recordAttempt(
    user: String, success: Bool, at: Int64, in connection: PostgresConnection
  ) throws {
    try connection.execute(
      #"INSERT INTO code_attempt ("user", at, success) VALUES ($1, $2, $3)"#,
      [user, String(at), success ? "true" : "false"])
  }

  /// Times of the user's failed attempts within the window, oldest first.
  private static func recentFailures(user: String, at: Int64, in connection: PostgresConnection)
    throws -> [Int64]
  {
    try connection.execute(
      #"SELECT at FROM code_attempt WHERE "user" = $1 AND NOT success AND at > $2 ORDER BY at"#,
      [user, String(at - BackupCodePolicy.failureWindow)]
    ).rows.compactMap { $0.first.flatMap { $0.flatMap { Int64($0) } } }
  }

  private static func enforceRateLimit(user: String, at: Int64, in connection: PostgresConnection)
    throws
  {
    let failures = try recentFailures(user: user, at: at, in: connection)
    guard failures.count >= BackupCodePolicy.maximumFailures else { return }
    let oldestCounted = failures[failures.count - BackupCodePolicy.maximumFailures]
    throw RegistryError.rateLimited(
      user: user, retryAfter: max(1, oldestCounted + BackupCodePolicy.failureWindow - at))
  }
}
