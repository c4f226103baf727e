import HTTPClient
import HexCoding
import OTP
import Registry
import TokenCrypto

/// How the tool proves it is an admin of the server.
public enum PrivacyIDEAAuthorization: Sendable {
  /// A token sent as `PI-Authorization` as it is (`pi-manage api createtoken`).
  case token(String)
  /// An admin's name and password, exchanged for a JWT by `POST /auth` once per push.
  case admin(username: String, password: String)
}

/// Pushes one recorded enrollment: checks the serial, enrolls with every parameter, and
/// verifies with the code the token shows now. Never throws: every outcome is a `PushResult`.
public struct PrivacyIDEAPusher: Sendable {
  public var client: PrivacyIDEAClient
  public var authorization: PrivacyIDEAAuthorization
  public var realm: String
  /// Put before the token's serial at the server (default empty).
  public var serialPrefix: String

  public init(
    client: PrivacyIDEAClient, authorization: PrivacyIDEAAuthorization, realm: String,
    serialPrefix: String = ""
  ) {
    self.client = client
    self.authorization = authorization
    self.realm = realm
    self.serialPrefix = serialPrefix
  }

  /// Enrolls `enrollment` with `secret` at the server, verified at `now` (Unix seconds).
  /// `rollover`: the serial may already exist for the same user and realm (a deliberate
  /// re-burn), and its key is then replaced; any other existing serial is left alone.
  public func push(_ enrollment: Enrollment, secret: Secret, at now: Int64, rollover: Bool)
    -> PushResult
  {
    let serial = serialPrefix + enrollment.serial
    do {
      let header = try resolveAuthorization()
      if let existing = try client.token(serial: serial, authorization: header) {
        let sameOwner = existing.username == enrollment.user && existing.userRealm == realm
        guard rollover, sameOwner else {
          let owner = existing.username.isEmpty ? "" : "\(existing.username)@\(existing.userRealm)"
          return PushResult(
            serial: serial, status: .failed, verified: false, failure: .serialTaken(owner: owner))
        }
      }
      var key = secret.revealedBytes()
      defer { SecureBytes.zero(&key) }
      let parameters = TokenInitParameters(
        serial: serial, user: enrollment.user, realm: realm, keyHex: Hex.lowercase(key),
        hashlib: enrollment.algorithm, otplen: enrollment.digits, timeStep: enrollment.period,
        description: Self.description(of: enrollment))
      try client.enroll(parameters, authorization: header)
      let code = TOTP.code(
        secret: secret, at: now,
        parameters: TOTPParameters(
          algorithm: enrollment.algorithm == "sha256" ? .sha256 : .sha1,
          digits: enrollment.digits, period: enrollment.period))
      let accepted = try client.check(user: enrollment.user, realm: realm, code: code)
      return PushResult(
        serial: serial, status: .enrolled, verified: accepted,
        failure: accepted ? nil : .notVerified)
    } catch {
      return Self.result(serial: serial, error: error)
    }
  }

  private func resolveAuthorization() throws(PrivacyIDEAError) -> String {
    switch authorization {
    case .token(let token): token
    case .admin(let username, let password):
      try client.login(username: username, password: password, realm: nil)
    }
  }

  /// What the server's token list shows: where it came from and which enrollment it is.
  static func description(of enrollment: Enrollment) -> String {
    var text = "tokenburner enrollment #\(enrollment.id)"
    if let model = enrollment.model { text += " (\(model))" }
    return text
  }

  static func result(serial: String, error: PrivacyIDEAError) -> PushResult {
    let failure: PushFailure =
      switch error {
      case .unavailable(let cause): .unavailable(cause.description)
      case .transport(let cause): .transport(cause.description)
      case .authentication: .credential(error.description)
      case .server, .malformed: .server(error.description)
      }
    let status: PushStatus = if case .unavailable = failure { .pending } else { .failed }
    return PushResult(serial: serial, status: status, verified: false, failure: failure)
  }
}
