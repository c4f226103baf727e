import CLibPQ
import Foundation

/// A libpq connection string (a `postgresql://` URI or `key=value` pairs), checked before use:
/// it parses, and it names no password, so a password is never on a command line (libpq then
/// takes it from `PGPASSFILE`, `~/.pgpass` or a service file, as operators expect).
public struct PostgresConnectionString: Sendable, Equatable {
  /// The text as given; it holds no password.
  public let text: String
  /// The options it sets, by libpq keyword (`host`, `port`, `user`, `dbname`, `sslmode`, ...).
  public let options: [String: String]

  /// - Throws: `.invalidConnectionString` with libpq's reason, or when it names a password.
  public init(_ text: String) throws(PostgresError) {
    if Self.hasUserinfoPassword(text) { throw Self.passwordRefusal }
    var error: UnsafeMutablePointer<CChar>?
    guard let parsed = PQconninfoParse(text, &error) else {
      let reason = error.map { String(cString: $0) } ?? "it does not parse"
      if let error { PQfreemem(error) }
      // libpq quotes the part it could not read, which may be a piece of a password.
      throw .invalidConnectionString(
        reason.trimmingCharacters(in: .whitespacesAndNewlines)
          .replacingOccurrences(of: #""[^"]*""#, with: "\"…\"", options: .regularExpression))
    }
    defer { PQconninfoFree(parsed) }
    var options: [String: String] = [:]
    var option = parsed
    while let keyword = option.pointee.keyword {
      if let value = option.pointee.val {
        options[String(cString: keyword)] = String(cString: value)
      }
      option += 1
    }
    if let password = options["password"], !password.isEmpty { throw Self.passwordRefusal }
    self.text = text
    self.options = options
  }

  private static let passwordRefusal = PostgresError.invalidConnectionString(
    "it names a password, which would be visible to other users in the process list; "
      + "keep the password in ~/.pgpass, PGPASSFILE or a service file instead")

  /// `scheme://user:password@…`: refused before libpq reads it, so no error of its quotes it.
  static func hasUserinfoPassword(_ text: String) -> Bool {
    guard let start = text.range(of: "://") else { return false }
    let rest = text[start.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" }
    guard let at = authority.lastIndex(of: "@") else { return false }
    return authority[..<at].contains(":")
  }

  /// Who and where, for messages: `role@host:port/database` (libpq's defaults when unset).
  public var display: String {
    let user = options["user"].map { $0 + "@" } ?? ""
    let host =
      options["host"] ?? options["hostaddr"]
      ?? (options["service"].map { "service " + $0 } ?? "localhost")
    let port = options["port"].map { ":" + $0 } ?? ""
    let database = options["dbname"].map { "/" + $0 } ?? ""
    return "postgresql://" + user + host + port + database
  }
}
