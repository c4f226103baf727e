import Foundation
import PostgresClient
import Registry

/// The store's one connection, used by one caller at a time (libpq connections are not
/// thread-safe); the lock is what makes the store `Sendable`.
final class LockedConnection: @unchecked Sendable {
  private let lock = NSLock()
  private let connection: PostgresConnection

  init(_ connection: PostgresConnection) { self.connection = connection }

  func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(connection)
  }
}

/// The registry on a PostgreSQL server, for a helpdesk team: the `RegistryStore` contract with
/// the same schema meaning as the SQLite store, for many desks and operators at once.
///
/// Every write is one SERIALIZABLE transaction (retried when the server reports a lost race),
/// so a burn and its audit row commit together or not at all, and the guarantees hold across
/// processes: one active enrollment per serial (also a partial unique index), a backup code
/// used once, the verify rate limit counted in the database. Operators are database roles:
/// the audit rows and enrollments name `session_user`, not the name a client states.
public final class PostgresRegistry: RegistryStore {
  /// Where, for messages: `postgresql://role@host:port/database`, never a password.
  public let display: String
  let connection: LockedConnection

  /// Connects and checks the schema. `migrate` applies missing steps (the contract tests and
  /// `registry setup`, whose role owns the schema); otherwise a database that was not set up,
  /// or is older or newer than this program, is refused.
  ///
  /// - Parameter overrides: libpq keywords that replace the string's (a test's database).
  /// - Throws: `RegistryError` (`.refused` for authentication, `.untrusted` for TLS,
  ///   `.cannotOpen` when unreachable or not set up, `.notARegistry` when newer).
  public init(
    _ string: PostgresConnectionString, overrides: [String: String] = [:], migrate: Bool = false
  ) throws(RegistryError) {
    display =
      overrides["dbname"].map { Self.display(string.display, database: $0) } ?? string.display
    let connection: PostgresConnection
    do {
      connection = try PostgresConnection(string, overrides: overrides)
    } catch {
      throw Self.map(error, display: string.display)
    }
    do {
      if migrate { try PostgresSchema.migrate(connection) }
      switch try PostgresSchema.state(connection) {
      case .empty:
        throw RegistryError.cannotOpen(
          path: display,
          reason: "the database has no tokenburner schema yet; its owner runs "
            + "`tokenburner registry setup --registry URL` once")
      case .newer(let version):
        throw RegistryError.notARegistry(
          path: display,
          reason: "its schema (version \(version)) is newer than this version of tokenburner "
            + "knows (\(PostgresSchema.current))")
      case .version(let version) where version < PostgresSchema.current:
        throw RegistryError.cannotOpen(
          path: display,
          reason: "its schema (version \(version)) is older than this program's "
            + "(\(PostgresSchema.current)); its owner runs `tokenburner registry setup` to upgrade")
      case .version: break
      }
    } catch {
      throw Self.map(error, display: display)
    }
    self.connection = LockedConnection(connection)
  }

  /// `display` with another database name.
  static func display(_ display: String, database: String) -> String {
    guard let slash = display.dropFirst("postgresql://".count).firstIndex(of: "/") else {
      return display + "/" + database
    }
    return display[..<slash] + "/" + database
  }

  /// Runs `body` in one SERIALIZABLE transaction; `attempt` counts the retries after a lost race.
  func write<T: Sendable>(_ body: (PostgresConnection, _ attempt: Int) throws -> T)
    throws(RegistryError) -> T
  {
    let display = display
    do {
      return try connection.with { connection in try connection.transaction(body) }
    } catch {
      throw Self.map(error, display: display)
    }
  }

  /// Runs one read (its own snapshot).
  func read<T: Sendable>(_ body: (PostgresConnection) throws -> T) throws(RegistryError) -> T {
    let display = display
    do {
      return try connection.with(body)
    } catch {
      throw Self.map(error, display: display)
    }
  }

  /// Any failure in the registry's terms; a race still lost after the retries is `.busy`.
  static func map(_ error: any Error, display: String) -> RegistryError {
    if let registry = error as? RegistryError { return registry }
    if case PostgresRegistryFailure.newerSchema = error {
      return .notARegistry(
        path: display, reason: "its schema is newer than this version of tokenburner knows")
    }
    guard let postgres = error as? PostgresError else { return .database("\(error)") }
    switch postgres {
    case .invalidConnectionString(let reason): return .cannotOpen(path: display, reason: reason)
    case .authentication(let reason), .permission(let reason):
      return .refused(registry: display, reason: reason)
    case .tls(let reason): return .untrusted(registry: display, reason: reason)
    case .connection(let reason): return .cannotOpen(path: display, reason: reason)
    case .serialization: return .busy(path: display)
    case .uniqueViolation(_, let message): return .database(message)
    case .server(let state, let message): return .database("\(message) (SQLSTATE \(state))")
    }
  }

  /// Appends one audit row inside a transaction; the operator column is the session's role.
  static func audit(_ event: AuditEvent, at: Int64, in connection: PostgresConnection) throws {
    try connection.execute(
      """
      INSERT INTO audit (at, action, "user", serial, enrollment_id, outcome, detail)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """,
      [
        String(at), event.action.rawValue, event.user, event.serial,
        event.enrollmentId.map(String.init), event.outcome.rawValue, event.detail,
      ])
  }

  /// Appends one audit row on its own (a failed burn). `operatorName` is not stored: the
  /// server names the role that connected.
  public func audit(_ event: AuditEvent, at: Int64, operatorName: String) throws(RegistryError) {
    try write { connection, _ in try Self.audit(event, at: at, in: connection) }
  }

  /// The role this store acts as (`session_user`).
  public func sessionRole() throws(RegistryError) -> String {
    try read { connection in
      try connection.execute("SELECT session_user AS role").records.first?["role"] ?? ""
    }
  }
}
