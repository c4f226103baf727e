import BackupSheets
import Foundation

/// Where a backup code sheet goes: a CUPS queue through `lp` (as PostScript on its standard
/// input, never in its arguments), or a new text file only the owner can read. The command
/// line and the wizard both send sheets this way, each in its own words when it fails.
enum SheetOutput {
  /// Why `lp` did not take the sheet.
  enum PrintFailure: Error {
    /// `lp` could not be started (CUPS client tools missing).
    case notStarted(String)
    /// `lp` exited with `status`; `said` is its error output (or, if empty, its output).
    case refused(status: Int32, said: String)
  }

  /// The CUPS client, by absolute path: a `lp` earlier in `PATH` is never run.
  static let lpPath = "/usr/bin/lp"

  /// The only variables `lp` inherits: which server and how to reach it (`CUPS_SERVER`,
  /// `CUPS_ENCRYPTION`, `CUPS_USER`), the default queue (`LPDEST`, `PRINTER`), the home with
  /// `~/.cups/client.conf` and `lpoptions` (`HOME`), and the language of its messages
  /// (`LANG`, `LC_ALL`, `LC_MESSAGES`, `LC_CTYPE`). Nothing else: not a `--secret-env`
  /// variable, a passphrase variable or `PATH`.
  static let lpEnvironmentNames = [
    "CUPS_SERVER", "CUPS_ENCRYPTION", "CUPS_USER", "LPDEST", "PRINTER", "HOME", "LANG", "LC_ALL",
    "LC_MESSAGES", "LC_CTYPE",
  ]

  /// `environment` cut down to `lpEnvironmentNames`.
  static func lpEnvironment(from environment: [String: String]) -> [String: String] {
    environment.filter { lpEnvironmentNames.contains($0.key) }
  }

  /// Sends `text` to `/usr/bin/lp` as a PostScript page, to `printer` or the default
  /// destination (`CUPS_SERVER` chooses the server, as for every CUPS client).
  ///
  /// - Returns: what `lp` said (the request id line).
  static func send(_ text: String, printer: String?, title: String) throws(PrintFailure) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: lpPath)
    process.environment = lpEnvironment(from: ProcessInfo.processInfo.environment)
    var arguments = ["-t", title]
    if let printer { arguments += ["-d", printer] }
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    let errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    do {
      try process.run()
    } catch {
      throw .notStarted("\(error)")
    }
    input.fileHandleForWriting.write(Data(PostScriptPage.document(text, title: title).utf8))
    try? input.fileHandleForWriting.close()
    let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw .refused(status: process.terminationStatus, said: problem.isEmpty ? answer : problem)
    }
    return answer
  }

  /// `send`, with the command line's sentences; the caller says what became of the codes.
  static func print(_ text: String, printer: String?, title: String) throws(OperatorError) -> String
  {
    do throws(PrintFailure) {
      return try send(text, printer: printer, title: title)
    } catch {
      switch error {
      case .notStarted(let reason):
        throw OperatorError(
          "cannot run lp (is CUPS installed? apt-get install cups-client): \(reason)",
          status: .unavailable)
      case .refused(let status, let said):
        throw OperatorError(
          "printing failed (lp exited \(status)): \(said)", status: .unavailable)
      }
    }
  }

  /// Writes `text` to a new file created with mode 0600; an existing file is never replaced.
  static func save(_ text: String, to path: String) throws(OperatorError) {
    try PrivateFile.create(path, text: text)
  }
}
