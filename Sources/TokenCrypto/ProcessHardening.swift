internal import CSystemCalls

#if canImport(Glibc)
  import Glibc
#endif

/// What the executable does to itself before it reads any secret: no core file
/// (`RLIMIT_CORE` 0), not dumpable (`PR_SET_DUMPABLE` 0: no core, and `/proc/PID/mem` and
/// ptrace closed to other processes of the same user), and a crash handler that prints one
/// line instead of the runtime's backtrace, whose register section shows bytes of memory.
public enum ProcessHardening {
  /// Which of the three steps took effect.
  public struct Outcome: Sendable, Equatable {
    public var coreDumpsDisabled: Bool
    public var notDumpable: Bool
    public var crashHandlerInstalled: Bool
  }

  /// Signals a crash ends with: bad memory access, a trap (`fatalError`, overflow, a failed
  /// precondition), illegal instruction, arithmetic fault, abort.
  static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGABRT]

  /// Applies all three; each is independent, and a failure leaves the program running.
  @discardableResult
  public static func apply() -> Outcome {
    Outcome(
      coreDumpsDisabled: tb_disable_core_dumps() == 0,
      notDumpable: tb_set_not_dumpable() == 0,
      crashHandlerInstalled: installCrashHandler())
  }

  /// Whether the kernel considers this process dumpable (`PR_GET_DUMPABLE`).
  public static var isDumpable: Bool { tb_is_dumpable() != 0 }

  /// Replaces the runtime's crash handlers (installed before `main`) with one that writes a
  /// fixed line and exits 70. It runs on an alternate stack so a stack overflow reaches it.
  static func installCrashHandler() -> Bool {
    let size = 64 * 1024
    var stack = stack_t()
    // Kept for the process's life.
    stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
    stack.ss_size = size
    stack.ss_flags = 0
    guard sigaltstack(&stack, nil) == 0 else { return false }
    var action = sigaction()
    action.__sigaction_handler.sa_handler = crashed
    action.sa_flags = SA_ONSTACK
    sigemptyset(&action.sa_mask)
    return crashSignals.allSatisfy { sigaction($0, &action, nil) == 0 }
  }
}

/// Async-signal-safe: a static line to stderr, then `_exit`. No memory, no registers, no
/// backtrace (symbol names and addresses are no secret, but the runtime prints them next to
/// the bytes registers point at).
private func crashed(_ signal: Int32) {
  let line: StaticString =
    "tokenburner: internal error: the program crashed (exit 70); nothing of its memory is printed. Please report what you ran.\n"
  _ = write(2, line.utf8Start, line.utf8CodeUnitCount)
  _exit(70)
}
