import Foundation
import SafeText

/// Writes command results: human text on stdout, or one JSON object with `--json`; errors on
/// stderr as `tokenburner: <sentence>` (or a JSON error object with `--json`).
///
/// Every human line passes `shown` on its way out: secret-looking arguments of this process are
/// redacted and every control but line feed and tab, DEL and bidi control is spelled out. The
/// formatters already spell out each outside field (`terminalSafe`), so its line breaks cannot
/// start a line; this is the last guard for whatever a formatter missed.
public enum Output {
  /// Prints one line to standard output.
  public static func line(_ text: String = "") {
    FileHandle.standardOutput.write(Data((shown(text) + "\n").utf8))
  }

  /// Prints one line to standard error.
  public static func errorLine(_ text: String) {
    FileHandle.standardError.write(Data((shown(text) + "\n").utf8))
  }

  /// `text` as it may reach a terminal or a log of one.
  public static func shown(_ text: String) -> String {
    TerminalText.escapedKeepingLayout(redacted(text))
  }

  /// `text` without any secret-looking argument of this process.
  public static func redacted(_ text: String) -> String {
    ArgumentRedaction.redact(text, arguments: Array(CommandLine.arguments.dropFirst()))
  }

  /// Prints `value` as one JSON object with sorted keys on standard output.
  public static func json(_ value: some Encodable) throws {
    let data = try JSONEncoder.snakeCase.encode(value)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }
}

extension JSONEncoder {
  /// Sorted keys, snake_case, unescaped slashes: the project's one JSON style.
  public static var snakeCase: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    return encoder
  }
}
