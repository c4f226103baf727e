import TOMLKit

/// The `[privacyidea]` section of `$XDG_CONFIG_HOME/tokenburner/config.toml`. Holds paths to
/// the credential, never the credential itself.
public struct PrivacyIDEAConfiguration: Equatable, Sendable {
  /// Where the admin credential is read from (each file 0600, owned by the caller).
  public enum Credential: Equatable, Sendable {
    /// A file holding a token for `PI-Authorization` (`pi-manage api createtoken`).
    case apiKeyFile(String)
    /// An admin name and a file holding its password (a JWT per push through `POST /auth`).
    case admin(name: String, passwordFile: String)
  }

  /// The server's base URL: `https://`, or `http://` to a loopback address only.
  public var url: String
  public var realm: String
  /// A PEM file to trust instead of the system's CA store.
  public var caFile: String?
  public var serialPrefix: String
  public var credential: Credential

  public init(
    url: String, realm: String, caFile: String?, serialPrefix: String, credential: Credential
  ) {
    self.url = url
    self.realm = realm
    self.caFile = caFile
    self.serialPrefix = serialPrefix
    self.credential = credential
  }

  static let keys: Set<String> = [
    "url", "realm", "ca_file", "serial_prefix", "api_key_file", "admin", "password_file",
  ]

  /// The section of a config file's text; nil when the file has no `[privacyidea]` section
  /// (pushing is off).
  public static func parse(_ text: String) throws(ConfigurationError)
    -> PrivacyIDEAConfiguration?
  {
    let document: TOMLTable
    do {
      document = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw .syntax(line: error.source.begin.line)
    } catch {
      throw .syntax(line: 0)
    }
    guard let value = document["privacyidea"] else { return nil }
    guard let section = value.table else { throw .notATable }
    if let unknown = section.keys.sorted().first(where: { !keys.contains($0) }) {
      throw .unknownKey(unknown)
    }
    func string(_ key: String) throws(ConfigurationError) -> String? {
      guard let value = section[key] else { return nil }
      guard let text = value.string, !text.isEmpty else { throw .notAString(key) }
      return text
    }
    guard let url = try string("url") else { throw .missing("url") }
    guard let realm = try string("realm") else { throw .missing("realm") }
    try checkURL(url)
    let credential: Credential
    switch (try string("api_key_file"), try string("admin"), try string("password_file")) {
    case (let file?, nil, nil): credential = .apiKeyFile(file)
    case (nil, let name?, let file?): credential = .admin(name: name, passwordFile: file)
    default: throw .credentialChoice
    }
    let prefix: String
    if let value = section["serial_prefix"] {
      guard let text = value.string else { throw .notAString("serial_prefix") }
      prefix = text
    } else {
      prefix = ""
    }
    return PrivacyIDEAConfiguration(
      url: url, realm: realm, caFile: try string("ca_file"), serialPrefix: prefix,
      credential: credential)
  }

  /// TLS unless the server is on this machine: a key must not cross a network in the clear.
  static func checkURL(_ url: String) throws(ConfigurationError) {
    if url.hasPrefix("https://") { return }
    guard url.hasPrefix("http://") else { throw .badURL(url) }
    let rest = url.dropFirst("http://".count)
    let host = rest.prefix { $0 != "/" }
    let loopback = ["127.0.0.1", "localhost", "[::1]"]
    let name =
      host.hasPrefix("[")
      ? String(host.prefix { $0 != "]" } + "]") : String(host.prefix { $0 != ":" })
    guard loopback.contains(name) else { throw .plainHTTP(url) }
  }
}

/// Why the configuration cannot be used. Each case is one sentence; none quotes a file's
/// contents.
public enum ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  case syntax(line: Int)
  case notATable
  case unknownKey(String)
  case missing(String)
  case notAString(String)
  case credentialChoice
  case badURL(String)
  case plainHTTP(String)
  /// A credential file that is missing, not a regular file, a link, not the caller's, or
  /// readable or writable by others (its mode).
  case credentialFile(path: String, reason: String)

  public var description: String {
    switch self {
    case .syntax(let line): "config.toml is not valid TOML (line \(line))"
    case .notATable: "config.toml: privacyidea must be a [privacyidea] section"
    case .unknownKey(let key): "config.toml: [privacyidea] has an unknown key '\(key)'"
    case .missing(let key): "config.toml: [privacyidea] needs \(key)"
    case .notAString(let key): "config.toml: [privacyidea] \(key) must be a non-empty string"
    case .credentialChoice:
      "config.toml: [privacyidea] needs either api_key_file, or admin and password_file"
    case .badURL(let url): "config.toml: url \(url) is not an https:// URL"
    case .plainHTTP(let url):
      "config.toml: url \(url) is plain http to another machine; use https://"
    case .credentialFile(let path, let reason): "credential file \(path): \(reason)"
    }
  }
}
