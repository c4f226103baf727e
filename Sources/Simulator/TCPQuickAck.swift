#if canImport(Glibc)
  import Glibc

  /// Linux quick-acknowledgement mode for the card's side of the vpcd connection.
  ///
  /// vpcd writes each frame as two `send()` calls (the 2-byte length, then the payload) with
  /// Nagle's algorithm on. The payload waits until the length is acknowledged, so a card whose
  /// kernel delays that acknowledgement (about 40 ms on Linux) adds the delayed-ACK timer to
  /// every APDU. Quick-ack mode makes the kernel acknowledge at once; it is not sticky (the
  /// kernel drops back to delayed ACKs once the exchange looks interactive), so the socket asks
  /// for it again after every read.
  enum TCPQuickAck {
    /// Asks the kernel to acknowledge received data on `descriptor` at once, including data
    /// already read whose acknowledgement is still pending. Returns whether the kernel took it.
    @discardableResult
    static func request(on descriptor: Int32) -> Bool {
      var one: Int32 = 1
      // C interop: setsockopt copies the Int32 from our stack during the call.
      return setsockopt(
        descriptor, Int32(IPPROTO_TCP), TCP_QUICKACK, &one, socklen_t(MemoryLayout<Int32>.size))
        == 0
    }
  }
#endif
