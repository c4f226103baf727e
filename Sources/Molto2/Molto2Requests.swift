import OTP

/// What to burn into one slot: seed, title and settings. Checked when made, so a bad request
/// never reaches the card.
public struct Molto2BurnRequest: Sendable {
  /// The slot, 0...99 (checked against the model once the token is identified).
  public let profile: Int
  public let secret: Secret
  public let title: Molto2Title
  public let settings: Molto2Settings
  public let displayTimeout: Molto2DisplayTimeout
  /// Whether an occupied slot may be overwritten (its seed is deleted first).
  public let overwrite: Bool

  /// - Throws: `Molto2InputProblem` for a profile above 99 or a secret outside 1...63 bytes.
  public init(
    profile: Int, secret: Secret, title: Molto2Title, settings: Molto2Settings = .init(),
    displayTimeout: Molto2DisplayTimeout = .seconds30, overwrite: Bool = false
  ) throws(Molto2InputProblem) {
    try Self.check(profile: profile, model: nil)
    guard !secret.isEmpty else { throw .emptySecret }
    guard secret.count <= Molto2Wire.Seed.maximumLength else {
      throw .secretTooLong(length: secret.count)
    }
    self.profile = profile
    self.secret = secret
    self.title = title
    self.settings = settings
    self.displayTimeout = displayTimeout
    self.overwrite = overwrite
  }

  /// Checks `profile` against `model`, or against the largest model when it is not known yet.
  public static func check(profile: Int, model: Molto2Model?) throws(Molto2InputProblem) {
    let highest = model.map { $0.profiles.upperBound } ?? Molto2Model.highestProfile
    guard (0...highest).contains(profile) else {
      throw .profileOutOfRange(profile: profile, highest: highest)
    }
  }
}

/// Which slots SYNC TIME sets.
public enum Molto2SyncTarget: Equatable, Sendable {
  /// One slot, 0...99.
  case profile(Int)
  /// Every slot of the model.
  case all
}

/// What GET INFO and the model probe found.
public struct Molto2Identity: Equatable, Sendable {
  public var info: Molto2Info
  public var model: Molto2Model
  /// The host's Unix time when GET INFO was answered.
  public var hostTime: Int64

  public init(info: Molto2Info, model: Molto2Model, hostTime: Int64) {
    self.info = info
    self.model = model
    self.hostTime = hostTime
  }

  public var serial: String { info.serial }

  /// Token clock minus host clock, seconds.
  public var clockDrift: Int64 { Int64(info.tokenTime) - hostTime }
}

/// Every slot of a token, read without the key.
public struct Molto2Listing: Equatable, Sendable {
  public var identity: Molto2Identity
  /// Slots 0..<slotCount, in order.
  public var slots: [Molto2Slot]
}

/// What a successful write run did.
public struct Molto2Report: Equatable, Sendable {
  public var identity: Molto2Identity
  /// The changes, in the order the token confirmed them.
  public var changes: [Molto2Change]
  /// APDUs sent in the run.
  public var apduCount: Int
}
