import HTTPClient

/// The REST calls over a transport: each builds its request with `PrivacyIDEARequests`, sends
/// it, reads the answer with `PrivacyIDEAResponses` and zeroes the body.
public struct PrivacyIDEAClient: Sendable {
  public var requests: PrivacyIDEARequests
  public var transport: any HTTPTransport

  public init(baseURL: String, transport: any HTTPTransport) {
    requests = PrivacyIDEARequests(baseURL: baseURL)
    self.transport = transport
  }

  /// A JWT for an admin (`POST /auth`).
  public func login(username: String, password: String, realm: String?)
    throws(PrivacyIDEAError) -> String
  {
    try exchange(requests.auth(username: username, password: password, realm: realm)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.authToken(response)
    }
  }

  /// The server's token with this serial, if any.
  public func token(serial: String, authorization: String) throws(PrivacyIDEAError)
    -> ServerToken?
  {
    try exchange(requests.tokenLookup(serial: serial, authorization: authorization)) {
      response throws(PrivacyIDEAError) in
      try PrivacyIDEAResponses.tokens(response).first { $0.serial == serial }
    }
  }

  /// Enrolls (or, on an existing serial, rolls over) a TOTP token with its key.
  public func enroll(_ token: TokenInitParameters, authorization: String)
    throws(PrivacyIDEAError)
  {
    try exchange(requests.tokenInit(token, authorization: authorization)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.succeeded(response)
    }
  }

  /// Hands backup codes to the server as a `tan` token.
  public func enrollBackupCodes(
    serial: String, user: String, realm: String, codes: [String], authorization: String
  ) throws(PrivacyIDEAError) {
    let request = requests.tanInit(
      serial: serial, user: user, realm: realm, codes: codes, authorization: authorization)
    try exchange(request) { response throws(PrivacyIDEAError) in
      try PrivacyIDEAResponses.succeeded(response)
    }
  }

  /// Whether the server accepts `code` for the user now.
  public func check(user: String, realm: String, code: String) throws(PrivacyIDEAError) -> Bool {
    try exchange(requests.validateCheck(user: user, realm: realm, pass: code)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.accepted(response)
    }
  }

  /// Marks a token lost: the server disables it and makes a temporary password token.
  public func markLost(serial: String, authorization: String) throws(PrivacyIDEAError) -> String {
    try exchange(requests.lost(serial: serial, authorization: authorization)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.lostToken(response).serial
    }
  }

  /// Disables a token (reversible).
  public func disable(serial: String, authorization: String) throws(PrivacyIDEAError) {
    try exchange(requests.disable(serial: serial, authorization: authorization)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.succeeded(response)
    }
  }

  /// Revokes a token (irreversible).
  public func revoke(serial: String, authorization: String) throws(PrivacyIDEAError) {
    try exchange(requests.revoke(serial: serial, authorization: authorization)) {
      response throws(PrivacyIDEAError) in try PrivacyIDEAResponses.succeeded(response)
    }
  }

  private func exchange<Result>(
    _ request: HTTPRequest, _ read: (HTTPResponse) throws(PrivacyIDEAError) -> Result
  ) throws(PrivacyIDEAError) -> Result {
    var response: HTTPResponse
    do {
      response = try transport.send(request)
    } catch {
      switch error {
      case .unreachable, .timeout: throw .unavailable(error)
      default: throw .transport(error)
      }
    }
    defer { for index in response.body.indices { response.body[index] = 0 } }
    return try read(response)
  }
}
