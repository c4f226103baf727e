import Testing
import TokenCrypto

@testable import OTP

/// The Base32 key used throughout the table and its bytes ("Hello!" DE AD BE EF).
let keyText = "JBSWY3DPEHPK3PXP"
let keyBytes: [UInt8] = Array("Hello!".utf8) + [0xDE, 0xAD, 0xBE, 0xEF]

/// One row of the otpauth table: a URI and what parsing it must give.
struct URICase: Sendable, CustomTestStringConvertible {
  /// Expected fields of a successful parse.
  struct Fields: Sendable {
    var type: OTPType = .totp
    var issuer: String?
    var labelIssuer: String?
    var account: String
    var algorithm: OTPAlgorithmName = .sha1
    var digits = 6
    var period = 30
    var counter: UInt64?
    var secret: [UInt8] = keyBytes
  }

  enum Expected: Sendable {
    case fields(Fields)
    case error(OTPAuthURIError)
  }

  var name: String
  var uri: String
  var expected: Expected
  var testDescription: String { name }

  static func ok(_ name: String, _ uri: String, _ fields: Fields) -> URICase {
    URICase(name: name, uri: uri, expected: .fields(fields))
  }

  static func fails(_ name: String, _ uri: String, _ error: OTPAuthURIError) -> URICase {
    URICase(name: name, uri: uri, expected: .error(error))
  }
}

typealias F = URICase.Fields

