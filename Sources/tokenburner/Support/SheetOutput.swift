import Foundation

/// Where a backup code sheet goes: a CUPS queue through `lp` (as PostScript on its standard
/// input, never in its arguments), or a new text file only the owner can read.
enum SheetOutput {
  /// Sends `text` to `lp` as a PostScript page, to `printer` or the default destination
  /// (`CUPS_SERVER` chooses the server, as for every CUPS client).
  ///
  /// - Returns: what `lp` said (the request id line).
  static func print(_ text: String, printer: String?, title: String) throws(OperatorError) -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    var arguments = ["lp", "-t", title]
    if let printer { arguments += ["-d", printer] }
    process.arguments = arguments
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    do {
      try process.run()
    } catch {
      throw OperatorError("cannot run lp (is CUPS installed? apt-get install cups-client): \(error)", status: .unavailable)
    }
    input.fileHandleForWriting.write(Data(PostScriptPage.document(text, title: title).utf8))
    try? input.fileHandleForWriting.close()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw OperatorError(
        "printing failed (lp exited \(process.terminationStatus)): \(said). The codes are stored; "
          + "save the sheet with --save or generate a new set.", status: .unavailable)
    }
    return said
  }

  /// Writes `text` to a new file created with mode 0600; an existing file is never replaced.
  static func save(_ text: String, to path: String) throws(OperatorError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      let reason = errno == EEXIST ? "the file already exists" : String(cString: strerror(errno))
      throw OperatorError("cannot save the sheet to \(path): \(reason)", status: .dataError)
    }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        throw OperatorError("cannot write \(path): \(String(cString: strerror(errno)))", status: .dataError)
      }
      written += count
    }
  }
}
