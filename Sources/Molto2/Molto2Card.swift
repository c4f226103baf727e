import SmartCard
import TokenCrypto

/// A Molto2 or Molto2v2 on a card transport (protocol note §5). Pure: time comes from
/// `clock`, the card from `transport`. Every write run authenticates once, through an
/// `AuthenticationGate`, in the order of §5.4; a failure says what the token holds now.
public struct Molto2Card {
  /// The link to the token.
  public let transport: any CardTransport
  /// The host's Unix time in seconds (UTC).
  public let clock: () -> Int64

  public init(transport: any CardTransport, clock: @escaping () -> Int64) {
    self.transport = transport
    self.clock = clock
  }

  /// GET INFO, then a keyless read of slot 50 to tell a Molto2v2 (which has it) from a Molto2.
  public func identify() throws(Molto2Failure) -> Molto2Identity {
    try Molto2Run(transport: transport, clock: clock).identify()
  }

  /// Every slot's number, title, occupancy and settings, keyless (§5.3).
  public func listProfiles() throws(Molto2Failure) -> Molto2Listing {
    let run = Molto2Run(transport: transport, clock: clock)
    let identity = try run.identify()
    var slots: [Molto2Slot] = []
    for profile in identity.model.profiles {
      slots.append(try run.readSlot(profile))
    }
    return Molto2Listing(identity: identity, slots: slots)
  }

  /// Burns `request` into its slot: GET INFO, public data of the slot (refused when occupied
  /// without `overwrite`), GET CHALLENGE, AUTHENTICATE, DELETE SEED (overwrite only), WRITE
  /// SEED, WRITE TITLE, WRITE CONFIG.
  public func burn(_ request: Molto2BurnRequest, key: Molto2CustomerKey)
    throws(Molto2Failure) -> Molto2Report
  {
    let run = Molto2Run(transport: transport, clock: clock)
    let identity = try run.identify()
    let profile = request.profile
    try run.checkProfile(profile, identity.model)
    let occupied = try run.readSlot(profile).isOccupied
    if occupied && !request.overwrite { throw .slotOccupied(profile: profile) }
    try run.authenticate(key: key)
    if occupied { try run.deleteSeed(profile, tolerateEmpty: true) }
    try run.write(.writeSeed, .seedWritten(profile: profile)) { () throws(Molto2Failure) in
      try run.crypto { () throws(CryptoError) in
        try Molto2Commands.writeSeed(request.secret, profile: profile, key: key)
      }
    }
    try run.write(.writeTitle, .titleWritten(profile: profile)) { () throws(Molto2Failure) in
      try run.crypto { () throws(CryptoError) in
        try Molto2Commands.writeTitle(request.title, profile: profile, key: key)
      }
    }
    try run.write(.writeConfig, .configWritten(profile: profile)) { () throws(Molto2Failure) in
      let configuration = Molto2Configuration(
        displayTimeout: request.displayTimeout, time: try run.hostTime(),
        settings: request.settings)
      return try run.crypto { () throws(CryptoError) in
        try Molto2Commands.writeConfig(configuration, profile: profile, key: key)
      }
    }
    return run.report(identity)
  }

  /// Deletes the seed of `profile` (the title stays): GET INFO, GET CHALLENGE, AUTHENTICATE,
  /// DELETE SEED. An empty slot is `Molto2Failure.slotEmpty`.
  public func deleteProfile(_ profile: Int, key: Molto2CustomerKey) throws(Molto2Failure)
    -> Molto2Report
  {
    do {
      try Molto2BurnRequest.check(profile: profile, model: nil)
    } catch {
      throw .invalidInput(error)
    }
    let run = Molto2Run(transport: transport, clock: clock)
    let identity = try run.identify()
    try run.checkProfile(profile, identity.model)
    try run.authenticate(key: key)
    try run.deleteSeed(profile, tolerateEmpty: false)
    return run.report(identity)
  }

  /// Sets the clock of one slot or of every slot: GET INFO, GET CHALLENGE, AUTHENTICATE, then
  /// SYNC TIME per slot, the time read right before each.
  public func syncTime(_ target: Molto2SyncTarget, key: Molto2CustomerKey)
    throws(Molto2Failure) -> Molto2Report
  {
    if case .profile(let profile) = target {
      do {
        try Molto2BurnRequest.check(profile: profile, model: nil)
      } catch {
        throw .invalidInput(error)
      }
    }
    let run = Molto2Run(transport: transport, clock: clock)
    let identity = try run.identify()
    let profiles: [Int]
    switch target {
    case .profile(let profile):
      try run.checkProfile(profile, identity.model)
      profiles = [profile]
    case .all: profiles = Array(identity.model.profiles)
    }
    try run.authenticate(key: key)
    for profile in profiles {
      try run.write(.syncTime, .clockSynced(profile: profile)) { () throws(Molto2Failure) in
        let time = try run.hostTime()
        return try run.crypto { () throws(CryptoError) in
          try Molto2Commands.syncTime(time, profile: profile, key: key)
        }
      }
    }
    return run.report(identity)
  }
}
