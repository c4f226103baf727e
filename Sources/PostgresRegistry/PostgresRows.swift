import PostgresClient
import Registry

/// The domain types from the text form of their rows (column names as in the SQLite schema).
extension Enrollment {
  init(row: PostgresRecord) {
    let burn = BurnRecord(
      user: row["user"] ?? "", service: row["service"], account: row["account"],
      serial: row["serial"] ?? "", model: row["model"], algorithm: row["algorithm"] ?? "",
      digits: Int(row["digits"] ?? "") ?? 0, period: Int(row["period"] ?? "") ?? 0,
      secretFingerprint: row["secret_fingerprint"] ?? "", clockDriftBefore: 0)
    self.init(
      id: row.int64("id") ?? 0, burn: burn, replacesId: row.int64("replaces_id"),
      operatorName: row["operator"] ?? "", at: row.int64("created_at") ?? 0)
    status = EnrollmentStatus(rawValue: row["status"] ?? "") ?? .replaced
    lostReason = row["lost_reason"]
    updatedAt = row.int64("updated_at") ?? 0
  }
}

extension AuditEntry {
  init(row: PostgresRecord) {
    self.init(
      id: row.int64("id") ?? 0, at: row.int64("at") ?? 0, operatorName: row["operator"] ?? "",
      event: AuditEvent(action: .burn, outcome: .unknown, detail: row["detail"] ?? ""))
    // Kept as stored text, as the SQLite store does, so a newer program's rows still list.
    action = row["action"] ?? ""
    outcome = row["outcome"] ?? ""
    user = row["user"]
    serial = row["serial"]
    enrollmentId = row.int64("enrollment_id")
    clientHost = row["client_host"]
  }
}

extension PostgresConnection {
  func enrollment(_ id: Int64) throws -> Enrollment {
    guard
      let row = try execute("SELECT * FROM enrollment WHERE id = $1", [String(id)]).records.first
    else { throw RegistryError.noSuchEnrollment(id) }
    return Enrollment(row: row)
  }

  func enrollments(_ sql: String, _ parameters: [String?]) throws -> [Enrollment] {
    try execute(sql, parameters).records.map(Enrollment.init(row:))
  }

  /// The first column of the first row as an integer.
  func int64(_ sql: String, _ parameters: [String?] = []) throws -> Int64? {
    try execute(sql, parameters).rows.first?.first.flatMap { $0.flatMap { Int64($0) } }
  }

  /// Revokes the enrollment's open code sets; how many unused codes that voided.
  @discardableResult
  func revokeCodes(of enrollmentID: Int64, reason: String, at: Int64) throws -> Int {
    let unused =
      try int64(
        """
        SELECT count(*) FROM backup_code c JOIN backup_code_set s ON c.set_id = s.id
        WHERE s.enrollment_id = $1 AND s.revoked_at IS NULL AND c.used_at IS NULL
        """, [String(enrollmentID)]) ?? 0
    try execute(
      """
      UPDATE backup_code_set SET revoked_at = $1, revoked_reason = $2
      WHERE enrollment_id = $3 AND revoked_at IS NULL
      """, [String(at), reason, String(enrollmentID)])
    return Int(unused)
  }
}
