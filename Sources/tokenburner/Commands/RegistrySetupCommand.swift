import ArgumentParser
import OperatorOutput
import PostgresClient
import PostgresRegistry
import Registry

/// `tokenburner registry setup --registry postgresql://OWNER@HOST/DB`: the schema, the
/// `tokenburner_operator` group role and its grants on a team's PostgreSQL database.
struct RegistrySetup: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "setup",
    abstract: "Set up a PostgreSQL registry: schema, the tokenburner_operator role, grants.",
    discussion: """
      Run once as the database's owner (and again after upgrading tokenburner). Then create one \
      LOGIN role per operator, IN ROLE tokenburner_operator; the audit log names that role. \
      A SQLite registry needs no set-up: it is created on first use.
      """)
  @OptionGroup(title: "Registry") var registryOptions: RegistryOptions
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      guard case .postgres(let string) = try RegistryTarget(registryOptions.path) else {
        throw OperatorError(
          "registry setup is for a PostgreSQL registry (--registry postgresql://OWNER@HOST/DB); "
            + "a SQLite registry is created on first use", status: .usage)
      }
      let report: PostgresRegistrySetup.Report
      do { report = try PostgresRegistrySetup.run(string) } catch {
        throw OperatorError(registryError: error)
      }
      if json {
        return try Output.json(
          SetupReport(
            registry: string.display, schemaVersion: report.version, applied: report.applied,
            operatorRole: PostgresRegistrySetup.operatorRole, createdRole: report.createdRole))
      }
      Output.line(
        "Registry \(string.display) is at schema version \(report.version)"
          + (report.applied.isEmpty
            ? " (already up to date)"
            : " (applied \(report.applied.map(String.init).joined(separator: ", ")))")
          + "; role \(PostgresRegistrySetup.operatorRole) "
          + (report.createdRole ? "created" : "already there") + ", grants given.")
      Output.line(
        "Add an operator: CREATE ROLE name LOGIN IN ROLE \(PostgresRegistrySetup.operatorRole); "
          + "then \\password name in psql, and the operator keeps it in ~/.pgpass.")
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

struct SetupReport: Encodable {
  var registry: String
  var schemaVersion: Int
  var applied: [Int]
  var operatorRole: String
  var createdRole: Bool
}
