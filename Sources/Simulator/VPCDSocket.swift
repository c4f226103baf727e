import Platform

#if canImport(Glibc)
  import Glibc

  /// A self-pipe that lets other threads wake the vpcd run loop out of `poll(2)`.
  final class VPCDWakePipe {
    private let readEnd: Int32
    private let writeEnd: Int32

    init() {
      var fds: [Int32] = [-1, -1]
      // C interop: pipe writes two new descriptors that this object owns and closes in deinit.
      // (pipe2 is hidden behind _GNU_SOURCE in the Glibc module, hence pipe + fcntl.)
      let result = pipe(&fds)
      precondition(result == 0, "pipe failed: errno \(errno)")
      for fd in fds {
        // Non-blocking so a full pipe never blocks a waker and draining never blocks the loop.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      }
      readEnd = fds[0]
      writeEnd = fds[1]
    }

    deinit {
      // C interop: the descriptors are ours alone; nothing uses them after deinit.
      close(readEnd)
      close(writeEnd)
    }

    /// The descriptor to poll for readability.
    var descriptor: Int32 { readEnd }

    /// Wakes the loop; callable from any thread (write(2) on a pipe is thread-safe).
    func wake() {
      var byte: UInt8 = 1
      // C interop: copies one byte from our stack; EAGAIN (pipe full) already means "awake".
      _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe; called by the loop before it re-reads its flags.
    func drain() {
      var buffer = [UInt8](repeating: 0, count: 64)
      // C interop: reads into our buffer until the non-blocking pipe is empty.
      while read(readEnd, &buffer, buffer.count) > 0 {}
    }

    /// Sleeps up to `timeout` or until woken.
    func sleep(_ timeout: Duration) {
      var entry = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
      // C interop: poll reads and writes our single stack pollfd during the call only.
      _ = poll(&entry, 1, VPCDSocket.milliseconds(timeout))
    }
  }

  /// A TCP connection to vpcd, blocking I/O multiplexed with a wake pipe.
  final class VPCDSocket {
    enum ReadResult {
      case bytes([UInt8])
      case closed
      case interrupted
      /// The deadline passed before the first byte arrived (nothing was consumed).
      case timedOut
    }

    private var fd: Int32

    /// Wraps a connected TCP descriptor, which the socket then owns and closes. `connect` is
    /// the way in for the client; tests hand in one end of a loopback connection.
    init(adopting fd: Int32) {
      self.fd = fd
      TCPQuickAck.request(on: fd)
    }

    /// The descriptor, for tests that read socket options back (`-1` once shut down).
    var descriptor: Int32 { fd }

    deinit { shutdown() }

    /// Connects to `host:port`, trying every address the name resolves to, each for at most
    /// `timeout`. Returns `nil` with a reason when none accepted.
    static func connect(
      host: String, port: UInt16, timeout: Duration
    ) -> Result<VPCDSocket, VPCDConnectFailure> {
      var hints = addrinfo()
      hints.ai_family = AF_UNSPEC
      hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
      var list: UnsafeMutablePointer<addrinfo>?
      // C interop: getaddrinfo allocates a linked list that we own and free with freeaddrinfo
      // on every path below.
      let resolved = getaddrinfo(host, String(port), &hints, &list)
      guard resolved == 0, let first = list else {
        return .failure(.unresolvable(host))
      }
      defer { freeaddrinfo(first) }
      var lastErrno: Int32 = ECONNREFUSED
      var entry: UnsafeMutablePointer<addrinfo>? = first
      while let address = entry {
        entry = address.pointee.ai_next
        // C interop: a new descriptor owned by the returned VPCDSocket, or closed here.
        let fd = socket(
          address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue),
          address.pointee.ai_protocol)
        guard fd >= 0 else {
          lastErrno = errno
          continue
        }
        if let failure = connect(fd, address.pointee, timeout: timeout) {
          lastErrno = failure
          close(fd)
          continue
        }
        var one: Int32 = 1
        // C interop: setsockopt copies the Int32 from our stack. No Nagle delay: every frame is
        // one small write that vpcd waits for.
        _ = setsockopt(
          fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return .success(VPCDSocket(adopting: fd))
      }
      return .failure(.refused(errno: lastErrno))
    }

    /// Non-blocking connect bounded by `timeout`, then back to blocking mode. Returns an errno
    /// on failure.
    private static func connect(_ fd: Int32, _ address: addrinfo, timeout: Duration) -> Int32? {
      let flags = fcntl(fd, F_GETFL)
      _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
      // C interop: connect reads the sockaddr owned by the addrinfo list (alive in the caller).
      if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) != 0 {
        guard errno == EINPROGRESS else { return errno }
        var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        // C interop: poll uses our stack pollfd only during the call.
        guard poll(&entry, 1, milliseconds(timeout)) == 1 else { return ETIMEDOUT }
        var error: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        // C interop: getsockopt writes the pending error into our stack Int32.
        _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length)
        guard error == 0 else { return error }
      }
      _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
      return nil
    }

    /// Reads exactly `count` bytes. Wake-ups that `interrupted()` does not confirm are
    /// swallowed so a frame is never left half-read. With a `deadline`, gives up with
    /// `.timedOut` if it passes before the first byte; once a byte is in, it reads on.
    func read(
      _ count: Int, wake: VPCDWakePipe, deadline: ContinuousClock.Instant? = nil,
      interrupted: () -> Bool
    ) -> ReadResult {
      var buffer = [UInt8](repeating: 0, count: count)
      var filled = 0
      while filled < count {
        var timeout: Int32 = -1
        if let deadline, filled == 0 {
          let left = deadline - ContinuousClock.now
          guard left > .zero else { return .timedOut }
          timeout = max(1, Self.milliseconds(left))
        }
        var entries = [
          pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
          pollfd(fd: wake.descriptor, events: Int16(POLLIN), revents: 0),
        ]
        // C interop: poll reads and writes our two-element array during the call only.
        let ready = poll(&entries, 2, timeout)
        if ready < 0 {
          if errno == EINTR { continue }
          return .closed
        }
        if entries[1].revents != 0 {
          wake.drain()
          if interrupted() { return .interrupted }
        }
        guard entries[0].revents != 0 else { continue }
        // C interop: recv writes at most `count - filled` bytes into our buffer at `filled`.
        let received = buffer.withUnsafeMutableBytes { raw in
          recv(fd, raw.baseAddress! + filled, count - filled, 0)
        }
        if received < 0 && errno == EINTR { continue }
        guard received > 0 else { return .closed }
        // After every read, not once: the kernel leaves quick-ack mode by itself, and vpcd's
        // payload waits for the acknowledgement of its length (TCPQuickAck).
        TCPQuickAck.request(on: fd)
        filled += received
      }
      return .bytes(buffer)
    }

    /// Writes all of `bytes`, a whole frame, in one `send()` (more only if the kernel takes
    /// part of it); `false` when vpcd has gone. Never split a frame into header and payload
    /// writes: vpcd would wait for the second part as the card waits for vpcd's.
    func write(_ bytes: [UInt8]) -> Bool {
      var sent = 0
      while sent < bytes.count {
        // C interop: send reads from our array; MSG_NOSIGNAL turns a closed peer into EPIPE
        // instead of a process-killing SIGPIPE.
        let result = bytes.withUnsafeBytes { raw in
          send(fd, raw.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
        }
        if result < 0 && errno == EINTR { continue }
        guard result > 0 else { return false }
        sent += result
      }
      return true
    }

    /// Closes the connection: vpcd sees the card leave. Safe to call twice.
    func shutdown() {
      guard fd >= 0 else { return }
      // C interop: ends our ownership of the descriptor.
      close(fd)
      fd = -1
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
      Int32(Platform.milliseconds(duration, atMost: Int64(Int32.max)))
    }
  }
#endif

/// Why the vpcd client could not connect.
public enum VPCDConnectFailure: Error, Equatable, Sendable {
  /// The host name did not resolve.
  case unresolvable(String)
  /// Every address refused or timed out; the last errno.
  case refused(errno: Int32)
}
