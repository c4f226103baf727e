import HTTPClient
import PrivacyIDEA
import Testing

@Suite struct ResponseParsingTests {
  func response(_ status: Int, _ text: String) -> HTTPResponse {
    HTTPResponse(status: status, body: Array(text.utf8))
  }

  @Test func tokenListsGiveTheOwner() throws {
    #expect(try PrivacyIDEAResponses.tokens(response(200, Recorded.noToken)).isEmpty)
    let tokens = try PrivacyIDEAResponses.tokens(
      response(200, Recorded.token(user: "bob", realm: "helpdesk", serial: "TB001")))
    #expect(
      tokens == [
        ServerToken(
          serial: "TB001", tokentype: "totp", active: true, username: "bob", userRealm: "helpdesk")
      ])
  }

  @Test func checksAcceptOnlyOnAccept() throws {
    #expect(try PrivacyIDEAResponses.accepted(response(200, Recorded.accept)))
    #expect(try !PrivacyIDEAResponses.accepted(response(200, Recorded.reject)))
  }

  @Test func anAuthenticationErrorIsTyped() {
    #expect(throws: PrivacyIDEAError.self) {
      try PrivacyIDEAResponses.tokens(self.response(401, Recorded.badToken))
    }
    do {
      _ = try PrivacyIDEAResponses.tokens(response(401, Recorded.badToken))
    } catch {
      guard case .authentication(let text) = error else {
        Issue.record("expected .authentication, got \(error)")
        return
      }
      #expect(text.hasPrefix("4304: Authentication failure"))
    }
  }

  @Test func anHTMLErrorPageIsMalformedAndNotQuoted() {
    do {
      try PrivacyIDEAResponses.succeeded(response(502, "<html>ECHOED bad gateway</html>"))
      Issue.record("a 502 page was taken as success")
    } catch {
      #expect(error == .malformed("HTTP 502, not a privacyIDEA result"))
      #expect(!error.description.contains("ECHOED"))
    }
  }

  @Test func initLostAndAuthReadOnlyWhatIsNeeded() throws {
    try PrivacyIDEAResponses.succeeded(response(200, Recorded.initOK))
    let lost = try PrivacyIDEAResponses.lostToken(response(200, Recorded.lost))
    #expect(lost.serial == "lostTB001")
    #expect(lost.endDate == "2026-12-14T21:55+0000")
    #expect(try PrivacyIDEAResponses.authToken(response(200, Recorded.auth)) == "eyJ.session.jwt")
  }
}
