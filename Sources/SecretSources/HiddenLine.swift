import Foundation
import TokenCrypto

/// One line typed at a terminal prompt with echo off, so nothing typed stays on screen or in
/// scrollback; the terminal's settings are restored on every path. For passphrases and backup
/// codes.
public enum HiddenLine {
  /// Prints `label` on standard error and reads up to the newline from standard input (a
  /// terminal), without echo.
  ///
  /// - Parameter body: gets the bytes typed (without the newline); they are zeroed afterwards.
  public static func prompt<T, Failure: Error>(
    _ label: String, _ body: ([UInt8]) throws(Failure) -> T
  ) throws(Failure) -> T {
    FileHandle.standardError.write(Data("\(label): ".utf8))
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
    var buffer: [UInt8] = []
    defer { SecureBytes.zero(&buffer) }
    var byte: UInt8 = 0
    while read(STDIN_FILENO, &byte, 1) == 1, byte != 0x0A { buffer.append(byte) }
    byte = 0
    return try body(buffer)
  }
}
