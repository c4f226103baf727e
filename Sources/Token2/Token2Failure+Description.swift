import SmartCard

/// Operator sentences for every failure: what happened, what the token holds, what to do.
extension Token2Failure: CustomStringConvertible {
  public var description: String {
    switch self {
    case .invalidSecret(let problem):
      "Cannot burn: \(problem). Nothing was sent to the token."
    case .hostClockOutOfRange(let time):
      "Cannot burn: this computer's clock (\(time)) is outside the range a token can hold. "
        + "Fix the system time (NTP) and try again. Nothing was sent to the token."
    case .cardUnavailable(let failure):
      "The reader could not be used (\(Self.wording(failure))). Nothing was written. Check the reader and "
        + "that the token lies on it, then try again."
    case .noAnswer:
      "The token did not answer. Switch it on (press and hold the button until the display "
        + "lights), lay it flat on the reader right away and keep it still, then try again. "
        + "Nothing was written."
    case .notAToken(let status):
      "The card on the reader refused GET INFO (\(status)): it is not a Token2 programmable "
        + "token, or the token is not switched on. Nothing was written. Switch the token on and "
        + "present it again."
    case .securityKeyTapped(let kind):
      "\(kind.description.prefix(1).uppercased() + kind.description.dropFirst()) was tapped "
        + "instead of a Token2 token. Nothing was written. Take it off the reader and present "
        + "the Token2 programmable token."
    case .unreadableInfo(let problem):
      "The card answered GET INFO but \(problem): it is probably not a Token2 programmable "
        + "token. Nothing was written."
    case .unknownModel(let serial):
      "Serial \(serial) does not belong to a known Token2 programmable model, so the token was "
        + "only read and not authenticated (a wrong key can lock a token for good). Nothing was "
        + "written. If you are sure it is a compatible token, burn again allowing unknown models."
    case .tokenRefusedKey(let state):
      "The token refused the authentication key (69 83): the key is wrong for this token or "
        + "the token is locked. \(state) Do not retry with the same key: older tokens lock for "
        + "good after repeated failures. Check the model and, for OEM tokens, the customer key."
    case .authenticationAnswerLost(let state):
      "The link to the token was lost before it answered AUTHENTICATE: the token may have "
        + "refused the key; check it before retrying. \(state) No second AUTHENTICATE was sent, "
        + "because older tokens lock for good after repeated refusals. Check that the key fits "
        + "this token (its model and, for OEM tokens, the customer key); then lift the token off "
        + "the reader, lay it back flat and still, and burn it again."
    case .linkLost(let command, let cause, let state):
      "The link to the token was lost during \(command) (\(Self.wording(cause))) and one reconnect did not "
        + "finish the job. \(state) \(Self.nextStepAfterLoss(for: state))"
    case .differentToken(let expected, let found, let state):
      "After reconnecting, a different token (serial \(found)) answered instead of \(expected). "
        + "Token \(expected): \(state) Put token \(expected) back on the reader and burn it again."
    case .unexpectedStatus(let command, let status, let state):
      "The token answered \(command) with \(status), which the protocol does not expect. "
        + "\(state) \(Self.nextStep(for: state))"
    case .malformedResponse(let command, let state):
      "The token's answer to \(command) was malformed. \(state) \(Self.nextStep(for: state))"
    case .internalError(let what, let state):
      "Internal error (\(what)). \(state) \(Self.nextStep(for: state))"
    }
  }

  // CardFailure belongs to SmartCard and stays free of presentation conformances.
  private static func wording(_ failure: CardFailure) -> String {
    switch failure {
    case .serviceUnavailable(let detail): "card service unavailable: \(detail)"
    case .readerUnavailable(let detail): "reader unavailable: \(detail)"
    case .readerBusy(let detail): "reader busy: \(detail)"
    case .noCard: "no card on the reader"
    case .cardRemoved: "the token left the reader"
    case .unresponsive(let detail): "the token stopped answering: \(detail)"
    }
  }

  /// After a lost link the reader must see the token arrive again: pcscd can keep showing a
  /// token that came back within one of its presence polls as absent (docs/pcsc-sandbox.md).
  private static func nextStepAfterLoss(for state: TokenState) -> String {
    switch state {
    case .burned: nextStep(for: state)
    case .unchanged, .seedErased, .configWrittenOldSeedKept, .unknown:
      "Lift the token off the reader, lay it back flat and still (the reader must see it "
        + "arrive), and burn it again; the burn is safe to repeat."
    }
  }

  private static func nextStep(for state: TokenState) -> String {
    switch state {
    case .unchanged:
      "Keep the token flat and still on the reader and burn again."
    case .burned:
      "Power-cycle the token and compare its code before relying on it."
    case .seedErased, .configWrittenOldSeedKept, .unknown:
      "Keep the token flat and still on the reader and burn it again; the burn is safe to repeat."
    }
  }
}
