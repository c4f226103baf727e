import PostgresClient
import Registry

extension PostgresRegistry {
  /// Records a burn the token confirmed, as `BurnRecordPlan` decides, with its audit row.
  ///
  /// Across desks: the transaction reads the active enrollments of the same user and service
  /// and of the same serial, so two burns recorded at once for either conflict and one is
  /// retried. A retry that finds an active enrollment there which was not there at its first
  /// attempt refuses with `.enrolledConcurrently`, naming who recorded it: two operators
  /// enrolling one user and service at once get one enrollment, and one serial burned at two
  /// desks at once is recorded once. One after the other, the plan applies as on SQLite.
  public func recordBurn(_ burn: BurnRecord, at: Int64, operatorName: String)
    throws(RegistryError) -> (Enrollment, BurnRecordOutcome)
  {
    var firstSeen: Set<Int64> = []
    let (enrollment, outcome) = try write { connection, attempt in
      let rivals = try connection.enrollments(
        """
        SELECT * FROM enrollment WHERE status = 'active'
          AND (("user" = $1 AND service IS NOT DISTINCT FROM $2) OR serial = $3) ORDER BY id
        """, [burn.user, burn.service, burn.serial])
      if attempt == 0 {
        firstSeen = Set(rivals.map(\.id))
      } else if let rival = rivals.first(where: { !firstSeen.contains($0.id) }) {
        throw RegistryError.enrolledConcurrently(
          id: rival.id, user: rival.user, serial: rival.serial, by: rival.operatorName)
      }
      do {
        return try Self.recordBurn(burn, at: at, in: connection)
      } catch PostgresError.uniqueViolation(let constraint, let message)
        where constraint == "enrollment_one_active_per_serial"
      {
        // Another desk activated this serial after this transaction looked: retry, and the
        // retry sees it.
        throw PostgresError.serialization(message)
      }
    }
    return (enrollment, outcome)
  }

  static func recordBurn(_ burn: BurnRecord, at: Int64, in connection: PostgresConnection) throws
    -> (Enrollment, BurnRecordOutcome)
  {
    let activeOnSerial = try connection.enrollments(
      "SELECT * FROM enrollment WHERE serial = $1 AND status = 'active' ORDER BY id", [burn.serial])
    let latestLost = try connection.int64(
      """
      SELECT id FROM enrollment WHERE "user" = $1 AND service IS NOT DISTINCT FROM $2
        AND status = 'lost' ORDER BY updated_at DESC, id DESC LIMIT 1
      """, [burn.user, burn.service])
    let plan = BurnRecordPlan.classify(burn, activeOnSerial: activeOnSerial, latestLost: latestLost)
    let id: Int64
    switch plan {
    case .reburn(let existing):
      id = existing.id
      try connection.execute(
        """
        UPDATE enrollment SET algorithm = $1, digits = $2, period = $3, secret_fingerprint = $4,
          model = $5, account = COALESCE($6, account), updated_at = $7 WHERE id = $8
        """,
        [
          burn.algorithm, String(burn.digits), String(burn.period), burn.secretFingerprint,
          burn.model, burn.account, String(at), String(existing.id),
        ])
    case .enroll(let ending, let replaces):
      for other in ending {
        try connection.execute(
          "UPDATE enrollment SET status = 'replaced', updated_at = $1 WHERE id = $2",
          [String(at), String(other)])
        try connection.revokeCodes(of: other, reason: BurnRecordPlan.reassignedReason, at: at)
      }
      if let replaces {
        try connection.execute(
          "UPDATE enrollment SET status = 'replaced', updated_at = $1 WHERE id = $2",
          [String(at), String(replaces)])
      }
      id =
        try connection.int64(
          """
          INSERT INTO enrollment ("user", service, account, serial, model, algorithm, digits,
            period, secret_fingerprint, status, replaces_id, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $11) RETURNING id
          """,
          [
            burn.user, burn.service, burn.account, burn.serial, burn.model, burn.algorithm,
            String(burn.digits), String(burn.period), burn.secretFingerprint,
            replaces.map(String.init), String(at),
          ]) ?? 0
    }
    try audit(plan.auditEvent(burn, enrollmentID: id, action: .burn), at: at, in: connection)
    return (try connection.enrollment(id), plan.outcome)
  }

  /// Marks an active enrollment lost and revokes its unused codes, with an audit row.
  public func markLost(_ id: Int64, reason: String, at: Int64, operatorName: String)
    throws(RegistryError) -> Enrollment
  {
    try write { connection, _ in
      let enrollment = try connection.enrollment(id)
      guard enrollment.status == .active else {
        throw RegistryError.notActive(id: id, status: enrollment.status)
      }
      try connection.execute(
        "UPDATE enrollment SET status = 'lost', lost_reason = $1, updated_at = $2 WHERE id = $3",
        [reason, String(at), String(id)])
      let revoked = try connection.revokeCodes(of: id, reason: "token lost", at: at)
      try Self.audit(
        AuditEvent(
          action: .lost, user: enrollment.user, serial: enrollment.serial, enrollmentId: id,
          outcome: .success,
          detail: "token \(enrollment.serial) marked lost (\(reason)); \(revoked) unused backup "
            + "codes revoked"),
        at: at, in: connection)
      return try connection.enrollment(id)
    }
  }

  /// The enrollment with this id. - Throws: `.noSuchEnrollment`.
  public func enrollment(_ id: Int64) throws(RegistryError) -> Enrollment {
    try read { connection in try connection.enrollment(id) }
  }

  /// Enrollments, newest first, optionally only one user's or one status.
  public func enrollments(user: String?, status: EnrollmentStatus?) throws(RegistryError)
    -> [Enrollment]
  {
    try read { connection in
      try connection.enrollments(
        """
        SELECT * FROM enrollment WHERE ($1::text IS NULL OR "user" = $1)
          AND ($2::text IS NULL OR status = $2) ORDER BY id DESC
        """, [user, status?.rawValue])
    }
  }

  /// Audit rows about a user or a serial (or everything), oldest first.
  public func history(user: String?, serial: String?) throws(RegistryError) -> [AuditEntry] {
    try read { connection in
      try connection.execute(
        """
        SELECT * FROM audit WHERE ($1::text IS NULL OR "user" = $1)
          AND ($2::text IS NULL OR serial = $2) ORDER BY id
        """, [user, serial]
      ).records.map(AuditEntry.init(row:))
    }
  }
}
