import Foundation

/// Reads a backup code the user reads out: typed at a prompt with echo off when standard input
/// is a terminal (nothing stays on screen or in scrollback), otherwise the first line of
/// standard input. Never an argument.
public enum CodePrompt {
  public static func read() throws(SourceFailure) -> String {
    guard isatty(STDIN_FILENO) == 1 else {
      return try StandardInput.readText(what: "standard input")
    }
    return try HiddenLine.prompt("Backup code") { typed in String(decoding: typed, as: UTF8.self) }
  }
}
