/// What `tokenburner info` shows about a token, from one GET INFO (protocol note §4.2, §4.7).
public struct TokenIdentity: Equatable, Sendable {
  /// The parsed GET INFO answer.
  public var info: TokenInfo
  /// The host's Unix time when the answer arrived, seconds.
  public var hostTime: Int64

  /// An identity from a GET INFO answer received at `hostTime` (Unix seconds).
  public init(info: TokenInfo, hostTime: Int64) {
    self.info = info
    self.hostTime = hostTime
  }

  /// The serial number.
  public var serial: String { info.serial }
  /// The model from the serial prefix; `nil` when unknown.
  public var model: Token2Model? { info.model }
  /// Whether a clock write erases the seed (unknown models count as restricted).
  public var isRestricted: Bool { info.isRestricted }
  /// Token clock minus host clock, seconds; positive when the token runs ahead.
  public var clockDrift: Int64 { info.clockDrift(hostTime: hostTime) }

  /// What the operator should know before burning, most important first.
  public var warnings: [TokenWarning] {
    var warnings: [TokenWarning] = []
    if model == nil { warnings.append(.unknownModel) }
    if isRestricted { warnings.append(.restrictedModel) }
    return warnings
  }
}

/// A caution shown with a token's identity.
public enum TokenWarning: String, Sendable, Codable, CustomStringConvertible {
  /// The serial prefix is not in the model table: read-only unless explicitly overridden.
  case unknownModel
  /// Writing the clock erases the seed, so a resync is a full re-burn.
  case restrictedModel

  public var description: String {
    switch self {
    case .unknownModel:
      "Unknown serial prefix: this token is treated as read-only unless unknown models are allowed."
    case .restrictedModel:
      "On this model a clock write erases the seed: burning replaces the old seed, and a clock "
        + "resync is a full re-burn."
    }
  }
}
