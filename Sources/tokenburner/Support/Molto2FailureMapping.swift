import Molto2

extension FailureMapping {
  /// A family-B failure as one sentence and its exit status (the contract's sysexits): bad
  /// input 64/65, device unusable 69, an answer the protocol does not expect 70 (as family A),
  /// outcome unknown or waiting for ▲ 75, key refused 77.
  static func operatorError(_ failure: Molto2Failure) -> OperatorError {
    OperatorError(failure.description, status: molto2Status(failure))
  }

  static func molto2Status(_ failure: Molto2Failure) -> ExitStatus {
    switch failure {
    case .invalidInput(.profileOutOfRange): .usage
    case .invalidInput, .slotOccupied, .slotEmpty: .dataError
    case .cardUnavailable(let cause): status(for: cause)
    case .notAMolto2, .unreadableInfo, .unreadablePublicData, .caseFourRefused: .unavailable
    case .keyRefused: .permissionDenied
    case .noAnswer, .authenticationAnswerLost, .awaitingConfirmation, .linkLost:
      .temporaryFailure
    case .unexpectedStatus, .malformedResponse, .hostClockOutOfRange, .internalError: .software
    }
  }
}
