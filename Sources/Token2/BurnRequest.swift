import OTP
import SmartCard

/// Everything a family-A burn needs besides the card and the clock (protocol note §4.8).
public struct BurnRequest: Sendable {
  /// The TOTP seed, 1...63 bytes (§4.6.1).
  public var secret: Secret
  /// TOTP hash.
  public var algorithm: Token2Algorithm
  /// TOTP time step.
  public var period: Token2Period
  /// Display auto-off timeout.
  public var displayTimeout: DisplayTimeout
  /// Burn a token whose serial prefix is not in the model table (treated as restricted).
  public var allowUnknownModel: Bool
  /// The SM4 key; the public key unless the tokens are an OEM batch.
  public var key: Token2Key

  /// Defaults follow TTU `-a` and NB3: SHA-1, 30 s step, 30 s display, public key.
  public init(
    secret: Secret, algorithm: Token2Algorithm = .sha1, period: Token2Period = .seconds30,
    displayTimeout: DisplayTimeout = .seconds30, allowUnknownModel: Bool = false,
    key: Token2Key = .publicDefault
  ) {
    self.secret = secret
    self.algorithm = algorithm
    self.period = period
    self.displayTimeout = displayTimeout
    self.allowUnknownModel = allowUnknownModel
    self.key = key
  }

  /// Checks the secret length before anything is sent.
  public func validate() throws(Token2Failure) {
    if secret.isEmpty { throw .invalidSecret(.empty) }
    if secret.count > FamilyA.Seed.maximumLength {
      throw .invalidSecret(.tooLong(length: secret.count))
    }
  }
}

/// A stage of the burn, reported as it starts (for a progress display).
public enum BurnStage: String, Sendable, Codable, CaseIterable {
  /// GET INFO before anything else.
  case readInfo
  /// GET CHALLENGE and AUTHENTICATE.
  case authenticate
  /// WRITE CONFIG (settings and clock).
  case writeConfig
  /// WRITE SEED.
  case writeSeed
  /// The link broke after authentication began: reconnecting and re-reading the token.
  case reconnect
  /// GET INFO after the writes.
  case verify
}

/// A recovery the burn performed on its way to success or failure.
public enum BurnRecovery: Equatable, Sendable, CustomStringConvertible {
  /// WRITE SEED after the config answered this status; one GET CHALLENGE + AUTHENTICATE and
  /// one seed retry followed (§4.8 step 6).
  case reauthenticatedForSeed(after: StatusWord)
  /// The link broke during this command; the burn reconnected once and resumed (§4.8).
  case reconnected(after: Token2Command)
  /// The final GET INFO failed; the seed had already been confirmed.
  case verificationSkipped

  public var description: String {
    switch self {
    case .reauthenticatedForSeed(let status):
      "the token answered WRITE SEED with \(status), so it was authenticated again and the seed rewritten"
    case .reconnected(let command):
      "the link broke during \(command); reconnected once and resumed"
    case .verificationSkipped:
      "the final GET INFO did not complete; the seed write had been confirmed"
    }
  }
}
