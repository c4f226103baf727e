import HTTPClient
import PrivacyIDEA
import Registry
import Testing

@Suite struct PusherTests {
  func pusher(
    _ transport: ScriptedTransport, authorization: PrivacyIDEAAuthorization = .token("eyJ.api")
  )
    -> PrivacyIDEAPusher
  {
    PrivacyIDEAPusher(
      client: PrivacyIDEAClient(baseURL: "https://pi.example", transport: transport),
      authorization: authorization, realm: "helpdesk", serialPrefix: "T2-")
  }

  @Test func aNewSerialIsEnrolledThenVerifiedWithTheCurrentCode() {
    let transport = ScriptedTransport([
      .respond(200, Recorded.noToken), .respond(200, Recorded.initOK),
      .respond(200, Recorded.accept),
    ])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(result == PushResult(serial: "T2-TB001", status: .enrolled, verified: true))
    let sent = transport.sent
    #expect(
      sent.map(\.url) == [
        "https://pi.example/token/?serial=T2-TB001", "https://pi.example/token/init",
        "https://pi.example/validate/check",
      ])
    #expect(sent[1].field("otpkey") == RFC6238.hex)
    #expect(sent[1].field("serial") == "T2-TB001")
    #expect(sent[1].field("user") == "alice")
    #expect(sent[1].field("realm") == "helpdesk")
    #expect(sent[1].header("PI-Authorization") == "eyJ.api")
    #expect(sent[2].field("pass") == RFC6238.code)
  }

  @Test func anExistingSerialIsNotReplaced() {
    let transport = ScriptedTransport([
      .respond(200, Recorded.token(user: "bob", realm: "helpdesk"))
    ])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: true)
    #expect(result.status == .failed)
    #expect(result.failure == .serialTaken(owner: "bob@helpdesk"))
    #expect(transport.sent.count == 1)
  }

  @Test func aRolloverReplacesOnlyTheSameUsersToken() {
    let refused = ScriptedTransport([
      .respond(200, Recorded.token(user: "alice", realm: "helpdesk"))
    ])
    #expect(
      pusher(refused).push(
        sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false
      ).failure == .serialTaken(owner: "alice@helpdesk"))
    let transport = ScriptedTransport([
      .respond(200, Recorded.token(user: "alice", realm: "helpdesk")),
      .respond(200, Recorded.initOK), .respond(200, Recorded.accept),
    ])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: true)
    #expect(result.status == .enrolled && result.verified)
    #expect(transport.sent.count == 3)
  }

  @Test func anUnreachableServerLeavesThePushPending() {
    let transport = ScriptedTransport([.fail(.unreachable("Couldn't connect to server"))])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(result.status == .pending)
    #expect(!result.verified)
    let timeout = ScriptedTransport([.respond(200, Recorded.noToken), .fail(.timeout)])
    #expect(
      pusher(timeout).push(
        sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false
      ).status == .pending)
  }

  @Test func aRefusedCredentialAndABadCertificateFail() {
    let transport = ScriptedTransport([.respond(401, Recorded.badToken)])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(result.status == .failed)
    guard case .credential = result.failure else {
      Issue.record("expected a credential failure, got \(String(describing: result.failure))")
      return
    }
    #expect(transport.sent.count == 1)
    let tls = ScriptedTransport([.fail(.tls("SSL peer certificate was not OK"))])
    let refused = pusher(tls).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(refused.status == .failed)
    #expect(
      refused.failure
        == .transport("the TLS connection was refused (SSL peer certificate was not OK)"))
  }

  @Test func aRefusedCodeIsEnrolledButNotVerified() {
    let transport = ScriptedTransport([
      .respond(200, Recorded.noToken), .respond(200, Recorded.initOK),
      .respond(200, Recorded.reject),
    ])
    let result = pusher(transport).push(
      sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(
      result
        == PushResult(serial: "T2-TB001", status: .enrolled, verified: false, failure: .notVerified)
    )
  }

  @Test func anAdminLogsInOnceAndUsesItsJWT() {
    let transport = ScriptedTransport([
      .respond(200, Recorded.auth), .respond(200, Recorded.noToken),
      .respond(200, Recorded.initOK), .respond(200, Recorded.accept),
    ])
    let result = pusher(transport, authorization: .admin(username: "admin", password: "pw"))
      .push(sampleEnrollment(), secret: RFC6238.secret, at: RFC6238.time, rollover: false)
    #expect(result.verified)
    let sent = transport.sent
    #expect(sent[0].url == "https://pi.example/auth")
    #expect(sent[0].field("username") == "admin" && sent[0].field("password") == "pw")
    #expect(sent[1].header("PI-Authorization") == "eyJ.session.jwt")
    #expect(sent[2].header("PI-Authorization") == "eyJ.session.jwt")
  }

  @Test func theSinkPushesEachRecordedEnrollmentAndTreatsAReburnAsRollover() {
    let transport = ScriptedTransport([
      .respond(200, Recorded.token(user: "alice", realm: "helpdesk")),
      .respond(200, Recorded.token(user: "alice", realm: "helpdesk")),
      .respond(200, Recorded.initOK), .respond(200, Recorded.accept),
    ])
    let sink = PrivacyIDEASink(pusher: pusher(transport), secret: RFC6238.secret) { RFC6238.time }
    sink.enrollmentRecorded(sampleEnrollment(), outcome: .enrolled)
    sink.enrollmentRecorded(sampleEnrollment(), outcome: .reburned)
    #expect(sink.results.map(\.status) == [.failed, .enrolled])
    #expect(sink.results.last?.verified == true)
  }
}
