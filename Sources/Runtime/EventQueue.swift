import Synchronization
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// Events posted by worker threads for the loop that owns the wizard state. Thread-safe.
///
/// Each `post` also writes one byte to a pipe the loop waits on (`wakeDescriptor`), so a result
/// wakes the loop at once instead of at its next poll; the loop empties the pipe with
/// `drain`. The pipe is non-blocking on both ends: a full pipe already means "wake up".
public final class EventQueue: Sendable {
  private let pending = Mutex<[WizardEvent]>([])
  private let pipeEnds: (read: Int32, write: Int32)

  /// A queue with its own wake pipe (close-on-exec, so `lp` never inherits it).
  public init() {
    var ends: [Int32] = [-1, -1]
    // C interop: pipe fills two descriptors (pipe2 is not in the Glibc module); a failure
    // leaves -1, and the loop then only wakes on input and timers.
    if pipe(&ends) == 0 {
      for end in ends {
        _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
        _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      }
    }
    pipeEnds = (ends[0], ends[1])
  }

  deinit {
    if pipeEnds.read >= 0 { close(pipeEnds.read) }
    if pipeEnds.write >= 0 { close(pipeEnds.write) }
  }

  /// The descriptor that is readable while events are pending.
  public var wakeDescriptor: Int32 { pipeEnds.read }

  /// The pipe's write end, for a signal handler that wakes the loop itself.
  var wakeWriteDescriptor: Int32 { pipeEnds.write }

  /// Adds `event` and wakes the loop.
  public func post(_ event: WizardEvent) {
    pending.withLock { $0.append(event) }
    wake()
  }

  /// Wakes the loop without an event.
  public func wake() {
    var byte: UInt8 = 1
    _ = write(pipeEnds.write, &byte, 1)
  }

  /// Removes and returns every pending event, oldest first, and empties the wake pipe.
  public func drain() -> [WizardEvent] {
    var bytes = [UInt8](repeating: 0, count: 64)
    while read(pipeEnds.read, &bytes, bytes.count) > 0 {}
    return pending.withLock { events in
      defer { events.removeAll() }
      return events
    }
  }
}
