import Molto2
import OTP
import SmartCard
import TokenCrypto

/// A Molto2 or Molto2v2 as a pure card applet (protocol note §5): 50 or 100 slots, the
/// factory seed in slot 0, its own customer key, a tries counter that locks the device, and
/// ▲ confirmation as a pending flag that `pressConfirm()` commits. Time and randomness are
/// injected; no I/O.
public final class SimulatedMolto2: CardApplet {
  /// One slot's stored state.
  struct Slot {
    var seed: [UInt8]?
    var title: [UInt8] = []
    var settings = Molto2Settings()
    var displayTimeout = Molto2DisplayTimeout.seconds30
    /// The clock last written to this slot minus the host clock (none yet: 0).
    var clockOffset: Int64 = 0
    var configured = false
  }

  /// What waits for ▲.
  public enum PendingConfirmation: Equatable, Sendable {
    case factoryReset
  }

  /// How this token was built.
  public let configuration: SimulatedMolto2Configuration
  let clock: @Sendable () -> Int64
  let random: any RandomSource

  // Persistent.
  var slots: [Slot]
  var key: Molto2CustomerKey
  /// Device clock minus host clock, seconds.
  public internal(set) var clockOffset: Int64
  /// AUTHENTICATE attempts left before the device locks.
  public internal(set) var triesLeft: Int
  /// Whether refusals used up every try.
  public var isLocked: Bool { triesLeft == 0 }
  /// What the device waits for ▲ to commit, if anything.
  public internal(set) var pending: PendingConfirmation?

  // Volatile.
  var challenge: [UInt8]?
  /// Whether the current session is authenticated.
  public internal(set) var isAuthenticated = false
  public internal(set) var isPowered = false

  /// Tallies of what the token received.
  public internal(set) var counters = SimulatedMolto2Counters()

  public init(
    configuration: SimulatedMolto2Configuration, clock: @escaping @Sendable () -> Int64,
    random: any RandomSource
  ) {
    self.configuration = configuration
    self.clock = clock
    self.random = random
    key = configuration.customerKey
    clockOffset = configuration.clockOffset
    triesLeft = configuration.tries
    slots = Self.factorySlots(configuration)
  }

  deinit {
    for index in slots.indices where slots[index].seed != nil {
      SecureBytes.zero(&slots[index].seed!)
    }
  }

  /// Factory state: slot 0 holds the factory seed and title, the others are empty.
  static func factorySlots(_ configuration: SimulatedMolto2Configuration) -> [Slot] {
    var slots = [Slot](repeating: Slot(), count: configuration.model.slotCount)
    if let seed = configuration.factorySeed {
      slots[0].seed = seed.revealedBytes()
      slots[0].title = Array(SimulatedMolto2Configuration.factoryTitle.utf8)
    }
    return slots
  }

  public var atr: [UInt8] { SimulatorATR.molto2 }

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

  /// The device clock now, Unix seconds.
  public var tokenTime: Int64 { clock() + clockOffset }

  /// Whether `profile` holds a seed.
  public func isOccupied(_ profile: Int) -> Bool { slots[profile].seed != nil }

  /// The title of `profile` as stored.
  public func title(_ profile: Int) -> String {
    String(decoding: slots[profile].title, as: UTF8.self)
  }

  /// The settings of `profile`.
  public func settings(_ profile: Int) -> Molto2Settings { slots[profile].settings }

  /// Whether `profile` holds exactly `secret`, compared in constant time.
  public func holdsSeed(_ secret: Secret, in profile: Int) -> Bool {
    guard let seed = slots[profile].seed else { return false }
    return SecureBytes.constantTimeEquals(seed, secret.revealedBytes())
  }

  /// The code `profile` shows now, `nil` when empty (or set to 10 digits, which HOTP here does
  /// not compute).
  public func code(_ profile: Int) -> String? { code(profile, at: tokenTime) }

  /// The code `profile` shows when the device clock reads `time`.
  public func code(_ profile: Int, at time: Int64) -> String? {
    let slot = slots[profile]
    guard let seed = slot.seed, slot.settings.digits.rawValue <= 9 else { return nil }
    let parameters = TOTPParameters(
      algorithm: slot.settings.algorithm.hashAlgorithm, digits: slot.settings.digits.rawValue,
      period: slot.settings.period.rawValue)
    return TOTP.code(secret: Secret(seed), at: time, parameters: parameters)
  }

  /// The operator presses ▲: a pending factory reset is carried out.
  public func pressConfirm() {
    guard let pending else { return }
    self.pending = nil
    switch pending {
    case .factoryReset:
      slots = Self.factorySlots(configuration)
      key = .factoryDefault
      triesLeft = configuration.tries
    }
  }

  /// Processes one APDU (see `SimulatedMolto2+Commands.swift`); no bytes while unpowered.
  public func process(_ command: [UInt8]) -> [UInt8] {
    guard isPowered else { return [] }
    counters.commands += 1
    return respond(to: command).bytes
  }
}

/// Tallies of what a simulated Molto2 received.
public struct SimulatedMolto2Counters: Equatable, Sendable {
  public var commands = 0
  public var powerOns = 0
  public var authenticateCommands = 0
  public var failedAuthentications = 0
  public var seedWrites = 0
  public var seedDeletes = 0
  public var titleWrites = 0
  public var configWrites = 0
  public var timeSyncs = 0
  public var publicDataReads = 0
}