let uriCases: [URICase] = [
  // Key Uri Format examples.
  .ok(
    "wiki example", "otpauth://totp/Example:alice@google.com?secret=\(keyText)&issuer=Example",
    F(issuer: "Example", labelIssuer: "Example", account: "alice@google.com")),
  .ok(
    "wiki full example",
    "otpauth://totp/ACME%20Co:john.doe@email.com?secret=\(keyText)&issuer=ACME%20Co"
      + "&algorithm=SHA1&digits=6&period=30",
    F(issuer: "ACME Co", labelIssuer: "ACME Co", account: "john.doe@email.com")),
  // peers (c): unescaped issuer (gitea #6634).
  .ok(
    "unescaped issuer with spaces",
    "otpauth://totp/My Company:alice?secret=\(keyText)&issuer=My Company",
    F(issuer: "My Company", labelIssuer: "My Company", account: "alice")),
  // peers (c): label issuer differs from issuer= (Microsoft 365, otphp #247).
  .ok(
    "Microsoft 365 style, %3a and literal +",
    "otpauth://totp/Some+Company%3ame%40somecompany.net?secret=\(keyText)&issuer=Microsoft",
    F(issuer: "Microsoft", labelIssuer: "Some+Company", account: "me@somecompany.net")),
  .ok(
    "label issuer differs, literal colon",
    "otpauth://totp/Contoso:bob@contoso.com?secret=\(keyText)&issuer=Microsoft",
    F(issuer: "Microsoft", labelIssuer: "Contoso", account: "bob@contoso.com")),
  // peers (c): colon inside the issuer (pass-otp #194).
  .ok(
    "issuer is a URL with colons",
    "otpauth://totp/https%3A%2F%2Fid.example.com:alice?secret=\(keyText)"
      + "&issuer=https%3A%2F%2Fid.example.com",
    F(issuer: "https://id.example.com", labelIssuer: "https://id.example.com", account: "alice")),
  .ok(
    "issuer with colon, Aegis export",
    "otpauth://totp/Test%3A%20Foo%3AUser?secret=\(keyText)&issuer=Test%3A%20Foo",
    F(issuer: "Test: Foo", labelIssuer: "Test: Foo", account: "User")),
  .ok(
    "issuer with colon and no issuer=: first colon splits",
    "otpauth://totp/Test%3A%20Foo%3AUser?secret=\(keyText)",
    F(issuer: "Test", labelIssuer: "Test", account: "Foo:User")),
  // peers (c): label without issuer (otplib #296).
  .ok(
    "label without issuer", "otpauth://totp/alice@example.com?secret=\(keyText)",
    F(account: "alice@example.com")),
  .ok(
    "label without issuer, issuer= given",
    "otpauth://totp/alice@example.com?secret=\(keyText)&issuer=Example",
    F(issuer: "Example", account: "alice@example.com")),
  .ok(
    "empty label", "otpauth://totp/?secret=\(keyText)&issuer=Example",
    F(issuer: "Example", account: "")),
  .ok("no label at all", "otpauth://totp?secret=\(keyText)", F(account: "")),
  // peers (c): spaces and & not escaped (QRCoder #391, Authenticator #570).
  .ok(
    "spaces not escaped anywhere",
    "otpauth://totp/Google Google:test@google.com?secret=JBSW Y3DP EHPK 3PXP&issuer=Google Google",
    F(issuer: "Google Google", labelIssuer: "Google Google", account: "test@google.com")),
  .ok(
    "& not escaped in issuer, then secret",
    "otpauth://totp/AT&T:alice?issuer=AT&T&secret=\(keyText)",
    F(issuer: "AT&T", labelIssuer: "AT&T", account: "alice")),
  .ok(
    "& not escaped in last issuer",
    "otpauth://totp/AT&T:alice?secret=\(keyText)&issuer=AT&T",
    F(issuer: "AT&T", labelIssuer: "AT&T", account: "alice")),
  .ok(
    "& escaped properly", "otpauth://totp/AT%26T:alice?secret=\(keyText)&issuer=AT%26T",
    F(issuer: "AT&T", labelIssuer: "AT&T", account: "alice")),
  // peers (d): label rules.
  .ok(
    "%3A separator", "otpauth://totp/Example%3Aalice?secret=\(keyText)",
    F(issuer: "Example", labelIssuer: "Example", account: "alice")),
  .ok(
    "%3a and %20 before the account",
    "otpauth://totp/Big%20Corporation%3a%20%20alice%40bigco.com?secret=\(keyText)",
    F(issuer: "Big Corporation", labelIssuer: "Big Corporation", account: "alice@bigco.com")),
  .ok(
    "literal space after the colon",
    "otpauth://totp/Cloudflare: user@example.com?secret=\(keyText)&issuer=Cloudflare",
    F(issuer: "Cloudflare", labelIssuer: "Cloudflare", account: "user@example.com")),
  .ok(
    "+ in the path is literal", "otpauth://totp/C++ Team:dev+ops?secret=\(keyText)",
    F(issuer: "C++ Team", labelIssuer: "C++ Team", account: "dev+ops")),
  .ok(
    "+ in the query is a space", "otpauth://totp/x?secret=\(keyText)&issuer=ACME+Co",
    F(issuer: "ACME Co", account: "x")),
  .ok(
    "%2B in the query is a plus", "otpauth://totp/x?secret=\(keyText)&issuer=C%2B%2B",
    F(issuer: "C++", account: "x")),
  .ok(
    "stray % stays literal", "otpauth://totp/x?secret=\(keyText)&issuer=100%+Sure",
    F(issuer: "100% Sure", account: "x")),
  .ok(
    "# is not a fragment", "otpauth://totp/C#:dev?secret=\(keyText)&issuer=C#",
    F(issuer: "C#", labelIssuer: "C#", account: "dev")),
  .ok(
    "empty issuer= falls back to the label",
    "otpauth://totp/Example:alice?secret=\(keyText)&issuer=",
    F(issuer: "Example", labelIssuer: "Example", account: "alice")),
  // Secret leniency.
  .ok(
    "lowercase secret, %20 spaces, padding",
    "otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp%3D%3D%3D", F(account: "x")),
  .ok(
    "lowercase secret, + spaces, raw padding",
    "otpauth://totp/x?secret=jbsw+y3dp+ehpk+3pxp===", F(account: "x")),
  .ok("secret with dashes", "otpauth://totp/x?secret=JBSW-Y3DP-EHPK-3PXP", F(account: "x")),
  // Types and parameters.
  .ok(
    "hotp with counter", "otpauth://hotp/Example:alice?secret=\(keyText)&counter=42",
    F(type: .hotp, issuer: "Example", labelIssuer: "Example", account: "alice", counter: 42)),
  .ok(
    "hotp with counter 0 and max",
    "otpauth://hotp/x?secret=\(keyText)&counter=18446744073709551615",
    F(type: .hotp, account: "x", counter: .max)),
  .ok(
    "totp ignores counter", "otpauth://totp/x?secret=\(keyText)&counter=oops",
    F(account: "x")),
  .ok(
    "SHA256, 8 digits, 60 s",
    "otpauth://totp/x?secret=\(keyText)&algorithm=SHA256&digits=8&period=60",
    F(account: "x", algorithm: .sha256, digits: 8, period: 60)),
  .ok(
    "SHA512 parses (the token check refuses it)",
    "otpauth://totp/x?secret=\(keyText)&algorithm=SHA512", F(account: "x", algorithm: .sha512)),
  .ok(
    "MD5 parses (the token check refuses it)",
    "otpauth://totp/x?secret=\(keyText)&algorithm=MD5", F(account: "x", algorithm: .md5)),
  .ok(
    "algorithm in lower case with a dash",
    "otpauth://totp/x?secret=\(keyText)&algorithm=sha-256", F(account: "x", algorithm: .sha256)),
  .ok(
    "7 digits, period 45", "otpauth://totp/x?secret=\(keyText)&digits=7&period=45",
    F(account: "x", digits: 7, period: 45)),
  .ok(
    "uppercase scheme, type and parameter names",
    "OTPAUTH://TOTP/Example:alice?SECRET=\(keyText)&Issuer=Example&DIGITS=6",
    F(issuer: "Example", labelIssuer: "Example", account: "alice")),
  .ok("scheme without //", "otpauth:totp/x?secret=\(keyText)", F(account: "x")),
  .ok(
    "surrounding whitespace and newline", "  otpauth://totp/x?secret=\(keyText)\n",
    F(account: "x")),
  .ok(
    "unknown parameters ignored",
    "otpauth://totp/x?secret=\(keyText)&image=https%3A%2F%2Fexample.com%2Fa.png&color=red&lock",
    F(account: "x")),
  // UTF-8 labels.
  .ok(
    "Café, escaped",
    "otpauth://totp/Caf%C3%A9:jos%C3%A9?secret=\(keyText)&issuer=Caf%C3%A9",
    F(issuer: "Café", labelIssuer: "Café", account: "josé")),
  .ok(
    "山田, raw", "otpauth://totp/山田商事:山田?secret=\(keyText)&issuer=山田商事",
    F(issuer: "山田商事", labelIssuer: "山田商事", account: "山田")),
  .ok(
    "山田, escaped",
    "otpauth://totp/%E5%B1%B1%E7%94%B0:taro?secret=\(keyText)&issuer=%E5%B1%B1%E7%94%B0",
    F(issuer: "山田", labelIssuer: "山田", account: "taro")),
  // Errors.
  .fails("missing secret", "otpauth://totp/x?issuer=Example", .missingSecret),
  .fails("empty secret", "otpauth://totp/x?secret=&issuer=Example", .missingSecret),
  .fails("secret of padding only", "otpauth://totp/x?secret=====", .missingSecret),
  .fails(
    "secret with the digit 1", "otpauth://totp/x?secret=JBSW1Y3DP",
    .invalidSecret(.invalidCharacter(position: 5))),
  .fails(
    "secret with a lost symbol", "otpauth://totp/x?secret=JBSWY3DPE",
    .invalidSecret(.impossibleLength(symbols: 9))),
  .fails(
    "secret with an unescaped & inside", "otpauth://totp/x?secret=JBSW&Y3DP",
    .invalidSecret(.invalidCharacter(position: 5))),
  .fails("unknown type", "otpauth://motp/x?secret=\(keyText)", .unknownType("motp")),
  .fails("missing type", "otpauth:///x?secret=\(keyText)", .unknownType("")),
  .fails("digits 9", "otpauth://totp/x?secret=\(keyText)&digits=9", .invalidDigits("9")),
  .fails("digits 5", "otpauth://totp/x?secret=\(keyText)&digits=5", .invalidDigits("5")),
  .fails(
    "digits not a number", "otpauth://totp/x?secret=\(keyText)&digits=six",
    .invalidDigits("six")),
  .fails("period 0", "otpauth://totp/x?secret=\(keyText)&period=0", .invalidPeriod("0")),
  .fails(
    "period negative", "otpauth://totp/x?secret=\(keyText)&period=-30",
    .invalidPeriod("-30")),
  .fails(
    "period not a number", "otpauth://totp/x?secret=\(keyText)&period=30s",
    .invalidPeriod("30s")),
  .fails(
    "period fractional", "otpauth://totp/x?secret=\(keyText)&period=30.5",
    .invalidPeriod("30.5")),
  .fails(
    "unknown algorithm", "otpauth://totp/x?secret=\(keyText)&algorithm=SHA3",
    .unknownAlgorithm("SHA3")),
  .fails(
    "duplicate secret", "otpauth://totp/x?secret=\(keyText)&secret=\(keyText)",
    .duplicateParameter("secret")),
  .fails(
    "duplicate issuer in another case",
    "otpauth://totp/x?secret=\(keyText)&issuer=A&ISSUER=B", .duplicateParameter("issuer")),
  .fails(
    "duplicate digits", "otpauth://totp/x?secret=\(keyText)&digits=6&digits=8",
    .duplicateParameter("digits")),
  .fails("hotp without counter", "otpauth://hotp/x?secret=\(keyText)", .missingCounter),
  .fails(
    "hotp with negative counter", "otpauth://hotp/x?secret=\(keyText)&counter=-1",
    .invalidCounter("-1")),
  .fails(
    "non-UTF-8 label", "otpauth://totp/%FF%FE:alice?secret=\(keyText)",
    .invalidPercentEncoding(.label)),
  .fails(
    "non-UTF-8 issuer", "otpauth://totp/x?secret=\(keyText)&issuer=%C3%28",
    .invalidPercentEncoding(.parameter("issuer"))),
  .fails("a web link", "https://example.com/otpauth://totp/x?secret=\(keyText)", .notOTPAuth),
  .fails("a migration export", "otpauth-migration://offline?data=AAAA", .notOTPAuth),
  .fails("plain text", "JBSWY3DPEHPK3PXP", .notOTPAuth),
]

