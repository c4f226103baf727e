/// One change a run made to a slot.
public enum Molto2Change: Equatable, Sendable, CustomStringConvertible {
  case seedDeleted(profile: Int)
  case seedWritten(profile: Int)
  case titleWritten(profile: Int)
  case configWritten(profile: Int)
  case clockSynced(profile: Int)

  public var description: String {
    switch self {
    case .seedDeleted(let profile): "the seed of profile \(profile) was deleted"
    case .seedWritten(let profile): "profile \(profile) holds the new seed"
    case .titleWritten(let profile): "profile \(profile) shows the new title"
    case .configWritten(let profile): "profile \(profile) has the new settings and clock"
    case .clockSynced(let profile): "the clock of profile \(profile) was set"
    }
  }
}

/// What a run left on the token: the changes the token confirmed, and the one whose answer
/// was lost (it may or may not have happened).
public struct Molto2State: Equatable, Sendable, CustomStringConvertible {
  /// Changes the token answered `90 00` to, in order.
  public var confirmed: [Molto2Change]
  /// The change sent last whose answer never arrived.
  public var inDoubt: Molto2Change?

  public init(confirmed: [Molto2Change] = [], inDoubt: Molto2Change? = nil) {
    self.confirmed = confirmed
    self.inDoubt = inDoubt
  }

  /// Nothing was changed.
  public static let unchanged = Molto2State()

  /// Whether the token is known to hold what it held before the run.
  public var isUnchanged: Bool { confirmed.isEmpty && inDoubt == nil }

  /// One sentence: "the token is unchanged", or each change, and the one in doubt.
  public var description: String {
    if isUnchanged { return "the token is unchanged" }
    var parts = confirmed.map(\.description)
    if let inDoubt {
      parts.append("not known whether \(inDoubt.description) (the answer was lost)")
    }
    return parts.joined(separator: "; ")
  }
}
