import ArgumentParser
import Doctor
import Foundation
import Registry

/// `--registry PATH` and `--operator NAME`, shared by every command that records or reads
/// enrollments.
///
/// The path is the flag, else `TOKENBURNER_REGISTRY`, else
/// `$XDG_DATA_HOME/tokenburner/registry.sqlite` (`~/.local/share/...` without XDG_DATA_HOME).
/// The operator is the flag, else `TOKENBURNER_OPERATOR`, else the login name.
struct RegistryOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The registry database file.", valueName: "path"))
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

  /// Opens the registry, creating it on first use.
  func open() throws(OperatorError) -> Registry {
    do {
      return try Registry(path: path)
    } catch {
      throw OperatorError(registryError: error)
    }
  }

  /// Opens the registry for a command that only reads: nil when there is none, which is
  /// then not created (neither the file nor its directory).
  func openExisting() throws(OperatorError) -> Registry? {
    do {
      return try Registry(path: path, create: false)
    } catch .noRegistry {
      return nil
    } catch {
      throw OperatorError(registryError: error)
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
      case .unsafe: .permissionDenied
      case .database: .software
      }
    self.init(error.description, status: status)
  }
}

/// Seconds since 1970 now, for registry rows.
func unixNow() -> Int64 { Int64(Date().timeIntervalSince1970) }
