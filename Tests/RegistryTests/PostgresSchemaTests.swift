import PostgresClient
import PostgresRegistry
import Registry
import Testing

/// What the PostgreSQL store adds to the contract: its numbered schema steps, the refusal of a
/// database it does not know, and the constraints and triggers that hold for any client
/// (psql included), checked with plain SQL on a fresh database.
@Suite struct PostgresSchemaTests {
  @Test func setUpRecordsEachStepOnceAndTheStoreThenOpensWithoutMigrating() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try database.open()
    _ = try database.open()
    let sql = try database.connect()
    #expect(
      try sql.execute("SELECT version, name FROM schema_version ORDER BY version").rows == [
        ["1", "enrollments-audit"], ["2", "backup-codes"], ["3", "code-attempts"],
      ])
    _ = try PostgresRegistry(database.server, overrides: ["dbname": database.name])
  }

  @Test func aDatabaseThatWasNotSetUpIsRefusedAndLeftEmpty() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    #expect {
      _ = try PostgresRegistry(database.server, overrides: ["dbname": database.name])
    } throws: { error in
      guard case .cannotOpen(_, let reason) = error as? RegistryError else { return false }
      return reason.contains("registry setup")
    }
    let tables = try database.connect().execute(
      "SELECT count(*) AS c FROM pg_tables WHERE schemaname = 'public'")
    #expect(tables.records.first?["c"] == "0")
  }

  @Test func aNewerSchemaIsRefusedAndNotWritten() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    _ = try database.open()
    let sql = try database.connect()
    try sql.execute("INSERT INTO schema_version (version, name) VALUES (4, 'from-the-future')")
    for migrate in [false, true] {
      #expect {
        _ = try PostgresRegistry(
          database.server, overrides: ["dbname": database.name], migrate: migrate)
      } throws: { error in
        guard case .notARegistry(_, let reason) = error as? RegistryError else { return false }
        return reason.contains("newer than this version of tokenburner")
      }
    }
    #expect(try sql.execute("SELECT max(version) AS v FROM schema_version").records[0]["v"] == "4")
    #expect(try sql.execute("SELECT count(*) AS c FROM audit").records[0]["c"] == "0")
  }

  @Test func theDatabaseItselfKeepsOneActiveEnrollmentPerSerial() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let store = try database.open()
    _ = try store.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let sql = try database.connect()
    #expect {
      try sql.execute(
        """
        INSERT INTO enrollment ("user", serial, algorithm, digits, period, secret_fingerprint,
          status, created_at, updated_at)
        VALUES ('mallory', $1, 'sha1', 6, 30, 'x', 'active', 2, 2)
        """, [burnRecord().serial])
    } throws: { error in
      guard case .uniqueViolation(let constraint, _) = error as? PostgresError else { return false }
      return constraint == "enrollment_one_active_per_serial"
    }
  }

  @Test func theAuditLogRefusesChangesEvenToItsOwnerOutsideMaintenance() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let store = try database.open()
    _ = try store.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let sql = try database.connect()
    for statement in ["UPDATE audit SET detail = 'edited'", "DELETE FROM audit", "TRUNCATE audit"] {
      #expect(throws: PostgresError.permission("the audit log is append-only")) {
        try sql.execute(statement)
      }
    }
    // The owner's deliberate clean-up: only in a session that says so.
    try sql.execute("BEGIN")
    try sql.execute("SET LOCAL tokenburner.maintenance = on")
    #expect(try sql.execute("UPDATE audit SET detail = detail").affected == 1)
    try sql.execute("ROLLBACK")
    #expect(
      try store.history(user: nil, serial: nil).map(\.detail).first?.hasPrefix("enrolled") == true)
  }

  @Test func theOperatorIsTheConnectingRoleWhateverTheClientWrites() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let store = try database.open()
    let (enrollment, _) = try store.recordBurn(burnRecord(), at: 1, operatorName: "somebody-else")
    let sql = try database.connect()
    try sql.execute(
      "INSERT INTO audit (at, operator, action, outcome, detail) VALUES (2, 'ceo', 'burn', 'success', 'x')"
    )
    let role = PostgresTestDatabase.adminRoleFromEnvironment
    #expect(!role.isEmpty && enrollment.operatorName == role)
    #expect(try store.history(user: nil, serial: nil).map(\.operatorName) == [role, role])
  }
}
