import Foundation
import PostgresClient
import PostgresRegistry
import Registry

/// A fresh PostgreSQL database per test on the cluster `make test` starts
/// (`scripts/with-postgres.sh`: `TOKENBURNER_TEST_POSTGRES_URL` names its admin role, the
/// password is in `PGPASSFILE`). Without that cluster the test fails and says how to run it.
struct PostgresTestDatabase {
  /// Why a PostgreSQL test cannot run.
  struct Missing: Error, CustomStringConvertible {
    var description: String
  }

  static let urlVariable = "TOKENBURNER_TEST_POSTGRES_URL"

  let name: String
  let server: PostgresConnectionString

  /// Creates the database; `open()` connects a store to it.
  init() throws {
    guard let url = ProcessInfo.processInfo.environment[Self.urlVariable], !url.isEmpty else {
      throw Missing(
        description: "\(Self.urlVariable) is not set: the PostgreSQL tests need the cluster "
          + "that `make test` starts; run them with `scripts/with-postgres.sh swift test "
          + "--skip-build` (or `make test`)")
    }
    server = try PostgresConnectionString(url)
    name = "tb_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    try PostgresConnection(server).execute("CREATE DATABASE \(name)")
  }

  /// A store on the database, schema migrated (as `registry setup` does).
  func open() throws -> PostgresRegistry {
    try PostgresRegistry(server, overrides: ["dbname": name], migrate: true)
  }

  /// A plain connection to the database, for checks the store does not offer.
  func connect() throws -> PostgresConnection {
    try PostgresConnection(server, overrides: ["dbname": name])
  }

  /// The role the cluster's URL names: the operator every audit row of these tests shows.
  static var adminRoleFromEnvironment: String {
    URLComponents(string: ProcessInfo.processInfo.environment[Self.urlVariable] ?? "")?.user ?? ""
  }

  func drop() {
    _ = try? PostgresConnection(server).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
  }
}
