import PostgresClient
import Registry

/// `registry setup` on PostgreSQL: run once by the database's owner (or again after an
/// upgrade). Applies the schema steps and gives the `tokenburner_operator` group role what the
/// desks need and no more: operators read and write enrollments and codes, may only append to
/// the audit log (no UPDATE, DELETE or TRUNCATE is granted there; a trigger refuses them even
/// for the owner unless `tokenburner.maintenance` is `on` in that session), and cannot change
/// the schema. Operators are LOGIN roles that are members of the group.
public enum PostgresRegistrySetup {
  /// The group role every operator role is made a member of.
  public static let operatorRole = "tokenburner_operator"

  /// What setup did.
  public struct Report: Sendable, Equatable {
    /// The schema version the database is at now.
    public var version: Int
    /// The steps this run applied (empty when it was up to date).
    public var applied: [Int]
    /// Whether the group role was created now (false when it was there).
    public var createdRole: Bool
    /// The role that ran it.
    public var owner: String
  }

  /// - Throws: `RegistryError` (`.refused` when the role may not create tables or roles).
  public static func run(_ string: PostgresConnectionString) throws(RegistryError) -> Report {
    let display = string.display
    do {
      let connection = try PostgresConnection(string)
      let applied = try PostgresSchema.migrate(connection)
      return try connection.transaction(isolation: "READ COMMITTED") { connection, _ in
        try connection.execute("SELECT pg_advisory_xact_lock(hashtext('tokenburner schema'))")
        let exists =
          try connection.int64("SELECT count(*) FROM pg_roles WHERE rolname = $1", [operatorRole])
          ?? 0
        if exists == 0 {
          // A role name is an identifier, not a value: it is this constant, never input.
          try connection.executeScript("CREATE ROLE \(operatorRole) NOLOGIN")
        }
        try connection.executeScript(grants)
        let owner = try connection.execute("SELECT session_user AS role").records.first?["role"]
        return Report(
          version: PostgresSchema.current, applied: applied, createdRole: exists == 0,
          owner: owner ?? "")
      }
    } catch {
      throw PostgresRegistry.map(error, display: display)
    }
  }

  /// The grants, all at once; repeated runs give the same result.
  static let grants = """
    DO $$ BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO \(operatorRole)', current_database());
    END $$;
    GRANT USAGE ON SCHEMA public TO \(operatorRole);
    REVOKE ALL ON enrollment, backup_code_set, backup_code, code_attempt, audit, schema_version
      FROM PUBLIC, \(operatorRole);
    GRANT SELECT, INSERT, UPDATE ON enrollment, backup_code_set, backup_code TO \(operatorRole);
    GRANT SELECT, INSERT ON code_attempt, audit TO \(operatorRole);
    GRANT SELECT ON schema_version TO \(operatorRole);
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO \(operatorRole);
    """
}
