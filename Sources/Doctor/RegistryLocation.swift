/// Where the registry database lives: `TOKENBURNER_REGISTRY`, else
/// `$XDG_DATA_HOME/tokenburner/registry.sqlite`, else `~/.local/share/tokenburner/registry.sqlite`
/// (the XDG Base Directory default). Pure: the caller passes the environment.
public struct RegistryLocation: Equatable, Sendable {
  /// Which rule chose the path.
  public enum Source: String, Equatable, Sendable {
    case environment = "TOKENBURNER_REGISTRY"
    case xdgDataHome = "XDG_DATA_HOME"
    case home = "HOME"
  }

  /// The database file's path.
  public var path: String
  /// The rule that chose it.
  public var source: Source

  /// A location as given.
  public init(path: String, source: Source) {
    self.path = path
    self.source = source
  }

  /// The directory that holds the file.
  public var directory: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Resolves the path from environment variables. Relative XDG_DATA_HOME values are ignored,
  /// as the XDG specification requires; nil when not even HOME is set.
  public static func resolve(environment: [String: String]) -> RegistryLocation? {
    if let explicit = environment["TOKENBURNER_REGISTRY"], !explicit.isEmpty {
      return RegistryLocation(path: explicit, source: .environment)
    }
    if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
      return RegistryLocation(
        path: trimmed(data) + "/tokenburner/registry.sqlite", source: .xdgDataHome)
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return RegistryLocation(
        path: trimmed(home) + "/.local/share/tokenburner/registry.sqlite", source: .home)
    }
    return nil
  }

  private static func trimmed(_ directory: String) -> String {
    var text = directory
    while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
    return text == "/" ? "" : text
  }
}
