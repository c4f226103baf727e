import ArgumentParser
import Foundation
import Redaction
import SafeText
import Token2

/// Writes command results: human text on stdout, or one JSON object with `--json`; errors on
/// stderr as `tokenburner: <sentence>` (or a JSON error object with `--json`).
///
/// Every human line passes `shown` on its way out: secret-looking arguments of this process are
/// redacted and every control but line feed and tab, DEL and bidi control is spelled out. The
/// formatters already spell out each outside field (`terminalSafe`), so its line breaks cannot
/// start a line; this is the last guard for whatever a formatter missed.
enum Output {
  /// Prints one line to standard output.
  static func line(_ text: String = "") {
    FileHandle.standardOutput.write(Data((shown(text) + "\n").utf8))
  }

  /// Prints one line to standard error.
  static func errorLine(_ text: String) {
    FileHandle.standardError.write(Data((shown(text) + "\n").utf8))
  }

  /// `text` as it may reach a terminal or a log of one.
  static func shown(_ text: String) -> String {
    TerminalText.escapedKeepingLayout(redacted(text))
  }

  /// `text` without any secret-looking argument of this process.
  static func redacted(_ text: String) -> String {
    ArgumentRedaction.redact(text, arguments: Array(CommandLine.arguments.dropFirst()))
  }

  /// Prints `value` as one JSON object with sorted keys on standard output.
  static func json(_ value: some Encodable) throws {
    let data = try JSONEncoder.snakeCase.encode(value)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }

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

extension JSONEncoder {
  /// Sorted keys, snake_case, unescaped slashes: the project's one JSON style.
  static var snakeCase: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }
}
