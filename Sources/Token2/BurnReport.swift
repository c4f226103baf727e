/// The outcome of a successful burn: what `tokenburner burn` reports (PRODUCT.md
/// "Command-line contract"). Holds no secret material.
public struct BurnReport: Equatable, Sendable {
  /// The token as read before anything was written (serial, model, clock, drift).
  public var before: TokenIdentity
  /// The final GET INFO after the writes; `nil` when it did not complete (the seed write had
  /// been confirmed already, see `recoveries`).
  public var after: TokenIdentity?
  /// TOTP hash written.
  public var algorithm: Token2Algorithm
  /// TOTP time step written.
  public var period: Token2Period
  /// Display timeout written.
  public var displayTimeout: DisplayTimeout
  /// The clock value written with the config, Unix seconds.
  public var writtenTime: UInt32
  /// Command APDUs sent during the burn (6 for a burn without recovery).
  public var apduCount: Int
  /// Recoveries performed, in order; empty for a clean burn.
  public var recoveries: [BurnRecovery]

  /// The serial number.
  public var serial: String { before.serial }
  /// The model from the serial prefix; `nil` for an unknown prefix burned with the override.
  public var model: Token2Model? { before.model }
  /// Whether the model erases its seed on a clock write.
  public var isRestricted: Bool { before.isRestricted }
  /// Token clock minus host clock before the burn, seconds.
  public var clockDriftBefore: Int64 { before.clockDrift }
  /// Token clock minus host clock after the burn, seconds, when the final GET INFO completed.
  public var clockDriftAfter: Int64? { after?.clockDrift }
  /// Always `.burned`: the seed write was confirmed.
  public var state: TokenState { .burned }
}