@Suite struct OTPAuthURITests {
  @Test func tableIsLargeEnough() {
    #expect(uriCases.count >= 40)
  }

  @Test(arguments: uriCases)
  func parses(_ row: URICase) throws {
    switch row.expected {
    case .fields(let fields):
      let uri = try OTPAuthURI.parse(row.uri)
      #expect(uri.type == fields.type)
      #expect(uri.issuer == fields.issuer)
      #expect(uri.labelIssuer == fields.labelIssuer)
      #expect(uri.account == fields.account)
      #expect(uri.algorithm == fields.algorithm)
      #expect(uri.digits == fields.digits)
      #expect(uri.period == fields.period)
      #expect(uri.counter == fields.counter)
      #expect(uri.secret.revealedBytes() == fields.secret)
    case .error(let expected):
      #expect(throws: expected) { try OTPAuthURI.parse(row.uri) }
      #expect(!expected.description.contains(keyText))
    }
  }

  @Test func issuerDifferenceStaysVisible() throws {
    let uri = try OTPAuthURI.parse(
      "otpauth://totp/Contoso:bob@contoso.com?secret=\(keyText)&issuer=Microsoft")
    #expect(uri.issuerDiffersFromLabel)
    #expect(
      try !OTPAuthURI.parse("otpauth://totp/A:b?secret=\(keyText)&issuer=A")
        .issuerDiffersFromLabel)
  }

  @Test func totpParameters() throws {
    let sha256 = try OTPAuthURI.parse(
      "otpauth://totp/x?secret=\(keyText)&algorithm=SHA256&digits=8&period=60")
    #expect(sha256.totpParameters == TOTPParameters(algorithm: .sha256, digits: 8, period: 60))
    let md5 = try OTPAuthURI.parse("otpauth://totp/x?secret=\(keyText)&algorithm=MD5")
    #expect(md5.totpParameters == nil)
    let hotp = try OTPAuthURI.parse("otpauth://hotp/x?secret=\(keyText)&counter=1")
    #expect(hotp.totpParameters == nil)
  }

  @Test func formatsCanonically() {
    let basic = OTPAuthURI(issuer: "Example", account: "alice@google.com", secret: Secret(keyBytes))
    #expect(
      basic.uriString
        == "otpauth://totp/Example:alice@google.com?secret=\(keyText)&issuer=Example")
    let awkward = OTPAuthURI(
      issuer: "AT&T: Mobile", account: "bob smith", secret: Secret(keyBytes),
      algorithm: .sha256, digits: 8, period: 60)
    #expect(
      awkward.uriString
        == "otpauth://totp/AT%26T%3A%20Mobile:bob%20smith?secret=\(keyText)"
        + "&issuer=AT%26T%3A%20Mobile&algorithm=SHA256&digits=8&period=60")
    let hotp = OTPAuthURI(
      type: .hotp, issuer: nil, account: "x", secret: Secret(keyBytes), counter: 7)
    #expect(hotp.uriString == "otpauth://hotp/x?secret=\(keyText)&counter=7")
  }

  static let roundTripValues: [OTPAuthURI] = [
    OTPAuthURI(issuer: "Example", account: "alice@google.com", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: nil, account: "alice", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "ACME Co", account: "john doe", secret: Secret([1, 2, 3, 4, 5])),
    OTPAuthURI(issuer: "AT&T", account: "a+b@example.com", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "Test: Foo", account: "User", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "https://id.example.com", account: "alice", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "Café", account: "josé", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "山田商事", account: "山田 太郎", secret: Secret(keyBytes)),
    OTPAuthURI(issuer: "100% #1?", account: "q=1&r=2", secret: Secret(keyBytes)),
    OTPAuthURI(
      issuer: "Bank", account: "x", secret: Secret(Array(0..<63)), algorithm: .sha512,
      digits: 8, period: 60),
    OTPAuthURI(issuer: "Old", account: "y", secret: Secret(keyBytes), algorithm: .md5, digits: 7),
    OTPAuthURI(type: .hotp, issuer: "HOTP Inc", account: "z", secret: Secret(keyBytes), counter: 0),
    OTPAuthURI(
      type: .hotp, issuer: nil, account: "z", secret: Secret(keyBytes), counter: .max),
  ]

  @Test(arguments: roundTripValues)
  func roundTrips(_ value: OTPAuthURI) throws {
    #expect(try OTPAuthURI.parse(value.uriString) == value)
  }

  @Test(arguments: uriCases)
  func reformattingAParsedURIKeepsItsMeaning(_ row: URICase) throws {
    guard case .fields = row.expected else { return }
    var parsed = try OTPAuthURI.parse(row.uri)
    // The label prefix is rewritten to the winning issuer; everything else survives.
    parsed.labelIssuer = parsed.issuer
    let reparsed = try OTPAuthURI.parse(parsed.uriString)
    if parsed.issuer == nil, parsed.account.contains(":") { return }
    #expect(reparsed == parsed)
  }
}
