import CLibPQ
import Foundation

/// Rows of a query, every value as PostgreSQL's text form (`nil` for NULL).
public struct PostgresRows: Sendable {
  /// Column names, in order.
  public let columns: [String]
  /// One array per row, in column order.
  public let rows: [[String?]]
  /// Rows an INSERT, UPDATE or DELETE touched (0 for other statements).
  public let affected: Int

  /// The rows as dictionaries by column name.
  public var records: [PostgresRecord] {
    rows.map { PostgresRecord(columns: columns, values: $0) }
  }
}

/// One row by column name.
public struct PostgresRecord: Sendable {
  let columns: [String]
  let values: [String?]

  /// The text of `column`; `nil` for NULL or a column the query did not return.
  public subscript(_ column: String) -> String? {
    guard let index = columns.firstIndex(of: column) else { return nil }
    return values[index]
  }

  /// `column` as an integer; `nil` for NULL.
  public func int64(_ column: String) -> Int64? { self[column].flatMap { Int64($0) } }
}

/// One libpq connection. Not shared between threads at once: the owner serialises calls (the
/// registry store holds it under a lock). Statements take their values as text parameters
/// (`PQexecParams`), never spliced into the SQL.
public final class PostgresConnection {
  private let connection: OpaquePointer

  /// Connects with `string`; libpq reads `PG*` variables, the password file and service files.
  /// - Throws: `.authentication`, `.tls`, `.connection`.
  /// `overrides` are libpq keywords that replace what the string sets (a test's database).
  public init(
    _ string: PostgresConnectionString, overrides: [String: String] = [:],
    applicationName: String = "tokenburner"
  ) throws(PostgresError) {
    let extra = overrides.sorted { $0.key < $1.key }
    let keywords = ["dbname", "application_name", "client_encoding"] + extra.map(\.key)
    let values = [string.text, applicationName, "UTF8"] + extra.map(\.value)
    let connection = Self.withCStrings(keywords) { keys in
      Self.withCStrings(values) { vals in PQconnectdbParams(keys, vals, 1) }
    }
    guard let connection else { throw .connection("libpq could not allocate a connection") }
    guard PQstatus(connection) == CONNECTION_OK else {
      let message = String(cString: PQerrorMessage(connection))
        .trimmingCharacters(in: .whitespacesAndNewlines)
      PQfinish(connection)
      throw PostgresError.fromConnectMessage(message)
    }
    // Server notices (NOTICE, WARNING) are not the operator's business on stderr.
    PQsetNoticeProcessor(connection, { _, _ in }, nil)
    self.connection = connection
  }

  deinit { PQfinish(connection) }

  /// Runs one statement with text parameters `$1`, `$2`, ... (`nil` is NULL).
  @discardableResult
  public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError)
    -> PostgresRows
  {
    let result = Self.withOptionalCStrings(parameters) { values in
      PQexecParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
    }
    guard let result else {
      throw .connection(String(cString: PQerrorMessage(connection)))
    }
    defer { PQclear(result) }
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
      return Self.rows(of: result)
    default:
      throw Self.error(of: result, connection: connection)
    }
  }

  /// Runs several statements without parameters (a migration step, the set-up script).
  public func executeScript(_ sql: String) throws(PostgresError) {
    guard let result = PQexec(connection, sql) else {
      throw .connection(String(cString: PQerrorMessage(connection)))
    }
    defer { PQclear(result) }
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
    default: throw Self.error(of: result, connection: connection)
    }
  }

  /// Runs `body` in one transaction at `isolation` (e.g. `SERIALIZABLE`), committing when it
  /// returns and rolling back when it throws; a serialization failure is retried up to
  /// `retries` times after a random pause that grows with each attempt (1 ms to 64 ms), so
  /// desks that keep colliding spread out. Eight desks recording at once needed more than 20
  /// attempts now and then (`PostgresLoadTests`).
  public func transaction<T>(
    isolation: String = "SERIALIZABLE", retries: Int = 60,
    _ body: (PostgresConnection, _ attempt: Int) throws -> T
  ) throws -> T {
    var attempt = 0
    while true {
      do {
        try execute("BEGIN ISOLATION LEVEL " + isolation)
        let value = try body(self, attempt)
        try execute("COMMIT")
        return value
      } catch {
        _ = try? execute("ROLLBACK")
        if case PostgresError.serialization = error, attempt < retries {
          attempt += 1
          usleep(UInt32.random(in: 1_000...(2_000 << UInt32(min(attempt, 5)))))
          continue
        }
        throw error
      }
    }
  }

  /// Whether the session is encrypted (TLS).
  public var usesTLS: Bool { PQsslInUse(connection) == 1 }

  private static func rows(of result: OpaquePointer) -> PostgresRows {
    let columnCount = PQnfields(result)
    let rowCount = PQntuples(result)
    let columns = (0..<columnCount).map { String(cString: PQfname(result, $0)) }
    let rows = (0..<rowCount).map { row in
      (0..<columnCount).map { column -> String? in
        PQgetisnull(result, row, column) == 1
          ? nil : String(cString: PQgetvalue(result, row, column))
      }
    }
    let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    return PostgresRows(columns: columns, rows: rows, affected: affected)
  }

  private static func error(of result: OpaquePointer, connection: OpaquePointer) -> PostgresError {
    func field(_ code: Character) -> String {
      guard let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return "" }
      return String(cString: value)
    }
    let sqlState = field("C")
    let primary = field("M")
    let message =
      primary.isEmpty
      ? String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
      : primary
    if sqlState.isEmpty { return .connection(message) }
    return PostgresError.fromServer(sqlState: sqlState, message: message, constraint: field("n"))
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R
  ) -> R {
    withOptionalCStrings(strings + [nil]) { body($0!) }
  }

  private static func withOptionalCStrings<R>(
    _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
  ) -> R {
    let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0)! } }
    defer { for copy in copies { free(copy) } }
    let pointers = copies.map { UnsafePointer($0) }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
  }
}
