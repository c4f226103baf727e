import Foundation
import OTP

/// `code --watch`: one line, redrawn every second, with the code, a seconds-left bar and the
/// next code. On a terminal it rewrites the line in place (`\r`, erase to end of line); into a
/// pipe it prints one line per code so logs stay readable. Ctrl-C ends it cleanly.
public struct CountdownLine {
  public var secret: Secret
  public var parameters: TOTPParameters

  /// The countdown of `secret`'s codes under `parameters`.
  public init(secret: Secret, parameters: TOTPParameters) {
    self.secret = secret
    self.parameters = parameters
  }

  /// Width of the seconds-left bar in cells.
  private let barWidth = 20

  public func run() {
    installInterruptHandler()
    let interactive = isatty(STDOUT_FILENO) == 1
    var lastStep: UInt64?
    while true {
      let now = Int64(Date().timeIntervalSince1970)
      let window = TOTP.window(secret: secret, at: now, parameters: parameters)
      if interactive {
        FileHandle.standardOutput.write(Data(("\r" + render(window) + "\u{1B}[K").utf8))
      } else if window.step != lastStep {
        Output.line(render(window))
      }
      lastStep = window.step
      sleepUntilNextSecond()
    }
  }

  /// `123456  [##########..........] 15 s  next 654321`
  public func render(_ window: TOTPWindow) -> String {
    let filled = (window.secondsLeft * barWidth + window.period - 1) / window.period
    let bar =
      String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
    let seconds = String(window.secondsLeft).leftPadded(to: 3)
    return "\(window.current)  [\(bar)] \(seconds) s  next \(window.next)"
  }

  private func sleepUntilNextSecond() {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000_000 - now.tv_nsec)
    var remaining = timespec()
    while nanosleep(&pause, &remaining) == -1 && errno == EINTR { pause = remaining }
  }

  private func installInterruptHandler() {
    // Leave the cursor on a fresh line so the shell prompt does not overwrite the countdown.
    signal(SIGINT) { _ in
      _ = write(STDOUT_FILENO, "\n", 1)
      _exit(0)
    }
  }
}

extension String {
  /// Pads with leading spaces to `width` characters.
  public func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
