#if canImport(Glibc)
  import Glibc
#endif

/// The C library calls more than one target makes, each written once: timeouts for C calls,
/// what a path is, the effective user, terminals and errno text. Linux only, as the package.
public enum Platform {
  /// `duration` in whole milliseconds, negative parts as zero, at most `limit`: the timeout
  /// argument of `poll(2)` and `SCardGetStatusChange`.
  public static func milliseconds(_ duration: Duration, atMost limit: Int64) -> Int64 {
    let (seconds, attoseconds) = duration.components
    let total = max(0, seconds) * 1000 + max(0, attoseconds) / 1_000_000_000_000_000
    return min(total, limit)
  }

  /// Whether `path` names a directory (links followed).
  public static func isDirectory(_ path: String) -> Bool { fileType(path) == S_IFDIR }

  /// Whether `path` names a Unix socket (links followed).
  public static func isSocket(_ path: String) -> Bool { fileType(path) == S_IFSOCK }

  /// The effective user ID of this process.
  public static var effectiveUserID: UInt32 { geteuid() }

  /// Whether descriptor `fd` is a terminal.
  public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// The window size of the first of `descriptors` that is a terminal reporting one.
  public static func terminalSize(of descriptors: [Int32]) -> (columns: Int, rows: Int)? {
    for descriptor in descriptors {
      var window = winsize()
      if ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0 {
        return (Int(window.ws_col), Int(window.ws_row))
      }
    }
    return nil
  }

  /// The C library's sentence for errno value `code` (`strerror`).
  public static func errorText(_ code: Int32) -> String { String(cString: strerror(code)) }

  private static func fileType(_ path: String) -> mode_t? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return status.st_mode & S_IFMT
  }
}
