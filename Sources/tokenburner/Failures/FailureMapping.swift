import BurnPreparation
import ImagePayloads
import PCSC
import SecretSources
import SmartCard
import Token2
import TokenService

/// Maps driver and protocol failures to `OperatorError` once, at the command's edge.
enum FailureMapping {
  /// The exit status for a link or reader failure: gone or absent is 69, lost mid-way is 75.
  static func status(for failure: CardFailure) -> ExitStatus {
    failure.isLinkLoss ? .temporaryFailure : .unavailable
  }

  /// The exit status for a protocol failure (sysexits, PRODUCT.md "Command-line contract"): 65
  /// bad input, 69 unavailable / wrong card, 70 internal or protocol error, 75 link lost (retry;
  /// for a lost AUTHENTICATE answer only after checking the token), 77 key refused / token locked.
  static func status(for failure: Token2Failure) -> ExitStatus {
    switch failure {
    case .invalidSecret: .dataError
    case .cardUnavailable, .notAToken, .securityKeyTapped, .unreadableInfo, .unknownModel:
      .unavailable
    case .hostClockOutOfRange, .unexpectedStatus, .malformedResponse, .internalError: .software
    case .noAnswer, .linkLost, .differentToken, .authenticationAnswerLost: .temporaryFailure
    case .tokenRefusedKey: .permissionDenied
    }
  }

  static func operatorError(_ error: PCSCError) -> OperatorError {
    OperatorError(error.operatorMessage, status: status(for: error.cardFailure))
  }

  static func operatorError(_ error: ReaderSelectionError) -> OperatorError {
    OperatorError(error.operatorMessage, status: status(for: error.cardFailure))
  }

  static func operatorError(_ failure: Token2Failure) -> OperatorError {
    OperatorError(
      failure.description, status: status(for: failure),
      tokenState: failure.state)
  }

  static func operatorError(_ failure: BurnSettings.Problem) -> OperatorError {
    let status: ExitStatus =
      switch failure {
      case .unknownType, .unsupported: .dataError
      case .conflictingFlags: .usage
      case .planOutOfRange: .software
      }
    return OperatorError(failure.description, status: status)
  }

  /// Decides how a generated key is shown; no terminal for it is a usage error (64).
  static func showing<T>(_ body: () throws(KeyDisplay.NoTerminal) -> T) throws(OperatorError)
    -> T
  {
    do {
      return try body()
    } catch {
      throw OperatorError(error.description, status: .usage)
    }
  }

  static func operatorError(_ failure: SourceFailure) -> OperatorError {
    let status: ExitStatus =
      switch failure.kind {
      case .usage: .usage
      case .badData: .dataError
      case .wrongKey: .permissionDenied
      }
    return OperatorError(failure.message, status: status)
  }

  /// Runs a read of a secret source, its failure mapped.
  static func reading<T>(_ body: () throws(SourceFailure) -> T) throws(OperatorError) -> T {
    do {
      return try body()
    } catch {
      throw operatorError(error)
    }
  }

  static func operatorError(_ failure: ImageCodes.ScanFailure) -> OperatorError {
    OperatorError(failure.description, status: .dataError)
  }

  static func operatorError(_ failure: TokenServiceFailure<Token2Failure>) -> OperatorError {
    switch failure {
    case .connect(let failure):
      OperatorError(failure.sentence, status: status(for: failure.failure))
    case .token(let failure): operatorError(failure)
    }
  }
}
