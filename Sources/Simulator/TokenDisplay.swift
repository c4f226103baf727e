import Token2

/// What a simulated token's display would show at one moment.
public struct TokenDisplay: Equatable, Sendable {
  /// The token's clock, Unix seconds.
  public var tokenTime: Int64
  /// The 6-digit code; `nil` when the token holds no seed (erased by a config write on a
  /// restricted model, or never burned).
  public var code: String?
  /// Seconds until the code changes, 1...period.
  public var secondsLeft: Int
  /// The hash the token computes with.
  public var algorithm: Token2Algorithm
  /// The step the token counts in.
  public var period: Token2Period

  /// Whether a seed is present.
  public var hasSeed: Bool { code != nil }
}

/// The simulator's own tallies, for tests and the `simulate` status line.
public struct SimulatorCounters: Equatable, Sendable {
  /// Every command processed.
  public var commands = 0
  /// GET CHALLENGE commands accepted.
  public var challenges = 0
  /// AUTHENTICATE commands received (accepted or not).
  public var authenticateCommands = 0
  /// AUTHENTICATE commands refused.
  public var failedAuthentications = 0
  /// WRITE CONFIG commands that changed the token.
  public var configWrites = 0
  /// WRITE SEED commands that changed the token.
  public var seedWrites = 0
  /// Seeds erased by a config write (restricted models).
  public var seedErasures = 0
  /// Power-ups (field came up).
  public var powerOns = 0

  /// All counters at zero.
  public init() {}
}
