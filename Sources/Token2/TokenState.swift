/// What a token holds after a burn attempt, as far as the host can know. Every burn outcome
/// carries one, so the operator is told the truth (protocol note §4.8, §7).
public indirect enum TokenState: Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Nothing was written: the previous seed and clock are still in place.
  case unchanged
  /// Restricted model: the new settings and clock were written, which erased the previous
  /// seed, and the new seed was not written. The token shows no valid code.
  case seedErased
  /// Unrestricted model: the new settings and clock were written but the new seed was not;
  /// the previous seed is still in place (codes now follow the new algorithm/period).
  case configWrittenOldSeedKept
  /// The new settings, clock and seed are all in place.
  case burned
  /// The last write's outcome is unknown (the link broke before its answer): the token is in
  /// one of these states. Never nested; build it with `possibly(_:)`.
  case unknown(possible: [TokenState])

  /// One state when the possibilities collapse to one, otherwise `.unknown` with the distinct
  /// definite possibilities in a fixed order (unchanged, configWrittenOldSeedKept, seedErased,
  /// burned).
  public static func possibly(_ states: [TokenState]) -> TokenState {
    let flat = states.flatMap { state -> [TokenState] in
      if case .unknown(let inner) = state { return inner }
      return [state]
    }
    let ordered: [TokenState] = [.unchanged, .configWrittenOldSeedKept, .seedErased, .burned]
      .filter { flat.contains($0) }
    return ordered.count == 1 ? ordered[0] : .unknown(possible: ordered)
  }

  /// The definite states this may be.
  public var possibilities: [TokenState] {
    if case .unknown(let possible) = self { return possible }
    return [self]
  }

  /// Whether the new seed is certainly in place.
  public var isBurned: Bool { self == .burned }

  /// A short name for JSON and logs: `unchanged`, `seed_erased`, `config_written_old_seed_kept`,
  /// `burned`, or `unknown`.
  public var code: String {
    switch self {
    case .unchanged: "unchanged"
    case .seedErased: "seed_erased"
    case .configWrittenOldSeedKept: "config_written_old_seed_kept"
    case .burned: "burned"
    case .unknown: "unknown"
    }
  }

  /// One operator sentence saying what the token holds now.
  public var description: String {
    switch self {
    case .unchanged:
      "Nothing was written: the token still has its previous seed and clock."
    case .seedErased:
      "The new settings and clock were written, which erased the token's previous seed on this "
        + "model, but the new seed was not: the token has no seed and shows no valid codes."
    case .configWrittenOldSeedKept:
      "The new settings and clock were written but the new seed was not: the token still has "
        + "its previous seed, now with the new algorithm and period."
    case .burned:
      "The token holds the new seed and settings."
    case .unknown(let possible):
      "The outcome of the last write is unknown; the token is in one of these states: "
        + possible.map { "(\($0.shortDescription))" }.joined(separator: " or ") + "."
    }
  }

  private var shortDescription: String {
    switch self {
    case .unchanged: "unchanged, previous seed kept"
    case .seedErased: "settings written, no seed"
    case .configWrittenOldSeedKept: "settings written, previous seed kept"
    case .burned: "burned with the new seed"
    case .unknown: "unknown"
    }
  }
}
