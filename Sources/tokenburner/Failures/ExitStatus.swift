import ArgumentParser
import Token2

/// Process exit statuses of the command-line contract (sysexits.h values).
enum ExitStatus: Int32 {
  /// Everything worked.
  case success = 0
  /// The command line was wrong (EX_USAGE).
  case usage = 64
  /// Input data was wrong: a URI, a secret, an image (EX_DATAERR).
  case dataError = 65
  /// A service or device is unavailable: pcscd not running, no reader, no card (EX_UNAVAILABLE).
  case unavailable = 69
  /// An internal error or an unimplemented command (EX_SOFTWARE).
  case software = 70
  /// A temporary failure worth retrying: link lost, outcome unknown (EX_TEMPFAIL).
  case temporaryFailure = 75
  /// The token refused authentication or is locked (EX_NOPERM).
  case permissionDenied = 77

  /// The ArgumentParser value that ends the process with this status.
  var exitCode: ExitCode { ExitCode(rawValue) }
}

/// An error already phrased for the operator, with the exit status it maps to.
///
/// Every failure of a command is turned into one of these exactly once, at the command's edge;
/// `message` must never contain secret material.
struct OperatorError: Error, CustomStringConvertible {
  var message: String
  var status: ExitStatus
  /// What the token holds after the failure, when a token was reached; JSON reports it.
  var tokenState: TokenState?

  init(_ message: String, status: ExitStatus, tokenState: TokenState? = nil) {
    self.message = message
    self.status = status
    self.tokenState = tokenState
  }

  var description: String { message }
}
