import GRDB

/// One row of the append-only audit log: who did what, when, to which user and token, and how
/// it ended. Never a secret or a backup code.
public struct AuditEntry: Equatable, Sendable, Codable {
  public var id: Int64
  /// Unix seconds.
  public var at: Int64
  public var operatorName: String
  /// e.g. `burn`, `lost`, `codes_issued`, `code_verified`, `code_rejected`.
  public var action: String
  public var user: String?
  public var serial: String?
  public var enrollmentId: Int64?
  /// `success`, `failure`, `unknown`, ...
  public var outcome: String
  /// One operator sentence.
  public var detail: String

  init(row: Row) {
    id = row["id"]
    at = row["at"]
    operatorName = row["operator"]
    action = row["action"]
    user = row["user"]
    serial = row["serial"]
    enrollmentId = row["enrollment_id"]
    outcome = row["outcome"]
    detail = row["detail"]
  }
}

/// An audit row to append.
public struct AuditEvent: Sendable {
  public var action: String
  public var user: String?
  public var serial: String?
  public var enrollmentId: Int64?
  public var outcome: String
  public var detail: String

  public init(
    action: String, user: String? = nil, serial: String? = nil, enrollmentId: Int64? = nil,
    outcome: String, detail: String
  ) {
    self.action = action
    self.user = user
    self.serial = serial
    self.enrollmentId = enrollmentId
    self.outcome = outcome
    self.detail = detail
  }
}
