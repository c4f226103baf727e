import ArgumentParser
import Foundation
import OperatorOutput
import SafeText
import Token2

extension Output {
  /// Reports `error` and returns the exit code that ends the command.
  ///
  /// - Parameter json: when set, a `{"error": {...}}` object goes to stdout as well, so scripts
  ///   reading JSON always get one object.
  static func fail(_ error: OperatorError, json: Bool) -> ExitCode {
    // One sentence, always one line: a line break quoted from input is spelled out too.
    errorLine("tokenburner: \(TerminalText.escaped(error.message))")
    if json {
      try? Output.json(ErrorBody(error: .init(error)))
    }
    return error.status.exitCode
  }

  private struct ErrorBody: Encodable {
    struct Detail: Encodable {
      var message: String
      var exitCode: Int32
      /// `unchanged`, `seed_erased`, `config_written_old_seed_kept`, `burned` or `unknown`.
      var tokenState: String?
      /// For `unknown`: every state the token may be in.
      var possibleStates: [String]?

      init(_ error: OperatorError) {
        // JSON escapes every control itself; only the arguments' secrets must go.
        message = Output.redacted(error.message)
        exitCode = error.status.rawValue
        tokenState = error.tokenState?.code
        possibleStates = error.tokenState.map { $0.possibilities.map(\.code) }
      }
    }
    var error: Detail
  }
}
