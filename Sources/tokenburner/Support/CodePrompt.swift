import Foundation

/// Reads a backup code the user reads out: typed at a prompt with echo off when standard input
/// is a terminal (nothing stays on screen or in scrollback), otherwise the first line of
/// standard input. Never an argument.
enum CodePrompt {
  static func read() throws(OperatorError) -> String {
    guard isatty(STDIN_FILENO) == 1 else {
      return try StandardInput.readText(what: "standard input")
    }
    FileHandle.standardError.write(Data("Backup code: ".utf8))
    var original = termios()
    let haveTerminal = tcgetattr(STDIN_FILENO, &original) == 0
    if haveTerminal {
      var silent = original
      silent.c_lflag &= ~tcflag_t(ECHO)
      tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
    }
    defer {
      if haveTerminal { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }
      FileHandle.standardError.write(Data("\n".utf8))
    }
    guard let line = Swift.readLine(strippingNewline: true) else {
      throw OperatorError("no backup code was entered", status: .dataError)
    }
    return line
  }
}
