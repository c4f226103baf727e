import PCSC
import SmartCard
import Token2

/// Maps driver and protocol failures to `OperatorError` once, at the command's edge.
enum FailureMapping {
  /// The exit status for a link or reader failure: gone or absent is 69, lost mid-way is 75.
  static func status(for failure: CardFailure) -> ExitStatus {
    failure.isLinkLoss ? .temporaryFailure : .unavailable
  }

  static func operatorError(_ error: PCSCError) -> OperatorError {
    OperatorError(error.operatorMessage, status: status(for: error.cardFailure))
  }

  static func operatorError(_ error: ReaderSelectionError) -> OperatorError {
    OperatorError(error.operatorMessage, status: status(for: error.cardFailure))
  }

  static func operatorError(_ failure: Token2Failure) -> OperatorError {
    OperatorError(
      failure.description, status: ExitStatus(rawValue: failure.exitCode) ?? .software,
      tokenState: failure.state)
  }
}
