import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// The last signal received, written by the handler (lock-free atomics are async-signal-safe)
/// and taken by the wizard loop.
private let pendingSignal = Atomic<Int32>(0)
/// The write end of the loop's wake pipe, or -1: the handler writes one byte to it so that the
/// loop, asleep in `poll(2)`, notices the signal at once.
private let wakeDescriptor = Atomic<Int32>(-1)

/// ncurses' own SIGWINCH handler, called first by ours: it records the new size, which the
/// next read reports as `KEY_RESIZE`. Written before our handler is installed and after it is
/// removed, read only by the handler.
nonisolated(unsafe) private var cursesResizeHandler: (@convention(c) (Int32) -> Void)?

/// Where the loop's signals come from: the process's SIGINT, SIGTERM and SIGHUP in the
/// product, a fake in the runtime tests.
public protocol SignalPort {
  /// Starts catching; a caught signal wakes `queue`.
  func install(waking queue: EventQueue)
  /// Restores the default actions.
  func uninstall()
  /// The signal received since the last call, if any.
  func take() -> Int32?
}

/// Turns SIGINT, SIGTERM and SIGHUP into wizard events instead of killing the process, so the
/// terminal is always restored by the loop's teardown.
public struct SignalTrap: SignalPort {
  /// The process's signals.
  public init() {}

  /// Installs the handlers (replacing ncurses' own, which would end curses behind our back).
  public func install(waking queue: EventQueue) {
    wakeDescriptor.store(queue.wakeWriteDescriptor, ordering: .relaxed)
    for signal in [SIGINT, SIGTERM, SIGHUP] {
      // C interop: the handler is a C function pointer without captures; it stores the
      // signal number and writes one byte (write is async-signal-safe).
      _ = Glibc.signal(signal) { number in
        pendingSignal.store(number, ordering: .relaxed)
        var byte: UInt8 = 1
        _ = write(wakeDescriptor.load(ordering: .relaxed), &byte, 1)
      }
    }
    wrapResizeHandler()
  }

  public func uninstall() {
    for signal in [SIGINT, SIGTERM, SIGHUP] { _ = Glibc.signal(signal, SIG_DFL) }
    if let handler = cursesResizeHandler {
      _ = Glibc.signal(SIGWINCH, handler)
      cursesResizeHandler = nil
    }
    wakeDescriptor.store(-1, ordering: .relaxed)
  }

  /// Puts a handler in front of ncurses' SIGWINCH handler that also wakes the loop: the signal
  /// may be delivered to any thread, so the loop's `poll(2)` is not always the call it
  /// interrupts. Without a plain ncurses handler (none, or a `SA_SIGINFO` one) nothing changes.
  private func wrapResizeHandler() {
    var current = sigaction()
    // C interop: sigaction with a nil new action only reads the current one into `current`.
    guard sigaction(SIGWINCH, nil, &current) == 0, current.sa_flags & SA_SIGINFO == 0,
      let handler = current.__sigaction_handler.sa_handler,
      unsafeBitCast(handler, to: Int.self) > 1  // not SIG_DFL (0) or SIG_IGN (1)
    else { return }
    cursesResizeHandler = handler
    var wrapped = current
    wrapped.__sigaction_handler.sa_handler = { number in
      cursesResizeHandler?(number)
      var byte: UInt8 = 1
      _ = write(wakeDescriptor.load(ordering: .relaxed), &byte, 1)
    }
    // C interop: installs the wrapper with ncurses' own mask and flags.
    _ = sigaction(SIGWINCH, &wrapped, nil)
  }

  public func take() -> Int32? {
    let number = pendingSignal.exchange(0, ordering: .relaxed)
    return number == 0 ? nil : number
  }
}
