/// The protocol a token speaks. `identify` tags what it found with one of these, so a caller
/// that holds tokens of several families can tell them apart before it plans a burn.
///
/// Family A (Token2's single-profile programmable tokens) is the one burned today; Molto2
/// multi-profile tokens and YubiKey OATH credentials join as further cases, each with its own
/// `TokenFamilyDriver`.
public enum TokenFamily: String, Equatable, Hashable, Sendable, CustomStringConvertible {
  /// Token2 single-profile programmable tokens (protocol note §4).
  case token2FamilyA = "token2-family-a"

  /// The family's name in reports.
  public var description: String {
    switch self {
    case .token2FamilyA: "Token2 programmable (family A)"
    }
  }
}

/// What `identify` read from a token: enough to tell which token and which family it is. Each
/// family's description carries more (model and clock for family A; slots and titles or
/// credentials and capacity for the multi-profile families).
public protocol TokenDescribing: Sendable {
  /// The family whose driver read this description.
  var family: TokenFamily { get }
  /// The serial the token reports: the identity a burn checks before it writes.
  var serial: String { get }
}

/// A failure of one family's protocol. It says what the token holds afterwards (`state`), so
/// every caller can report it the same way; the service builds its "another token lies on the
/// reader" refusal through `differentToken`.
public protocol TokenFailure: Error {
  /// What the token holds after a failure (for a multi-profile family: per slot).
  associatedtype State: Equatable & Sendable
  /// The token's state after this failure.
  var state: State { get }
  /// The token on the reader is not the one the caller identified; nothing was sent to it.
  static func differentToken(expected: String, found: String) -> Self
}
