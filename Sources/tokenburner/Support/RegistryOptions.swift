import ArgumentParser
import Doctor
import Foundation
import PostgresClient
import PostgresRegistry
import Registry

/// What `--registry` names: a SQLite file, or a PostgreSQL server (`postgresql://` or
/// `postgres://`, libpq's URI, so `PGHOST`, `PGSERVICE`, `~/.pgpass` and `sslmode` work as
/// operators know them; a password in the URI is refused, it would be on argv).
enum RegistryTarget: Equatable {
  case sqlite(path: String)
  case postgres(PostgresConnectionString)

  /// - Throws: `OperatorError` 64 for a `scheme://` other than PostgreSQL's, or a URI that
  ///   does not parse or holds a password (the message never repeats the URI).
  init(_ value: String) throws(OperatorError) {
    guard let separator = value.range(of: "://"),
      let scheme = Optional(String(value[..<separator.lowerBound])),
      let first = scheme.first, first.isLetter,
      scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
    else {
      self = .sqlite(path: value)
      return
    }
    guard ["postgresql", "postgres"].contains(scheme.lowercased()) else {
      throw OperatorError(
        "--registry: tokenburner does not know the scheme \(scheme.terminalSafe)://; give a file "
          + "path (SQLite) or a postgresql:// URI", status: .usage)
    }
    do {
      self = .postgres(try PostgresConnectionString(value))
    } catch {
      throw OperatorError(
        "--registry: the PostgreSQL URI is not usable: \(error.message)", status: .usage)
    }
  }
}

/// `--registry PATH` and `--operator NAME`, shared by every command that records or reads
/// enrollments.
///
/// The registry is the flag, else `TOKENBURNER_REGISTRY` (a path, or a `postgresql://` URI), else
/// `$XDG_DATA_HOME/tokenburner/registry.sqlite` (`~/.local/share/...` without XDG_DATA_HOME).
/// The operator is the flag, else `TOKENBURNER_OPERATOR`, else the login name.
struct RegistryOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The registry: a SQLite file, or a postgresql:// URI (no password in it: ~/.pgpass).",
      valueName: "path|uri"))
  var registry: String?

  @Option(
    name: .customLong("operator"),
    help: ArgumentHelp("Who is acting, for the audit log.", valueName: "name"))
  var operatorName: String?

  /// Where the registry lives: the flag, else the rules `doctor` checks (`RegistryLocation`).
  var path: String {
    if let registry { return registry }
    return RegistryLocation.resolve(environment: ProcessInfo.processInfo.environment)?.path
      ?? NSHomeDirectory() + "/.local/share/tokenburner/registry.sqlite"
  }

  /// Who the audit log names.
  var resolvedOperator: String {
    if let operatorName, !operatorName.isEmpty { return operatorName }
    if let fromEnvironment = ProcessInfo.processInfo.environment["TOKENBURNER_OPERATOR"],
      !fromEnvironment.isEmpty
    {
      return fromEnvironment
    }
    if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
      return String(cString: name)
    }
    return "uid \(geteuid())"
  }

  /// The SQLite file, for what only the SQLite registry has this round (the vault, factory
  /// seeds, exports, the wizard): a PostgreSQL registry is refused with 69, saying so.
  func sqlitePath() throws(OperatorError) -> String {
    switch try RegistryTarget(path) {
    case .sqlite(let path): return path
    case .postgres(let string):
      throw OperatorError(
        "the vault, factory seeds, exports and the wizard work on a SQLite registry only for now; "
          + "\(string.display) is a PostgreSQL registry. Name a SQLite file with --registry for "
          + "this command", status: .unavailable)
    }
  }

  /// Opens the SQLite registry, creating it on first use (the vault and seed commands).
  func open() throws(OperatorError) -> Registry {
    let path = try sqlitePath()
    do {
      return try Registry(path: path)
    } catch {
      throw OperatorError(registryError: error)
    }
  }

  /// Opens the SQLite registry for a command that only reads: nil when there is none, which is
  /// then not created (neither the file nor its directory).
  func openExisting() throws(OperatorError) -> Registry? {
    let path = try sqlitePath()
    do {
      return try Registry(path: path, create: false)
    } catch .noRegistry {
      return nil
    } catch {
      throw OperatorError(registryError: error)
    }
  }

  /// Opens whichever store `--registry` names; a SQLite file is created on first use, a
  /// PostgreSQL database must have been set up (`registry setup`).
  func openStore() throws(OperatorError) -> any RegistryStore {
    switch try RegistryTarget(path) {
    case .sqlite: return try open()
    case .postgres(let string):
      do {
        return try PostgresRegistry(string)
      } catch {
        throw OperatorError(registryError: error)
      }
    }
  }

  /// Opens the store for a command that only reads: nil when a SQLite file is not there yet.
  func openExistingStore() throws(OperatorError) -> (any RegistryStore)? {
    switch try RegistryTarget(path) {
    case .sqlite: return try openExisting()
    case .postgres: return try openStore()
    }
  }
}

extension OperatorError {
  /// A registry failure in the operator's terms: busy and rate limits are worth retrying (75),
  /// a missing record is bad input (65), an unusable file is unavailable (69), a file or
  /// directory someone else controls is refused as a permission problem (77).
  init(registryError error: RegistryError) {
    let status: ExitStatus =
      switch error {
      case .busy, .rateLimited: .temporaryFailure
      case .noSuchEnrollment, .noActiveEnrollment, .ambiguousEnrollment, .notActive: .dataError
      case .cannotOpen, .notARegistry, .noRegistry: .unavailable
      case .unsafe, .refused, .untrusted: .permissionDenied
      case .enrolledConcurrently: .dataError
      case .database: .software
      }
    self.init(error.description, status: status)
  }
}

/// Seconds since 1970 now, for registry rows.
func unixNow() -> Int64 { Int64(Date().timeIntervalSince1970) }
