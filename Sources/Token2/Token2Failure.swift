import SmartCard

/// A family-A command, named in progress and failure messages.
public enum Token2Command: String, Sendable, Codable, CustomStringConvertible {
  /// GET INFO (§4.2).
  case getInfo
  /// GET CHALLENGE (§4.3).
  case getChallenge
  /// AUTHENTICATE (§4.4).
  case authenticate
  /// WRITE CONFIG (§4.5).
  case writeConfig
  /// WRITE SEED (§4.6).
  case writeSeed

  /// The command's name as in protocol note §4.1, e.g. `WRITE SEED`.
  public var description: String {
    switch self {
    case .getInfo: "GET INFO"
    case .getChallenge: "GET CHALLENGE"
    case .authenticate: "AUTHENTICATE"
    case .writeConfig: "WRITE CONFIG"
    case .writeSeed: "WRITE SEED"
    }
  }
}

/// Why the secret cannot go into a family-A token (protocol note §4.6.1).
public enum SecretProblem: Equatable, Sendable, CustomStringConvertible {
  /// No bytes at all.
  case empty
  /// More than 63 bytes (the length in bytes).
  case tooLong(length: Int)

  public var description: String {
    switch self {
    case .empty: "the secret is empty"
    case .tooLong(let length):
      "the secret is \(length) bytes long; Token2 tokens hold at most \(FamilyA.Seed.maximumLength)"
    }
  }
}

/// Why reading or burning a family-A token did not succeed. Each case says what the token holds
/// now (`state`) and its description is one operator paragraph: what happened, what the token
/// holds, what to do next. No case carries secret bytes.
public enum Token2Failure: Error, Equatable, Sendable {
  /// The request itself is unusable; no APDU was sent.
  case invalidSecret(SecretProblem)
  /// The host clock cannot be written to the token (outside 1970...2106); nothing was sent.
  case hostClockOutOfRange(Int64)
  /// The reader or card service could not be used (no card, reader gone, pcscd down, busy).
  case cardUnavailable(CardFailure)
  /// The first GET INFO got no answer: the token is off or not in the field.
  case noAnswer(CardFailure)
  /// GET INFO was refused and no security-key applet answered: not a Token2 programmable token,
  /// or not in programming mode.
  case notAToken(status: StatusWord)
  /// A FIDO or OATH security key was tapped instead of a Token2 token.
  case securityKeyTapped(SecurityKeyKind)
  /// GET INFO answered `90 00` with data that cannot be read.
  case unreadableInfo(TokenInfoError)
  /// The serial prefix is not in the model table and the operator did not allow unknown
  /// models; no AUTHENTICATE was sent.
  case unknownModel(serial: String)
  /// AUTHENTICATE was refused with `69 83`: wrong key, or a locked token. Never retried.
  case tokenRefusedKey(state: TokenState)
  /// The link broke before the token answered an AUTHENTICATE: it may have refused the key.
  /// Counted as a refusal (`AuthenticationGate`), so no second AUTHENTICATE was sent in the
  /// run; `state` is what the writes before it left.
  case authenticationAnswerLost(state: TokenState)
  /// The link to the token broke and could not be recovered (at most one reconnect).
  case linkLost(during: Token2Command, cause: CardFailure, state: TokenState)
  /// After a reconnect, a different token answered.
  case differentToken(expected: String, found: String, state: TokenState)
  /// The token answered a status word the protocol does not expect here.
  case unexpectedStatus(command: Token2Command, status: StatusWord, state: TokenState)
  /// The token answered `90 00` with data of the wrong shape (e.g. a short challenge).
  case malformedResponse(command: Token2Command, state: TokenState)
  /// A cryptographic operation failed on the host (libcrypto); nothing further was sent.
  case internalError(String, state: TokenState)

  /// What the token holds after this failure.
  public var state: TokenState {
    switch self {
    case .invalidSecret, .hostClockOutOfRange, .cardUnavailable, .noAnswer, .notAToken,
      .securityKeyTapped, .unreadableInfo, .unknownModel:
      .unchanged
    case .tokenRefusedKey(let state), .authenticationAnswerLost(let state),
      .linkLost(_, _, let state),
      .differentToken(_, _, let state), .unexpectedStatus(_, _, let state),
      .malformedResponse(_, let state), .internalError(_, let state):
      state
    }
  }
}
