import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The last signal received, written by the handler (lock-free atomics are async-signal-safe)
/// and taken by the wizard loop.
private let pendingSignal = Atomic<Int32>(0)

/// Turns SIGINT, SIGTERM and SIGHUP into wizard events instead of killing the process, so the
/// terminal is always restored by the loop's teardown.
enum SignalTrap {
  /// Installs the handlers (replacing ncurses' own, which would end curses behind our back).
  static func install() {
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      // C interop: the handler is a C function pointer without captures; it only stores the
      // signal number.
      _ = Glibc.signal(signal) { number in pendingSignal.store(number, ordering: .relaxed) }
    }
  }

  /// Restores the default actions.
  static func uninstall() {
    for signal in [SIGINT, SIGTERM, SIGHUP] { _ = Glibc.signal(signal, SIG_DFL) }
  }

  /// The signal received since the last call, if any.
  static func take() -> Int32? {
    let number = pendingSignal.exchange(0, ordering: .relaxed)
    return number == 0 ? nil : number
  }
}
