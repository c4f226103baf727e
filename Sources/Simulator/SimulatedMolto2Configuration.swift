import Molto2
import OTP

/// How a simulated Molto2 is built.
public struct SimulatedMolto2Configuration: Sendable {
  /// The factory seed of slot 0: RFC 6238's SHA-1 test key (ASCII `12345678901234567890`),
  /// the same as the simulated family-A token's.
  public static let defaultFactorySeed = Secret(Array("12345678901234567890".utf8))
  /// The factory title of slot 0.
  public static let factoryTitle = "Token2"
  /// AUTHENTICATE refusals before the device locks (the real count is not documented).
  public static let defaultTries = 10

  public var model: Molto2Model
  /// Digits; the default names the model (`1010000001` Molto2, `1020000001` Molto2v2), made
  /// up for the simulator: real Molto2 serial prefixes are not documented.
  public var serial: String
  public var customerKey: Molto2CustomerKey
  /// Device clock minus host clock, seconds.
  public var clockOffset: Int64
  /// `nil`: slot 0 starts empty too.
  public var factorySeed: Secret?
  public var tries: Int

  public init(
    model: Molto2Model = .molto2, serial: String? = nil,
    customerKey: Molto2CustomerKey = .factoryDefault, clockOffset: Int64 = 0,
    factorySeed: Secret? = defaultFactorySeed, tries: Int = defaultTries
  ) {
    self.model = model
    self.serial = serial ?? (model == .molto2 ? "1010000001" : "1020000001")
    self.customerKey = customerKey
    self.clockOffset = clockOffset
    self.factorySeed = factorySeed
    self.tries = max(1, tries)
  }
}
