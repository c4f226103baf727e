/// What the burn knows about each write it attempted, and so what the token may hold now
/// (protocol note §4.8). A write that got `90 00` happened; one whose answer was lost may or
/// may not have; one that was refused did not.
struct WriteLedger {
  enum Knowledge: Comparable { case notWritten, maybeWritten, written }

  /// Whether a config write erases the seed on this token.
  let restricted: Bool
  private(set) var config = Knowledge.notWritten
  private(set) var seed = Knowledge.notWritten

  init(restricted: Bool) { self.restricted = restricted }

  mutating func configConfirmed() {
    config = .written
    // A config write on a restricted model erases whatever seed was there.
    if restricted { seed = .notWritten }
  }

  mutating func configAnswerLost() { config = max(config, .maybeWritten) }

  mutating func seedConfirmed() { seed = .written }

  mutating func seedAnswerLost() { seed = max(seed, .maybeWritten) }

  /// Every state consistent with what is known.
  var state: TokenState {
    var states: [TokenState] = []
    for configWritten in Self.options(config) {
      for seedWritten in Self.options(seed) {
        states.append(
          Self.state(configWritten: configWritten, seedWritten: seedWritten, restricted: restricted)
        )
      }
    }
    return .possibly(states)
  }

  private static func options(_ knowledge: Knowledge) -> [Bool] {
    switch knowledge {
    case .notWritten: [false]
    case .maybeWritten: [false, true]
    case .written: [true]
    }
  }

  // The seed is only ever sent after a confirmed config, so a written seed means "burned".
  private static func state(configWritten: Bool, seedWritten: Bool, restricted: Bool) -> TokenState
  {
    if seedWritten { return .burned }
    if !configWritten { return .unchanged }
    return restricted ? .seedErased : .configWrittenOldSeedKept
  }
}
