/// One issued set of backup codes as the registry keeps it: positions and whether each was
/// used, never the codes.
public struct BackupCodeSet: Equatable, Sendable, Codable {
  /// One code's slot in the set.
  public struct Slot: Equatable, Sendable, Codable {
    /// 1-based, as printed on the sheet.
    public var position: Int
    /// Unix seconds when it was used; `nil` while unused.
    public var usedAt: Int64?

    public init(position: Int, usedAt: Int64?) {
      self.position = position
      self.usedAt = usedAt
    }
  }

  public var id: Int64
  public var enrollmentId: Int64
  /// Unix seconds.
  public var createdAt: Int64
  /// Unix seconds when a new set or a lost token revoked it.
  public var revokedAt: Int64?
  public var revokedReason: String?
  public var slots: [Slot]

  public init(
    id: Int64, enrollmentId: Int64, createdAt: Int64, revokedAt: Int64?, revokedReason: String?,
    slots: [Slot]
  ) {
    self.id = id
    self.enrollmentId = enrollmentId
    self.createdAt = createdAt
    self.revokedAt = revokedAt
    self.revokedReason = revokedReason
    self.slots = slots
  }

  /// Codes neither used nor revoked.
  public var usableCount: Int { revokedAt == nil ? slots.filter { $0.usedAt == nil }.count : 0 }
}

/// The outcome of checking a backup code a user read out.
public enum CodeVerification: Equatable, Sendable {
  /// The code was valid and is now used up.
  case accepted(enrollment: Enrollment, position: Int, remaining: Int)
  /// Wrong, already used, or from a revoked set (deliberately not told apart); attempts left
  /// before the rate limit applies.
  case rejected(attemptsLeft: Int)
}
