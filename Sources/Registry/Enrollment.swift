/// Where an enrollment stands.
public enum EnrollmentStatus: String, Sendable, Codable, CaseIterable {
  /// The token is in use.
  case active
  /// The token was reported lost; its backup codes are revoked.
  case lost
  /// A later enrollment took over (a replacement token, or the serial went to someone else).
  case replaced
}

/// One token handed to one user for one service. Holds a fingerprint of the secret, never the
/// secret.
public struct Enrollment: Equatable, Sendable, Codable {
  public var id: Int64
  public var user: String
  public var service: String?
  public var account: String?
  public var serial: String
  public var model: String?
  /// `sha1` or `sha256`.
  public var algorithm: String
  public var digits: Int
  public var period: Int
  /// `SecretFingerprint.of(secret)`.
  public var secretFingerprint: String
  public var status: EnrollmentStatus
  /// The enrollment this one replaced (a lost token).
  public var replacesId: Int64?
  public var lostReason: String?
  /// Who created it.
  public var operatorName: String
  /// Unix seconds.
  public var createdAt: Int64
  public var updatedAt: Int64

  /// A new active enrollment of `burn`, as a store creates it (`id` is the store's).
  public init(id: Int64, burn: BurnRecord, replacesId: Int64?, operatorName: String, at: Int64) {
    self.id = id
    user = burn.user
    service = burn.service
    account = burn.account
    serial = burn.serial
    model = burn.model
    algorithm = burn.algorithm
    digits = burn.digits
    period = burn.period
    secretFingerprint = burn.secretFingerprint
    status = .active
    self.replacesId = replacesId
    lostReason = nil
    self.operatorName = operatorName
    createdAt = at
    updatedAt = at
  }

  /// `self` after a re-burn of `burn` at `at`: the new settings and fingerprint; the account
  /// only when the burn names one.
  public func reburned(_ burn: BurnRecord, at: Int64) -> Enrollment {
    var updated = self
    updated.algorithm = burn.algorithm
    updated.digits = burn.digits
    updated.period = burn.period
    updated.secretFingerprint = burn.secretFingerprint
    updated.model = burn.model
    updated.account = burn.account ?? account
    updated.updatedAt = at
    return updated
  }
}

/// What a successful burn tells the registry.
public struct BurnRecord: Sendable {
  public var user: String
  public var service: String?
  public var account: String?
  public var serial: String
  public var model: String?
  public var algorithm: String
  public var digits: Int
  public var period: Int
  public var secretFingerprint: String
  /// Token clock minus host clock before the burn, seconds (for the audit detail).
  public var clockDriftBefore: Int64

  public init(
    user: String, service: String?, account: String?, serial: String, model: String?,
    algorithm: String, digits: Int, period: Int, secretFingerprint: String, clockDriftBefore: Int64
  ) {
    self.user = user
    self.service = service
    self.account = account
    self.serial = serial
    self.model = model
    self.algorithm = algorithm
    self.digits = digits
    self.period = period
    self.secretFingerprint = secretFingerprint
    self.clockDriftBefore = clockDriftBefore
  }
}

/// How a recorded burn related to what the registry already knew.
public enum BurnRecordOutcome: Equatable, Sendable {
  /// A new enrollment.
  case enrolled
  /// A new enrollment that replaces a lost one.
  case replacedLost(Int64)
  /// The same serial for the same user again: re-burn / resync of the existing enrollment.
  case reburned
  /// The serial was active for another user or service; that enrollment is now replaced.
  case reassigned(from: Int64)
}
