#if canImport(Glibc)
  import Glibc
  @testable import Simulator
  import Testing

  /// The card's end of the vpcd connection acknowledges at once after every read, on a real
  /// loopback TCP connection. The option is read back with getsockopt after each read rather
  /// than timed: the kernel reports TCP_QUICKACK as 0 once it has fallen back to delayed ACKs,
  /// which it does by itself after a few request/response exchanges.
  @Suite struct VPCDSocketQuickAckTests {
    @Test func quickAckIsOnAfterEveryReadOfManyExchanges() throws {
      let (vpcdEnd, cardEnd) = try LoopbackPair.make()
      defer { close(vpcdEnd) }
      let card = VPCDSocket(adopting: cardEnd)
      let wake = VPCDWakePipe()
      // Enough exchanges for the kernel's heuristic for interactive traffic (pingpong) to switch
      // a socket that asked only once back to delayed ACKs.
      for exchange in 0..<12 {
        let apdu: [UInt8] = [0x80, 0xCA, 0x00, UInt8(exchange), 0x00]
        // As vpcd does: the length and the payload in two writes.
        try LoopbackPair.send(vpcdEnd, [0x00, UInt8(apdu.count)])
        guard case .bytes(let header) = card.read(2, wake: wake, interrupted: { false }) else {
          Issue.record("no header in exchange \(exchange)")
          return
        }
        #expect(header == [0x00, 0x05])
        #expect(
          LoopbackPair.quickAck(cardEnd) == 1, "after the header read of exchange \(exchange)")
        try LoopbackPair.send(vpcdEnd, apdu)
        guard case .bytes(let payload) = card.read(apdu.count, wake: wake, interrupted: { false })
        else {
          Issue.record("no payload in exchange \(exchange)")
          return
        }
        #expect(payload == apdu)
        #expect(
          LoopbackPair.quickAck(cardEnd) == 1, "after the payload read of exchange \(exchange)")
        #expect(card.write(VPCDFrame.encode([0x90, 0x00])))
        #expect(try LoopbackPair.receive(vpcdEnd, 4) == [0x00, 0x02, 0x90, 0x00])
      }
    }
  }

  /// A connected TCP pair on 127.0.0.1, made with the socket calls directly.
  enum LoopbackPair {
    struct Failure: Error {
      let call: String
      let code: Int32
    }

    static func make() throws -> (client: Int32, server: Int32) {
      let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      guard listener >= 0 else { throw Failure(call: "socket", code: errno) }
      defer { close(listener) }
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      address.sin_port = 0
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      try withSockaddr(&address) { pointer in
        guard bind(listener, pointer, length) == 0 else { throw Failure(call: "bind", code: errno) }
        guard listen(listener, 1) == 0 else { throw Failure(call: "listen", code: errno) }
        guard getsockname(listener, pointer, &length) == 0 else {
          throw Failure(call: "getsockname", code: errno)
        }
      }
      let client = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      guard client >= 0 else { throw Failure(call: "socket", code: errno) }
      var one: Int32 = 1
      // The Nagle setting vpcd leaves on would only delay the test; the ACK under test is
      // the card end's.
      _ = setsockopt(
        client, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
      try withSockaddr(&address) { pointer in
        guard connect(client, pointer, length) == 0 else {
          throw Failure(call: "connect", code: errno)
        }
      }
      let server = accept(listener, nil, nil)
      guard server >= 0 else { throw Failure(call: "accept", code: errno) }
      return (client, server)
    }

    /// TCP_QUICKACK as the kernel reports it for `fd`.
    static func quickAck(_ fd: Int32) -> Int32 {
      var value: Int32 = -1
      var length = socklen_t(MemoryLayout<Int32>.size)
      _ = getsockopt(fd, Int32(IPPROTO_TCP), TCP_QUICKACK, &value, &length)
      return value
    }

    static func send(_ fd: Int32, _ bytes: [UInt8]) throws {
      let sent = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress!, bytes.count, Int32(MSG_NOSIGNAL))
      }
      guard sent == bytes.count else { throw Failure(call: "send", code: errno) }
    }

    static func receive(_ fd: Int32, _ count: Int) throws -> [UInt8] {
      var buffer = [UInt8](repeating: 0, count: count)
      let received = buffer.withUnsafeMutableBytes {
        recv(fd, $0.baseAddress!, count, Int32(MSG_WAITALL))
      }
      guard received == count else { throw Failure(call: "recv", code: errno) }
      return buffer
    }

    private static func withSockaddr(
      _ address: inout sockaddr_in, _ body: (UnsafeMutablePointer<sockaddr>) throws -> Void
    ) throws {
      try withUnsafeMutablePointer(to: &address) { pointer in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { try body($0) }
      }
    }
  }
#endif
