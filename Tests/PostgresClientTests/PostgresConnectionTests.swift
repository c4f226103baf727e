import Foundation
import PostgresClient
import Testing

/// The driver against the cluster `make test` starts (`TOKENBURNER_TEST_POSTGRES_URL`).
@Suite struct PostgresConnectionTests {
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static func server() throws -> PostgresConnectionString {
    guard let url = ProcessInfo.processInfo.environment["TOKENBURNER_TEST_POSTGRES_URL"],
      !url.isEmpty
    else {
      throw Missing(
        description: "TOKENBURNER_TEST_POSTGRES_URL is not set: run the PostgreSQL tests "
          + "through `make test` or `scripts/with-postgres.sh swift test --skip-build`")
    }
    return try PostgresConnectionString(url)
  }

  @Test func parametersAreValuesNeverSQL() throws {
    let connection = try PostgresConnection(try Self.server())
    let hostile = "x'); DROP TABLE pg_class; -- \\ \" $1 ü"
    let rows = try connection.execute(
      "SELECT $1::text AS v, $2::text IS NULL AS n, length($1) AS l", [hostile, nil])
    #expect(rows.columns == ["v", "n", "l"])
    #expect(rows.records.first?["v"] == hostile && rows.records.first?["n"] == "t")
    #expect(rows.records.first?.int64("l") == Int64(hostile.count))
  }

  @Test func aSerializableTransactionThatLostARaceIsRunAgain() throws {
    let server = try Self.server()
    let table = "tb_skew_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    let setup = try PostgresConnection(server)
    try setup.execute("CREATE TABLE \(table) (n integer)")
    defer { _ = try? setup.execute("DROP TABLE \(table)") }
    let mine = try PostgresConnection(server)
    let other = try PostgresConnection(server)
    var attempts: [Int] = []
    try mine.transaction { connection, attempt in
      attempts.append(attempt)
      let seen = try connection.execute("SELECT count(*) AS c FROM \(table)")
      if attempt == 0 {
        // Another session reads and writes the same table and commits in between.
        try other.transaction { other, _ in
          try other.execute("SELECT count(*) FROM \(table)")
          try other.execute("INSERT INTO \(table) VALUES (1)")
        }
      }
      try connection.execute(
        "INSERT INTO \(table) VALUES ($1)", [String((seen.records.first?.int64("c") ?? 0) + 1)])
    }
    #expect(attempts == [0, 1])
    #expect(try setup.execute("SELECT n FROM \(table) ORDER BY n").rows == [["1"], ["2"]])
  }

  @Test func aStatementErrorIsSortedBySQLState() throws {
    let connection = try PostgresConnection(try Self.server())
    #expect(
      throws: PostgresError.server(
        sqlState: "22P02", message: "invalid input syntax for type integer: \"x\"")
    ) {
      try connection.execute("SELECT $1::integer", ["x"])
    }
  }
}
