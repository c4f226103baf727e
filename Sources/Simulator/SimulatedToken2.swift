import OTP
import SmartCard
import Token2
import TokenCrypto

/// A Token2 family-A programmable token as a pure card applet (protocol note §4): it checks
/// every APDU the way the published firmware core does (OT2) and keeps seed, clock and
/// settings like a real token. Time and randomness are injected; no I/O.
///
/// Persistent state (seed, clock offset, settings, lock) survives power cycles; the challenge
/// and the authenticated flag live in "RAM" and are lost on `powerOff()` (§2).
public final class SimulatedToken2: CardApplet {
  /// How this token was built.
  public let configuration: SimulatedToken2Configuration
  let clock: @Sendable () -> Int64
  let random: any RandomSource

  // Persistent ("flash").
  var seed: [UInt8]?
  /// Token clock minus host clock, seconds.
  public internal(set) var clockOffset: Int64
  /// Current display timeout.
  public internal(set) var displayTimeout: DisplayTimeout
  /// Current TOTP hash.
  public internal(set) var algorithm: Token2Algorithm
  /// Current TOTP step.
  public internal(set) var period: Token2Period
  /// Whether repeated failed authentications locked the token for good.
  public internal(set) var isLocked = false
  var consecutiveFailures = 0

  // Volatile ("RAM").
  var challenge: [UInt8]?
  /// Whether the current card session is authenticated.
  public internal(set) var isAuthenticated = false
  /// Whether the field is up.
  public internal(set) var isPowered = false

  /// Tallies of what the token received.
  public internal(set) var counters = SimulatorCounters()

  /// - Parameters:
  ///   - clock: the host's Unix time in seconds; the token's clock is this plus its offset.
  ///   - random: the source of GET CHALLENGE bytes.
  public init(
    configuration: SimulatedToken2Configuration = .init(),
    clock: @escaping @Sendable () -> Int64, random: any RandomSource
  ) {
    self.configuration = configuration
    self.clock = clock
    self.random = random
    self.seed = configuration.factorySeed?.revealedBytes()
    self.clockOffset = configuration.clockOffset
    self.displayTimeout = configuration.displayTimeout
    self.algorithm = configuration.algorithm
    self.period = configuration.period
  }

  deinit {
    if var seed { SecureBytes.zero(&seed) }
  }

  /// The serial GET INFO reports.
  public var serial: String { configuration.effectiveSerial }

  /// The Answer To Reset of a contactless card (see `SimulatorATR`).
  public var atr: [UInt8] { SimulatorATR.token2 }

  public func powerOn() {
    isPowered = true
    challenge = nil
    isAuthenticated = false
    counters.powerOns += 1
  }

  public func powerOff() {
    isPowered = false
    challenge = nil
    isAuthenticated = false
  }

  /// The token's clock now, Unix seconds.
  public var tokenTime: Int64 { clock() + clockOffset }

  /// Whether the token holds a seed.
  public var hasSeed: Bool { seed != nil }

  /// Whether the stored seed is the one a burn of `secret` leaves behind (the secret,
  /// zero-extended to 20 bytes when shorter, §4.6.1), compared in constant time.
  public func holdsSeed(of secret: Secret) -> Bool {
    guard let seed else { return false }
    var expected = Token2Crypto.storedSeed(secret.revealedBytes())
    defer { SecureBytes.zero(&expected) }
    return SecureBytes.constantTimeEquals(seed, expected)
  }

  /// What the display shows now.
  public func display() -> TokenDisplay { display(atTokenTime: tokenTime) }

  /// What the display shows when the token's clock reads `time` (Unix seconds). The stored
  /// seed is used as is: zero-extension does not change HMAC codes (§4.6.1).
  public func display(atTokenTime time: Int64) -> TokenDisplay {
    let parameters = TOTPParameters(
      algorithm: algorithm.hashAlgorithm, digits: 6, period: period.seconds)
    let code = seed.map { TOTP.code(secret: Secret($0), at: time, parameters: parameters) }
    return TokenDisplay(
      tokenTime: time, code: code,
      secondsLeft: TOTP.secondsLeft(at: time, period: period.seconds),
      algorithm: algorithm, period: period)
  }

  /// Processes one APDU; see `SimulatedToken2+Commands.swift` for each command's checks.
  /// Returns no bytes at all while unpowered (the reader sees no answer).
  public func process(_ command: [UInt8]) -> [UInt8] {
    guard isPowered else { return [] }
    counters.commands += 1
    let response = respond(to: command)
    return response.bytes
  }
}
