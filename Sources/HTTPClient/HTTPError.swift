/// Why an HTTP exchange produced no usable answer. The associated texts are libcurl's
/// sentences and host names, never a header or body.
public enum HTTPError: Error, Equatable, Sendable {
  /// The URL is not an absolute http(s) URL the driver will use.
  case invalidURL(String)
  /// No connection: the name did not resolve, or nothing listens there.
  case unreachable(String)
  /// The TLS handshake or the certificate check failed (the server is not trusted).
  case tls(String)
  /// No complete answer within the timeout.
  case timeout
  /// The body is over the driver's cap (bytes).
  case responseTooLarge(limit: Int)
  /// The server answered with a status the caller does not accept.
  case status(Int)
  /// Any other transfer failure (libcurl's code and sentence).
  case transfer(code: Int, reason: String)
}

extension HTTPError: CustomStringConvertible {
  /// One sentence without secrets.
  public var description: String {
    switch self {
    case .invalidURL(let url): "\(url) is not an http:// or https:// URL"
    case .unreachable(let reason): "the server is unreachable (\(reason))"
    case .tls(let reason): "the TLS connection was refused (\(reason))"
    case .timeout: "the server did not answer in time"
    case .responseTooLarge(let limit): "the server's answer is over \(limit) bytes"
    case .status(let code): "the server answered HTTP \(code)"
    case .transfer(let code, let reason): "the transfer failed (libcurl \(code): \(reason))"
    }
  }
}
