import HTTPClient
import OTP
import PrivacyIDEA
import Registry
import Synchronization

/// Answers privacyIDEA 3.14 gave a local server (signatures, timestamps and QR images cut;
/// every echoed key replaced by the marker `ECHOED`), and a transport that replays them.
enum Recorded {
  static let noToken = """
    {"id":1,"jsonrpc":"2.0","result":{"status":true,"value":{"count":0,"next":null,"prev":null,\
    "tokens":[]}},"version":"privacyIDEA 3.14"}
    """
  static func token(user: String, realm: String, serial: String = "T2-TB001") -> String {
    """
    {"id":1,"jsonrpc":"2.0","result":{"status":true,"value":{"count":1,"next":null,"prev":null,\
    "tokens":[{"active":true,"count":0,"description":"tokenburner","failcount":0,"id":1,\
    "info":{"hashlib":"sha1","timeStep":"30"},"locked":false,"otplen":6,"realms":["\(realm)"],\
    "resolver":"users","revoked":false,"rollout_state":"enrolled","serial":"\(serial)",\
    "tokentype":"totp","user_id":"1","user_realm":"\(realm)","username":"\(user)"}]}},\
    "version":"privacyIDEA 3.14"}
    """
  }
  static let initOK = """
    {"detail":{"googleurl":{"description":"URL for google Authenticator",\
    "value":"otpauth://totp/TB001?secret=ECHOED&period=30&digits=6"},\
    "otpkey":{"description":"OTP seed","value":"seed://ECHOED","value_b32":"ECHOED"},\
    "rollout_state":"enrolled","serial":"TB001"},"id":1,"jsonrpc":"2.0",\
    "result":{"status":true,"value":true},"version":"privacyIDEA 3.14"}
    """
  static let accept = """
    {"detail":{"message":"matching 1 tokens","otplen":6,"serial":"TB001","type":"totp"},"id":2,\
    "jsonrpc":"2.0","result":{"authentication":"ACCEPT","status":true,"value":true}}
    """
  static let reject = """
    {"detail":{"message":"wrong otp value. previous otp used again","otplen":6,\
    "serial":"TB001","type":"totp"},"id":2,"jsonrpc":"2.0",\
    "result":{"authentication":"REJECT","status":true,"value":false}}
    """
  static let badToken = """
    {"detail":null,"id":1,"jsonrpc":"2.0","result":{"error":{"code":4304,"message":\
    "Authentication failure. Error decoding the Authorization token: Not enough segments"},\
    "status":false},"version":"privacyIDEA 3.14"}
    """
  static let lost = """
    {"id":1,"jsonrpc":"2.0","result":{"status":true,"value":{"disable":1,\
    "end_date":"2026-12-14T21:55+0000","init":true,"password":"ECHOED","pin":true,\
    "serial":"lostTB001","user":true,"valid_to":"xxxx"}}}
    """
  static let auth = """
    {"id":2,"jsonrpc":"2.0","result":{"authentication":"ACCEPT","status":true,\
    "value":{"role":"admin","token":"eyJ.session.jwt","username":"admin"}}}
    """
}

/// Replays one answer per request, in order, and keeps the requests.
final class ScriptedTransport: HTTPTransport {
  enum Answer {
    case respond(Int, String)
    case fail(HTTPError)
  }
  private let state: Mutex<(answers: [Answer], sent: [HTTPRequest])>

  init(_ answers: [Answer]) { state = Mutex((answers, [])) }

  var sent: [HTTPRequest] { state.withLock { $0.sent } }

  func send(_ request: HTTPRequest) throws(HTTPError) -> HTTPResponse {
    let answer: Answer? = state.withLock {
      $0.sent.append(request)
      return $0.answers.isEmpty ? nil : $0.answers.removeFirst()
    }
    switch answer {
    case .respond(let status, let body): return HTTPResponse(status: status, body: Array(body.utf8))
    case .fail(let error): throw error
    case nil: throw .transfer(code: -1, reason: "no answer scripted")
    }
  }
}

/// RFC 6238 appendix B: the SHA-1 seed "12345678901234567890" shows 94287082 at T = 59, so a
/// 6-digit token shows 287082.
enum RFC6238 {
  static let secret = Secret(Array("12345678901234567890".utf8))
  static let hex = "3132333435363738393031323334353637383930"
  static let time: Int64 = 59
  static let code = "287082"
}

func sampleEnrollment(user: String = "alice", serial: String = "TB001") -> Enrollment {
  Enrollment(
    id: 7,
    burn: BurnRecord(
      user: user, service: nil, account: nil, serial: serial, model: "Token2 C302-i",
      algorithm: "sha1", digits: 6, period: 30,
      secretFingerprint: SecretFingerprint.of(RFC6238.secret), clockDriftBefore: 0),
    replacesId: nil, operatorName: "op", at: 1_700_000_000)
}

extension HTTPRequest {
  func field(_ name: String) -> String? { form.first { $0.name == name }?.value }
  func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }
}
