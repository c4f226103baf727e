import Foundation
import OperatorOutput

/// Where a key shown once (`burn --generate`, `seeds register`) goes. Plain lines on standard
/// output stay in the terminal's scrollback, a tmux history or a `tee` log, so by default the
/// key goes to the terminal's alternate screen, cleared when the operator presses Enter;
/// printing it plainly takes `--show-secret`.
public enum KeyDisplay {
  /// A key to show once, and no terminal to show it on (a usage error: nothing was done).
  public struct NoTerminal: Error, Equatable, CustomStringConvertible {
    public var description: String {
      "the key is shown only on a terminal, and standard output is not one (a file, a pipe "
        + "or a log would keep it); run in a terminal, or add --show-secret to print it. "
        + "Nothing was done."
    }
  }

  public enum Mode: Equatable {
    /// Plain lines on standard output, because the operator asked (`--show-secret`).
    case plain
    /// The alternate screen until Enter: nothing of it reaches the scrollback.
    case alternateScreen
  }

  /// The mode for this run, decided before the burn or the registration: a key that cannot
  /// be shown must not be put on a token or recorded.
  ///
  /// - Throws: `NoTerminal` when standard output is not a terminal and `--show-secret` was
  ///   not given.
  public static func mode(showSecret: Bool, outputIsTerminal: Bool = isatty(STDOUT_FILENO) == 1)
    throws(NoTerminal) -> Mode
  {
    if showSecret { return .plain }
    guard outputIsTerminal else {
      throw NoTerminal()
    }
    return .alternateScreen
  }

  /// Shows `lines` (the key and its URI) in `mode`; on the alternate screen, returns after
  /// Enter with the normal screen back as it was.
  public static func show(_ lines: [String], mode: Mode) {
    switch mode {
    case .plain:
      for line in lines { Output.line(line) }
    case .alternateScreen:
      showUntilEnter(lines)
      Output.line(
        "The key was shown on a cleared screen and is gone from it; it is not shown again.")
    }
  }

  /// Enter the alternate screen (`?1049h`), clear it, show the lines, wait for Enter on the
  /// terminal, clear it again and leave it (`?1049l`).
  private static func showUntilEnter(_ lines: [String]) {
    let page =
      "\u{1B}[?1049h\u{1B}[H\u{1B}[2J" + lines.joined(separator: "\n")
      + "\n\nPress Enter to clear the key from the screen. "
    FileHandle.standardOutput.write(Data(page.utf8))
    // The terminal itself, not standard input: that may be a passphrase pipe or a file.
    let terminal = open("/dev/tty", O_RDONLY | O_CLOEXEC)
    let input = terminal >= 0 ? terminal : STDIN_FILENO
    var byte: UInt8 = 0
    while read(input, &byte, 1) == 1, byte != 0x0A {}
    if terminal >= 0 { close(terminal) }
    FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J\u{1B}[?1049l".utf8))
  }
}
