/// Why a PostgreSQL call failed, sorted by what the caller does about it. The message is the
/// server's or libpq's own sentence; none holds a password (a connection string with one is
/// refused before libpq sees it, and libpq does not repeat passwords).
public enum PostgresError: Error, Equatable, Sendable {
  /// The connection string does not parse, or names a password (which would be on argv).
  case invalidConnectionString(String)
  /// The server refused the role or its password (SQLSTATE 28P01 / 28000).
  case authentication(String)
  /// TLS was required and failed: the certificate did not verify, or the server has no TLS.
  case tls(String)
  /// The server cannot be reached, or the connection broke (SQLSTATE class 08, a lost link).
  case connection(String)
  /// A serializable transaction lost a race (40001) or a deadlock was broken (40P01): retry.
  case serialization(String)
  /// A unique constraint refused the row (23505); `constraint` names it.
  case uniqueViolation(constraint: String, message: String)
  /// The role lacks a privilege (42501).
  case permission(String)
  /// Any other server error, with its SQLSTATE.
  case server(sqlState: String, message: String)

  /// The SQLSTATE of a server error, mapped to a case.
  static func fromServer(sqlState: String, message: String, constraint: String) -> PostgresError {
    switch sqlState {
    case "40001", "40P01": .serialization(message)
    case "23505": .uniqueViolation(constraint: constraint, message: message)
    case "28P01", "28000": .authentication(message)
    case "42501": .permission(message)
    case _ where sqlState.hasPrefix("08"): .connection(message)
    default: .server(sqlState: sqlState, message: message)
    }
  }

  /// A failed connection attempt, from libpq's message (no SQLSTATE reaches the client for
  /// these): authentication and TLS failures are told apart from an unreachable server.
  static func fromConnectMessage(_ message: String) -> PostgresError {
    let lower = message.lowercased()
    if lower.contains("password authentication failed") || lower.contains("no password supplied")
      || lower.contains("authentication failed") || lower.contains("no pg_hba.conf entry")
    {
      return .authentication(message)
    }
    if lower.contains("certificate") || lower.contains("ssl") || lower.contains("tls") {
      return .tls(message)
    }
    return .connection(message)
  }

  /// The sentence, without the SQLSTATE.
  public var message: String {
    switch self {
    case .invalidConnectionString(let text), .authentication(let text), .tls(let text),
      .connection(let text), .serialization(let text), .permission(let text):
      text
    case .uniqueViolation(_, let text), .server(_, let text): text
    }
  }
}
