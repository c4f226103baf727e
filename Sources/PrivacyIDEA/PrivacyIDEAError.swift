import HTTPClient

/// Why a privacyIDEA exchange failed. Texts are the server's error messages and the driver's
/// sentences; no response body is kept.
public enum PrivacyIDEAError: Error, Equatable, Sendable {
  /// No answer: the push can be retried later (unreachable, timeout).
  case unavailable(HTTPError)
  /// The connection was refused for a reason a retry does not fix (TLS, a bad URL, a cap).
  case transport(HTTPError)
  /// The server refused the admin credential (HTTP 401/403 or an authentication error code).
  case authentication(String)
  /// The server answered with an error (its code and message).
  case server(code: Int, message: String)
  /// The answer is not the JSON the 3.14 API returns.
  case malformed(String)
}

extension PrivacyIDEAError: CustomStringConvertible {
  public var description: String {
    switch self {
    case .unavailable(let error), .transport(let error): error.description
    case .authentication(let message):
      "privacyIDEA refused the admin credential (\(message))"
    case .server(let code, let message): "privacyIDEA answered error \(code): \(message)"
    case .malformed(let what): "privacyIDEA's answer could not be read (\(what))"
    }
  }
}
