import Foundation
import HTTPClient
import PrivacyIDEA

/// The privacyIDEA push as the configuration file sets it up: the `[privacyidea]` section of
/// `$XDG_CONFIG_HOME/tokenburner/config.toml` (`~/.config/...` without XDG_CONFIG_HOME) and
/// the credential its files hold.
struct PushSetup {
  var configuration: PrivacyIDEAConfiguration
  var pusher: PrivacyIDEAPusher

  /// The config file's path.
  static var configPath: String {
    let environment = ProcessInfo.processInfo.environment
    let base =
      environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
      ?? NSHomeDirectory() + "/.config"
    return base + "/tokenburner/config.toml"
  }

  /// The configured push, or nil when there is no config file or no `[privacyidea]` section.
  static func load(path: String = configPath) throws(OperatorError) -> PushSetup? {
    guard FileManager.default.fileExists(atPath: path) else { return nil }
    do {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw OperatorError("cannot read \(path)", status: .unavailable)
      }
      guard
        let configuration = try PrivacyIDEAConfiguration.parse(
          String(decoding: data, as: UTF8.self))
      else { return nil }
      let authorization: PrivacyIDEAAuthorization =
        switch configuration.credential {
        case .apiKeyFile(let file): .token(try CredentialFile.read(file))
        case .admin(let name, let file):
          .admin(username: name, password: try CredentialFile.read(file))
        }
      let client = PrivacyIDEAClient(
        baseURL: configuration.url, transport: CurlTransport(caFile: configuration.caFile))
      let pusher = PrivacyIDEAPusher(
        client: client, authorization: authorization, realm: configuration.realm,
        serialPrefix: configuration.serialPrefix)
      return PushSetup(configuration: configuration, pusher: pusher)
    } catch let error as ConfigurationError {
      // A credential file others could read is a permission problem; the rest is the file's.
      let status: ExitStatus =
        if case .credentialFile = error { .permissionDenied } else { .usage }
      throw OperatorError(error.description, status: status)
    } catch let error as OperatorError {
      throw error
    } catch {
      throw OperatorError("\(path): \(error)", status: .software)
    }
  }
}

extension PushResult {
  /// The exit status of a push that did not end enrolled and verified.
  var exitStatus: ExitStatus {
    switch failure {
    case nil: .success
    case .unavailable: .temporaryFailure
    case .credential: .permissionDenied
    case .serialTaken, .notVerified: .dataError
    case .transport, .server: .unavailable
    }
  }
}

/// `"privacyidea": {"serial", "status", "verified"}` of `burn --json` and `push --json`.
struct PushReport: Encodable {
  var serial: String
  var status: String
  var verified: Bool
  var reason: String?

  init(_ result: PushResult, user: String, realm: String) {
    serial = result.serial
    status = result.status.rawValue
    verified = result.verified
    reason = result.failure == nil ? nil : result.summary(user: user, realm: realm)
  }
}
