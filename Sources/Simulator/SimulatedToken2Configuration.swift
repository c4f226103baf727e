import OTP
import SmartCard
import Token2

/// How a `SimulatedToken2` is built: which model it pretends to be and how its firmware
/// behaves in the corners the protocol note leaves open (§8).
public struct SimulatedToken2Configuration: Sendable {
  /// The model; its serial prefix and restricted-sync flag drive the behaviour (§4.7).
  public var model: Token2Model
  /// The serial reported by GET INFO; `nil` means the model prefix followed by `000001`.
  public var serial: String?
  /// Initial token clock minus host clock, seconds (the drift `tokenburner info` shows).
  public var clockOffset: Int64
  /// The SM4 key the token checks AUTHENTICATE and MACs against.
  public var key: Token2Key
  /// The seed the token leaves the factory with (programmable tokens ship with QA seeds,
  /// §7); `nil` for an empty token.
  public var factorySeed: Secret?
  /// Display timeout before any config write.
  public var displayTimeout: DisplayTimeout
  /// TOTP hash before any config write.
  public var algorithm: Token2Algorithm
  /// TOTP step before any config write.
  public var period: Token2Period
  /// Lock for good after this many failed AUTHENTICATEs in a row (older firmware, §4.4);
  /// `nil` never locks. A locked token answers every AUTHENTICATE with `69 83`.
  public var lockAfterFailedAuthentications: Int?
  /// The status for a secured command without authentication: `69 83` as OT2, or `69 82`.
  public var notAuthenticatedStatus: StatusWord
  /// Whether a config write ends the authenticated session, as OT2's test suspects real
  /// tokens do (§8 item 4); the next secured command is then refused.
  public var dropsAuthenticationAfterConfig: Bool

  /// Defaults: a C302-i with serial 8659632000001, no drift, the public key, the RFC 6238
  /// ASCII seed as factory seed, SHA-1 / 30 s / 30 s display, no lockout, `69 83` answers.
  public init(
    model: Token2Model = .c302i, serial: String? = nil, clockOffset: Int64 = 0,
    key: Token2Key = .publicDefault,
    factorySeed: Secret? = Secret(Array("12345678901234567890".utf8)),
    displayTimeout: DisplayTimeout = .seconds30, algorithm: Token2Algorithm = .sha1,
    period: Token2Period = .seconds30, lockAfterFailedAuthentications: Int? = nil,
    notAuthenticatedStatus: StatusWord = .authenticationBlocked,
    dropsAuthenticationAfterConfig: Bool = false
  ) {
    self.model = model
    self.serial = serial
    self.clockOffset = clockOffset
    self.key = key
    self.factorySeed = factorySeed
    self.displayTimeout = displayTimeout
    self.algorithm = algorithm
    self.period = period
    self.lockAfterFailedAuthentications = lockAfterFailedAuthentications
    self.notAuthenticatedStatus = notAuthenticatedStatus
    self.dropsAuthenticationAfterConfig = dropsAuthenticationAfterConfig
  }

  /// The serial GET INFO reports.
  public var effectiveSerial: String { serial ?? model.serialPrefix + "000001" }
}
