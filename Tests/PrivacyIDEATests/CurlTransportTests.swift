import Glibc
import HTTPClient
import Testing

@Suite struct CurlTransportTests {
  /// A loopback port nothing listens on: bound, then closed.
  func closedPort() -> UInt16 {
    let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    _ = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
    }
    close(socketFD)
    return UInt16(bigEndian: address.sin_port)
  }

  @Test func nothingListeningIsUnreachable() {
    let port = closedPort()
    #expect {
      try CurlTransport().send(HTTPRequest(method: .get, url: "http://127.0.0.1:\(port)/"))
    } throws: { error in
      guard case .unreachable = error as? HTTPError else { return false }
      return true
    }
  }

  @Test func onlyHTTPAndHTTPSAreSpoken() {
    #expect(throws: HTTPError.invalidURL("file:///etc/passwd")) {
      try CurlTransport().send(HTTPRequest(method: .get, url: "file:///etc/passwd"))
    }
  }
}
