import HTTPClient

/// What `POST /token/init` gets for a hardware TOTP token: every parameter, always, because an
/// init that omits `hashlib` or `timeStep` keeps the server's old value on an existing serial.
public struct TokenInitParameters: Sendable {
  public var serial: String
  public var user: String
  public var realm: String
  /// The key as lower-case hex (`otpkeyformat=base32check` is not plain Base32).
  public var keyHex: String
  /// `sha1` or `sha256`.
  public var hashlib: String
  public var otplen: Int
  public var timeStep: Int
  public var description: String

  public init(
    serial: String, user: String, realm: String, keyHex: String, hashlib: String, otplen: Int,
    timeStep: Int, description: String
  ) {
    self.serial = serial
    self.user = user
    self.realm = realm
    self.keyHex = keyHex
    self.hashlib = hashlib
    self.otplen = otplen
    self.timeStep = timeStep
    self.description = description
  }
}

/// The privacyIDEA 3.14 REST requests the tool sends, built without sending anything.
/// `authorization` is the admin token (`PI-Authorization`): a JWT from `POST /auth` or a
/// long-lived token from `pi-manage api createtoken`.
public struct PrivacyIDEARequests: Sendable {
  /// The server's base URL without a trailing slash.
  public var baseURL: String

  public init(baseURL: String) {
    var url = baseURL
    while url.hasSuffix("/") { url.removeLast() }
    self.baseURL = url
  }

  /// `POST /auth`: an admin's name and password for a JWT.
  public func auth(username: String, password: String, realm: String?) -> HTTPRequest {
    var form = [FormField("username", username), FormField("password", password)]
    if let realm { form.append(FormField("realm", realm)) }
    return HTTPRequest(method: .post, url: baseURL + "/auth", form: form)
  }

  /// `GET /token/?serial=`: is this serial known to the server, and whose is it.
  public func tokenLookup(serial: String, authorization: String) -> HTTPRequest {
    HTTPRequest(
      method: .get, url: baseURL + "/token/?serial=" + FormEncoding.component(serial),
      headers: [Self.header(authorization)])
  }

  /// `POST /token/init` for a TOTP token with the given key (`genkey=0`: the server makes none).
  public func tokenInit(_ token: TokenInitParameters, authorization: String) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/token/init", headers: [Self.header(authorization)],
      form: [
        FormField("type", "totp"), FormField("otpkey", token.keyHex), FormField("genkey", "0"),
        FormField("serial", token.serial), FormField("user", token.user),
        FormField("realm", token.realm), FormField("hashlib", token.hashlib),
        FormField("otplen", String(token.otplen)), FormField("timeStep", String(token.timeStep)),
        FormField("description", token.description),
      ])
  }

  /// `POST /token/init` of a `tan` token: the server keeps salted hashes of `codes` and accepts
  /// each once.
  public func tanInit(
    serial: String, user: String, realm: String, codes: [String], authorization: String
  ) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/token/init", headers: [Self.header(authorization)],
      form: [
        FormField("type", "tan"), FormField("serial", serial), FormField("user", user),
        FormField("realm", realm), FormField("tans", codes.joined(separator: " ")),
      ])
  }

  /// `POST /validate/check`: does the server accept `pass` for the user now. No admin token.
  public func validateCheck(user: String, realm: String, pass: String) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/validate/check",
      form: [FormField("user", user), FormField("realm", realm), FormField("pass", pass)])
  }

  /// `POST /token/lost/<serial>`: the old token disabled, a temporary password token made.
  public func lost(serial: String, authorization: String) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/token/lost/" + FormEncoding.component(serial),
      headers: [Self.header(authorization)])
  }

  /// `POST /token/disable` (reversible).
  public func disable(serial: String, authorization: String) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/token/disable", headers: [Self.header(authorization)],
      form: [FormField("serial", serial)])
  }

  /// `POST /token/revoke` (irreversible: the server locks the token for good).
  public func revoke(serial: String, authorization: String) -> HTTPRequest {
    HTTPRequest(
      method: .post, url: baseURL + "/token/revoke", headers: [Self.header(authorization)],
      form: [FormField("serial", serial)])
  }

  static func header(_ authorization: String) -> HTTPHeader {
    HTTPHeader("PI-Authorization", authorization)
  }
}
