import HTTPClient
import PrivacyIDEA
import Testing

@Suite struct RequestShapeTests {
  let requests = PrivacyIDEARequests(baseURL: "https://pi.example/")

  @Test func tokenInitSendsEveryParameterAndTheKeyAsHex() {
    let request = requests.tokenInit(
      TokenInitParameters(
        serial: "TB001", user: "alice", realm: "helpdesk", keyHex: RFC6238.hex, hashlib: "sha256",
        otplen: 8, timeStep: 60, description: "d"),
      authorization: "eyJ.a.b")
    #expect(request.method == .post)
    #expect(request.url == "https://pi.example/token/init")
    #expect(request.headers == [HTTPHeader("PI-Authorization", "eyJ.a.b")])
    #expect(
      request.form.map(\.name) == [
        "type", "otpkey", "genkey", "serial", "user", "realm", "hashlib", "otplen", "timeStep",
        "description",
      ])
    #expect(request.field("type") == "totp")
    #expect(request.field("otpkey") == "3132333435363738393031323334353637383930")
    #expect(request.field("genkey") == "0")
    #expect(request.field("hashlib") == "sha256")
    #expect(request.field("otplen") == "8")
    #expect(request.field("timeStep") == "60")
  }

  @Test func aRequestDescribesItselfWithoutValues() {
    let request = requests.tokenInit(
      TokenInitParameters(
        serial: "TB001", user: "alice", realm: "helpdesk", keyHex: RFC6238.hex, hashlib: "sha1",
        otplen: 6, timeStep: 30, description: "d"),
      authorization: "eyJ.secret.token")
    #expect(!request.description.contains(RFC6238.hex))
    #expect(!request.description.contains("eyJ"))
    #expect(request.description.hasPrefix("POST https://pi.example/token/init [type,otpkey,"))
  }

  @Test func lookupLostAndChecksAddressTheServer() {
    let lookup = requests.tokenLookup(serial: "TB 1/&", authorization: "t")
    #expect(lookup.method == .get)
    #expect(lookup.url == "https://pi.example/token/?serial=TB%201%2F%26")
    #expect(lookup.form.isEmpty)
    let lost = requests.lost(serial: "TB001", authorization: "t")
    #expect(lost.method == .post && lost.url == "https://pi.example/token/lost/TB001")
    let check = requests.validateCheck(user: "alice", realm: "helpdesk", pass: "123456")
    #expect(check.url == "https://pi.example/validate/check")
    #expect(check.headers.isEmpty)
    #expect(
      check.form == [
        FormField("user", "alice"), FormField("realm", "helpdesk"), FormField("pass", "123456"),
      ])
    #expect(requests.revoke(serial: "TB001", authorization: "t").url.hasSuffix("/token/revoke"))
    #expect(requests.disable(serial: "TB001", authorization: "t").field("serial") == "TB001")
  }

  @Test func backupCodesBecomeOneTanToken() {
    let request = requests.tanInit(
      serial: "TAN1", user: "alice", realm: "helpdesk", codes: ["AB12", "CD34"],
      authorization: "t")
    #expect(request.field("type") == "tan")
    #expect(request.field("tans") == "AB12 CD34")
  }

  @Test func formBodiesArePercentEncoded() {
    let body = FormEncoding.body([FormField("a b", "x&y=z/é~"), FormField("k", "")])
    #expect(String(decoding: body, as: UTF8.self) == "a%20b=x%26y%3Dz%2F%C3%A9~&k=")
  }
}
