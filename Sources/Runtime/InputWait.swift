#if canImport(Glibc)
  import Glibc
#endif

/// The loop's one blocking call: `poll(2)` on the terminal and the event queue's wake pipe,
/// with the next timer as the timeout. Nothing runs while the wizard is idle.
enum InputWait {
  /// Waits until `terminal` or `wake` is readable, a signal interrupts, or `timeout` (seconds;
  /// `nil` waits for ever) has passed. The caller then reads whatever is pending.
  static func wait(terminal: Int32, wake: Int32, timeout: Double?) {
    var descriptors = [
      pollfd(fd: terminal, events: Int16(POLLIN), revents: 0),
      pollfd(fd: wake, events: Int16(POLLIN), revents: 0),
    ]
    let milliseconds: Int32 =
      timeout.map { Int32(clamping: Int64(max(0, ($0 * 1000).rounded(.up)))) } ?? -1
    // C interop: poll reads and writes the two entries of our own array. EINTR (a signal,
    // SIGWINCH included) returns early, which is what the loop wants.
    _ = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
  }
}
