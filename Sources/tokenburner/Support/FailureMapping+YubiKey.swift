import YubiKeyOATH

extension FailureMapping {
  /// The exit status for a YubiKey OATH failure: 65 bad input or no room, 69 not reachable or
  /// not an OATH key, 70 protocol error, 75 link lost or no touch (retry), 77 password refused,
  /// missing, or a key that cannot prove it holds it.
  static func status(for failure: YubiKeyOATHFailure) -> ExitStatus {
    switch failure {
    case .invalidName, .unsupportedDigits, .full, .noSuchCredential: .dataError
    case .cardUnavailable(let card): status(for: card)
    case .noOATHApplet: .unavailable
    case .malformedResponse, .unexpectedStatus, .hostCryptoFailed: .software
    case .linkLost, .touchNotReceived: .temporaryFailure
    case .passwordRequired, .wrongPassword, .cardProofMismatch, .validateNotRetried:
      .permissionDenied
    }
  }

  static func operatorError(_ failure: YubiKeyOATHFailure) -> OperatorError {
    OperatorError(failure.description, status: status(for: failure))
  }
}
