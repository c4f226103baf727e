import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import TokenCrypto
import YubiKeyOATH

/// Key preparation (hash when longer than the block, pad to 14) and the name rules, checked
/// against values from oathtool and Python's hashlib, and before any APDU is sent.
@Suite("YKOATH keys and names")
struct KeyAndNameTests {
  /// 70 bytes 20..65: longer than the 64-byte SHA-1 block.
  let longSecret = Array(UInt8(0x20)...UInt8(0x65))

  @Test("A key longer than the hash block is replaced by its SHA-1")
  func longKeyHashed() {
    let key = OATHNewCredential.appletKey(for: longSecret, algorithm: .sha1)
    #expect(key == hex("c3afc34c418dd1f6b4983795b2be0ac309720a47"))
  }

  @Test("A 64-byte key is kept as it is; a 10-byte key gets four zeros")
  func blockAndShortKeys() {
    let block = [UInt8](repeating: 0x42, count: 64)
    #expect(OATHNewCredential.appletKey(for: block, algorithm: .sha1) == block)
    #expect(
      OATHNewCredential.appletKey(for: hex("48656C6C6F21DEADBEEF"), algorithm: .sha256)
        == hex("48656C6C6F21DEADBEEF00000000"))
  }

  @Test("Long and short keys give oathtool's codes from the applet")
  func codesFromApplet() throws {
    let card = YubiKeyOATHCard(transport: AppletTransport(applet: SimulatedYubiKey()))
    try card.select()
    let long = try OATHCredentialID(issuer: "Long", account: "key")
    let short = try OATHCredentialID(issuer: "Short", account: "key", period: 60)
    try card.put(OATHNewCredential(id: long, secret: Secret(longSecret)))
    try card.put(OATHNewCredential(id: short, secret: Vector.secret))
    // oathtool --totp -N @1700000000 <hex of 20..65>; oathtool --totp -s 60s ... 48656C...
    #expect(try card.calculate(long, at: Vector.time) == "008916")
    #expect(try card.calculate(short, at: Vector.time) == "508648")
  }

  @Test("Names: 60 s prefix, issuer, account; read back as ykman reads them")
  func names() throws {
    let id = try OATHCredentialID(issuer: "Example", account: "alice", period: 60)
    #expect(id.description == "60/Example:alice")
    #expect(OATHCredentialID.parse(Array("60/Example:alice".utf8), isTOTP: true) == id)
    #expect(OATHCredentialID.parse(Array("60/Example:alice".utf8), isTOTP: false)?.period == 30)
    let plain = try OATHCredentialID(issuer: nil, account: "bob@example.com")
    #expect(plain.encoded == Array("bob@example.com".utf8))
  }

  @Test("Bad names and settings are refused before any APDU")
  func badInputSendsNothing() throws {
    let recording = RecordingTransport(wrapping: AppletTransport(applet: SimulatedYubiKey()))
    let card = YubiKeyOATHCard(transport: recording)
    try card.select()
    func attempt(_ issuer: String?, _ account: String, period: Int = 30, digits: Int = 6)
      -> (any Error)?
    {
      do {
        let id = try OATHCredentialID(issuer: issuer, account: account, period: period)
        try card.put(OATHNewCredential(id: id, digits: digits, secret: Vector.secret))
        return nil
      } catch {
        return error
      }
    }
    let long = String(repeating: "a", count: 57)
    #expect(attempt("Example", long) as? OATHNameProblem == .tooLong(bytes: 65))
    #expect(attempt("Example", "") as? OATHNameProblem == .emptyAccount)
    #expect(attempt("Example", "alice", period: 0) as? OATHNameProblem == .unsupportedPeriod(0))
    #expect(
      attempt("Example", "alice", period: 7200) as? OATHNameProblem == .unsupportedPeriod(7200))
    #expect(attempt("Ex:ample", "alice") as? OATHNameProblem == .colonInIssuer)
    #expect(attempt(nil, "a:b") as? OATHNameProblem == .ambiguous)
    #expect(attempt(nil, "60/alice") as? OATHNameProblem == .ambiguous)
    #expect(attempt("", "alice") as? OATHNameProblem == .emptyIssuer)
    #expect(attempt("Example", "alice", digits: 9) as? YubiKeyOATHFailure == .unsupportedDigits(9))
    // 64 bytes exactly is allowed (and the only attempt that reaches the card).
    #expect(attempt("Example", String(repeating: "a", count: 56)) == nil)
    #expect(recording.commands.map(\.ins) == [0xA4, YKOATH.Instruction.put])
  }

  @Test("The simulator presents the NFC-style YubiKey ATR ykman expects")
  func atr() {
    #expect(
      SimulatedYubiKey().atr == hex("3B 8C 80 01 59 75 62 69 6B 65 79 4E 45 4F 72 33 B1"))
  }
}
