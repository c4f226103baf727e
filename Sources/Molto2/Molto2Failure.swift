import SmartCard

/// Why a Molto2 operation did not succeed. Each case says what the token holds now (`state`);
/// no case carries secret or key bytes.
public enum Molto2Failure: Error, Equatable, Sendable {
  /// The request is unusable (title, profile, key, secret); no APDU was sent, or only keyless
  /// reads when the profile had to be checked against the model read from the token.
  case invalidInput(Molto2InputProblem)
  /// The host clock cannot be written (outside 1970...2106); nothing was written.
  case hostClockOutOfRange(Int64)
  /// The reader or card service could not be used.
  case cardUnavailable(CardFailure)
  /// The first GET INFO got no answer.
  case noAnswer(CardFailure)
  /// GET INFO was refused: not a Molto2.
  case notAMolto2(status: StatusWord)
  /// GET INFO answered `90 00` with data that cannot be read.
  case unreadableInfo
  /// A slot's public data could not be read.
  case unreadablePublicData(profile: Int, Molto2PublicDataError)
  /// The slot holds a seed and overwriting was not asked for; no AUTHENTICATE was sent.
  case slotOccupied(profile: Int)
  /// AUTHENTICATE was refused with `63 NN`: wrong customer key, `triesLeft` attempts before the
  /// token locks. Never retried.
  case keyRefused(triesLeft: Int, state: Molto2State)
  /// The link broke before AUTHENTICATE was answered; counted as a refusal.
  case authenticationAnswerLost(state: Molto2State)
  /// The token answered `90 60`: it waits for ▲ on the device.
  case awaitingConfirmation(command: Molto2Command, state: Molto2State)
  /// DELETE SEED answered `6A 83`: the slot was already empty.
  case slotEmpty(profile: Int, state: Molto2State)
  /// A public-data read was refused with `6F FB` (sent with Le).
  case caseFourRefused(profile: Int)
  /// The link broke mid-run; `state.inDoubt` is the write whose answer was lost.
  case linkLost(during: Molto2Command, cause: CardFailure, state: Molto2State)
  /// A status word the protocol does not expect here.
  case unexpectedStatus(command: Molto2Command, status: StatusWord, state: Molto2State)
  /// `90 00` with data of the wrong shape (e.g. a short challenge).
  case malformedResponse(command: Molto2Command, state: Molto2State)
  /// A cryptographic operation failed on the host; nothing further was sent.
  case internalError(String, state: Molto2State)

  /// What the token holds after this failure.
  public var state: Molto2State {
    switch self {
    case .invalidInput, .hostClockOutOfRange, .cardUnavailable, .noAnswer, .notAMolto2,
      .unreadableInfo, .unreadablePublicData, .slotOccupied, .caseFourRefused:
      .unchanged
    case .keyRefused(_, let state), .authenticationAnswerLost(let state),
      .awaitingConfirmation(_, let state), .slotEmpty(_, let state), .linkLost(_, _, let state),
      .unexpectedStatus(_, _, let state), .malformedResponse(_, let state),
      .internalError(_, let state):
      state
    }
  }
}

extension Molto2Failure: CustomStringConvertible {
  /// One operator paragraph: what happened, what the token holds, what to do next.
  public var description: String {
    switch self {
    case .invalidInput(let problem): "Nothing was written: \(problem)."
    case .hostClockOutOfRange(let time):
      "This computer's clock (\(time)) cannot be written to the token; fix the clock first."
    case .cardUnavailable(let cause): "The Molto2 cannot be reached: \(cause)."
    case .noAnswer:
      "The Molto2 did not answer. Give it a minute after plugging it in (it charges first), "
        + "avoid USB hubs, and try again."
    case .notAMolto2(let status):
      "The token on this reader refused GET INFO (\(status)): it is not a Molto2."
    case .unreadableInfo: "The Molto2's GET INFO answer cannot be read; nothing was written."
    case .unreadablePublicData(let profile, let error):
      "Profile \(profile) cannot be read (\(error)); nothing was written."
    case .slotOccupied(let profile):
      "Profile \(profile) already holds a seed; nothing was written. Choose a free profile, or "
        + "overwrite it (which deletes the old seed first)."
    case .keyRefused(let left, let state):
      "The Molto2 refused the customer key: \(left) tries left before it locks. Not retried; "
        + "\(state). Check the customer key before trying again."
    case .authenticationAnswerLost(let state):
      "The link broke before the Molto2 answered the key check; it may have counted a refusal. "
        + "Not retried; \(state)."
    case .awaitingConfirmation(let command, let state):
      "The Molto2 accepted \(command) and waits for the ▲ button on the device; \(state)."
    case .slotEmpty(let profile, let state):
      "Profile \(profile) was already empty; \(state)."
    case .caseFourRefused(let profile):
      "The Molto2 refused the read of profile \(profile) (6F FB); nothing was written."
    case .linkLost(let command, let cause, let state):
      "The link to the Molto2 broke during \(command) (\(cause)); \(state). Plug it in again "
        + "and check the profile list."
    case .unexpectedStatus(let command, let status, let state):
      "The Molto2 answered \(command) with \(status); \(state)."
    case .malformedResponse(let command, let state):
      "The Molto2's answer to \(command) has the wrong shape; \(state)."
    case .internalError(let what, let state): "Internal error (\(what)); \(state)."
    }
  }
}
