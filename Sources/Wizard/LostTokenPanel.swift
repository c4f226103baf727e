/// The replace-lost task: the token found for the user, the reason, and whether it is marked.
public struct LostTokenPanel: Equatable, Sendable {
  /// The user's active token, once the registry named exactly one.
  public internal(set) var token: TokenToReplace?
  /// Why the token is lost (stored with the enrollment and in the audit log).
  public internal(set) var reason = TextField(limit: 200)
  /// Whether the registry is being asked for the token.
  public internal(set) var isLooking = false
  /// Whether the registry is marking the token lost.
  public internal(set) var isMarking = false
  /// Whether the token is marked lost; the new token's burn follows.
  public internal(set) var isMarked = false
  /// Why no token was found, until the next lookup.
  public internal(set) var lookupFailure: ReplaceLookupFailure?

  /// Nothing looked up yet.
  public init() {}
}

/// A registry enrollment that is to be replaced.
public struct TokenToReplace: Equatable, Sendable {
  /// The enrollment's id.
  public var enrollmentID: Int64
  /// The token's serial number.
  public var serial: String
  /// The service, if the enrollment names one.
  public var service: String?
  /// Whether the vault keeps the enrollment's key (offered as "the same key again").
  public var hasVaultKey: Bool

  /// The enrollment `enrollmentID` for the token `serial` and `service`.
  public init(enrollmentID: Int64, serial: String, service: String?, hasVaultKey: Bool = false) {
    self.enrollmentID = enrollmentID
    self.serial = serial
    self.service = service
    self.hasVaultKey = hasVaultKey
  }
}

/// Why the registry did not name exactly one active token for the user.
public enum ReplaceLookupFailure: Error, Equatable, Sendable {
  /// The registry has no enrollment at all for the user.
  case unknownUser
  /// The user's tokens are all lost or replaced already (for that service, if one was given).
  case noActiveToken
  /// The user has several active tokens; these are their services.
  case severalTokens(services: [String])
  /// The registry could not answer (busy, unreadable); one operator sentence.
  case registry(String)
}
