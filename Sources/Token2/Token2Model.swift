/// The family-A token models and their serial prefixes (protocol note §4.7, from Token2's
/// reference tool as reported by NB3 and KRP).
public enum Token2Model: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
  /// OTPC-P1-i, prefix 8659612, unrestricted.
  case otpcP1i
  /// OTPC-P2-i, prefix 8659622, restricted.
  case otpcP2i
  /// OTPC-P2-i-NB, prefix 8659621, restricted.
  case otpcP2iNB
  /// miniOTP-2-i, prefix 8659600, unrestricted.
  case miniOTP2i
  /// miniOTP-3-i, prefix 8659601, restricted.
  case miniOTP3i
  /// miniOTP-3-i-NB, prefix 8659609, restricted.
  case miniOTP3iNB
  /// C301-i, prefix 8659610, restricted.
  case c301i
  /// C302-i, prefix 8659632, unrestricted.
  case c302i

  /// The product name printed on the token, e.g. `C302-i`.
  public var displayName: String {
    switch self {
    case .otpcP1i: "OTPC-P1-i"
    case .otpcP2i: "OTPC-P2-i"
    case .otpcP2iNB: "OTPC-P2-i-NB"
    case .miniOTP2i: "miniOTP-2-i"
    case .miniOTP3i: "miniOTP-3-i"
    case .miniOTP3iNB: "miniOTP-3-i-NB"
    case .c301i: "C301-i"
    case .c302i: "C302-i"
    }
  }

  /// The first digits of every serial of this model.
  public var serialPrefix: String {
    switch self {
    case .otpcP1i: "8659612"
    case .otpcP2i: "8659622"
    case .otpcP2iNB: "8659621"
    case .miniOTP2i: "8659600"
    case .miniOTP3i: "8659601"
    case .miniOTP3iNB: "8659609"
    case .c301i: "8659610"
    case .c302i: "8659632"
    }
  }

  /// Whether a clock (config) write erases the seed ("restricted time sync", §4.7): a resync
  /// is then a full re-burn. Only OTPC-P1-i, miniOTP-2-i and C302-i keep their seed.
  public var isRestricted: Bool {
    switch self {
    case .otpcP1i, .miniOTP2i, .c302i: false
    case .otpcP2i, .otpcP2iNB, .miniOTP3i, .miniOTP3iNB, .c301i: true
    }
  }

  public var description: String { displayName }

  /// The model whose prefix starts `serial`; the longest matching prefix wins. `nil` for an
  /// unknown prefix (treat as restricted and read-only, §4.7).
  public init?(serial: String) {
    let matches = Self.allCases.filter { serial.hasPrefix($0.serialPrefix) }
    guard let best = matches.max(by: { $0.serialPrefix.count < $1.serialPrefix.count }) else {
      return nil
    }
    self = best
  }

  /// The model with this display name, compared case-insensitively (`c302-i` → `.c302i`).
  public init?(displayName: String) {
    let wanted = displayName.lowercased()
    guard let match = Self.allCases.first(where: { $0.displayName.lowercased() == wanted }) else {
      return nil
    }
    self = match
  }
}
