/// One row of the append-only audit log: who did what, when, to which user and token, and how
/// it ended. Never a secret or a backup code.
public struct AuditEntry: Equatable, Sendable, Codable {
  public var id: Int64
  /// Unix seconds.
  public var at: Int64
  public var operatorName: String
  /// The stored text of an `AuditAction` (`burn`, `lost`, `codes_issued`, ...), kept as text
  /// so a row written by a newer version still lists; `kind` is the typed reading.
  public var action: String
  public var user: String?
  public var serial: String?
  public var enrollmentId: Int64?
  /// The stored text of an `AuditOutcome`; `result` is the typed reading.
  public var outcome: String
  /// One operator sentence.
  public var detail: String
  /// The client's address as the database server saw it (PostgreSQL; `nil` on SQLite and for
  /// a local socket).
  public var clientHost: String?

  /// The action, when it is one this version writes.
  public var kind: AuditAction? { AuditAction(rawValue: action) }
  /// The outcome, when it is one this version writes.
  public var result: AuditOutcome? { AuditOutcome(rawValue: outcome) }

  /// A row as a store returns it.
  public init(
    id: Int64, at: Int64, operatorName: String, event: AuditEvent
  ) {
    self.id = id
    self.at = at
    self.operatorName = operatorName
    action = event.action.rawValue
    user = event.user
    serial = event.serial
    enrollmentId = event.enrollmentId
    outcome = event.outcome.rawValue
    detail = event.detail
    clientHost = nil
  }
}

/// An audit row to append.
public struct AuditEvent: Equatable, Sendable {
  public var action: AuditAction
  public var user: String?
  public var serial: String?
  public var enrollmentId: Int64?
  public var outcome: AuditOutcome
  public var detail: String

  public init(
    action: AuditAction, user: String? = nil, serial: String? = nil, enrollmentId: Int64? = nil,
    outcome: AuditOutcome, detail: String
  ) {
    self.action = action
    self.user = user
    self.serial = serial
    self.enrollmentId = enrollmentId
    self.outcome = outcome
    self.detail = detail
  }
}
