import Foundation
import HTTPClient

/// One token as `GET /token/` lists it: only the fields the push decides on.
public struct ServerToken: Equatable, Sendable, Decodable {
  public var serial: String
  public var tokentype: String
  public var active: Bool
  /// Empty when the token is unassigned.
  public var username: String
  public var userRealm: String

  public init(serial: String, tokentype: String, active: Bool, username: String, userRealm: String)
  {
    self.serial = serial
    self.tokentype = tokentype
    self.active = active
    self.username = username
    self.userRealm = userRealm
  }

  enum CodingKeys: String, CodingKey {
    case serial, tokentype, active, username
    case userRealm = "user_realm"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    serial = try container.decode(String.self, forKey: .serial)
    tokentype = try container.decode(String.self, forKey: .tokentype)
    active = try container.decode(Bool.self, forKey: .active)
    username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
    userRealm = try container.decodeIfPresent(String.self, forKey: .userRealm) ?? ""
  }
}

/// Reads the 3.14 JSON envelope (`result.status`, `result.value`, `result.error`). The
/// decodable types below name only what the tool uses, so an echoed key (`detail.otpkey`,
/// `detail.googleurl`, a lost token's `password`) is never decoded into a value.
public enum PrivacyIDEAResponses {
  /// The tokens `GET /token/?serial=` found.
  public static func tokens(_ response: HTTPResponse) throws(PrivacyIDEAError) -> [ServerToken] {
    let value: TokenList = try value(of: response)
    return value.tokens
  }

  /// Whether `POST /token/init` (or lost, disable, revoke) succeeded.
  public static func succeeded(_ response: HTTPResponse) throws(PrivacyIDEAError) {
    let envelope: Envelope<Ignored> = try decode(response)
    guard envelope.result.status else { throw error(envelope.result.error, response.status) }
  }

  /// The JWT of `POST /auth`.
  public static func authToken(_ response: HTTPResponse) throws(PrivacyIDEAError) -> String {
    let value: AuthValue = try value(of: response)
    return value.token
  }

  /// Whether `POST /validate/check` accepted the code.
  public static func accepted(_ response: HTTPResponse) throws(PrivacyIDEAError) -> Bool {
    let envelope: Envelope<Bool> = try decode(response)
    guard envelope.result.status else { throw error(envelope.result.error, response.status) }
    return envelope.result.value == true && envelope.result.authentication == "ACCEPT"
  }

  /// The temporary token `POST /token/lost/<serial>` made: its serial and end date (its
  /// password is the user's to be told at the server, not the tool's to read).
  public static func lostToken(_ response: HTTPResponse) throws(PrivacyIDEAError) -> (
    serial: String, endDate: String
  ) {
    let value: LostValue = try value(of: response)
    return (value.serial, value.endDate)
  }

  private static func value<Value: Decodable>(of response: HTTPResponse)
    throws(PrivacyIDEAError) -> Value
  {
    let envelope: Envelope<Value> = try decode(response)
    guard envelope.result.status, let value = envelope.result.value else {
      throw error(envelope.result.error, response.status)
    }
    return value
  }

  private static func decode<Value: Decodable>(_ response: HTTPResponse)
    throws(PrivacyIDEAError) -> Envelope<Value>
  {
    // The copy may hold an echoed key: zeroed once decoded.
    var data = Data(response.body)
    defer { data.resetBytes(in: 0..<data.count) }
    do {
      return try JSONDecoder().decode(Envelope<Value>.self, from: data)
    } catch {
      if response.status == 401 || response.status == 403 {
        throw .authentication("HTTP \(response.status)")
      }
      // The decoder's own text can quote the body: only the status is reported.
      throw .malformed("HTTP \(response.status), not a privacyIDEA result")
    }
  }

  /// 4xxx codes are privacyIDEA's authentication errors (ERR4031 authentication failed,
  /// ERR4304 a bad authorization token, ...); 401 and 403 say the same.
  private static func error(_ error: ServerError?, _ status: Int) -> PrivacyIDEAError {
    let code = error?.code ?? 0
    let message = error?.message ?? "HTTP \(status)"
    if status == 401 || status == 403 || (4000..<5000).contains(code) {
      return .authentication("\(code): \(message)")
    }
    return .server(code: code, message: message)
  }

  struct Envelope<Value: Decodable>: Decodable {
    var result: Result
    struct Result: Decodable {
      var status: Bool
      var value: Value?
      var error: ServerError?
      var authentication: String?
    }
  }

  struct ServerError: Decodable {
    var code: Int
    var message: String
  }

  /// Any JSON value, not read.
  struct Ignored: Decodable {
    init(from decoder: any Decoder) {}
  }

  struct TokenList: Decodable {
    var tokens: [ServerToken]
  }

  struct AuthValue: Decodable {
    var token: String
  }

  struct LostValue: Decodable {
    var serial: String
    var endDate: String
    enum CodingKeys: String, CodingKey {
      case serial
      case endDate = "end_date"
    }
  }
}
