/// Where a push left the token at the server.
public enum PushStatus: String, Sendable, Codable {
  /// The server holds the token for the user.
  case enrolled
  /// The server could not be reached: retry later (`tokenburner push`).
  case pending
  /// The server refused, or would have replaced another token: a person must look.
  case failed
}

/// Why a push did not end enrolled and verified.
public enum PushFailure: Equatable, Sendable {
  /// The serial exists at the server (owner `user@realm`, or empty when unassigned), and
  /// replacing its key was not asked for.
  case serialTaken(owner: String)
  /// The server refused the admin credential.
  case credential(String)
  /// No answer (pending).
  case unavailable(String)
  /// A connection that will not work as configured (TLS, URL).
  case transport(String)
  /// The server answered with an error.
  case server(String)
  /// Enrolled, but the server refused the current code.
  case notVerified
}

/// The outcome of one push, as `burn --json` and `push --json` report it.
public struct PushResult: Equatable, Sendable {
  /// The serial at the server (the configured prefix and the token's serial).
  public var serial: String
  public var status: PushStatus
  /// The server accepted the token's current code after the enrollment.
  public var verified: Bool
  public var failure: PushFailure?

  public init(serial: String, status: PushStatus, verified: Bool, failure: PushFailure? = nil) {
    self.serial = serial
    self.status = status
    self.verified = verified
    self.failure = failure
  }

  /// One sentence for the operator.
  public func summary(user: String, realm: String) -> String {
    switch failure {
    case nil:
      "privacyIDEA: enrolled and verified for \(user) in realm \(realm) (serial \(serial))"
    case .notVerified:
      "privacyIDEA: enrolled for \(user) in realm \(realm), but the server refused the token's "
        + "current code (check the token's clock and the server's time)"
    case .serialTaken(let owner):
      "privacyIDEA: the serial \(serial) already exists at the server"
        + (owner.isEmpty ? " (unassigned)" : " (assigned to \(owner))")
        + "; it was not replaced"
    case .credential(let reason): "privacyIDEA: \(reason)"
    case .unavailable(let reason):
      "privacyIDEA: pending, \(reason); run `tokenburner push` again when it is back"
    case .transport(let reason), .server(let reason): "privacyIDEA: failed, \(reason)"
    }
  }
}
