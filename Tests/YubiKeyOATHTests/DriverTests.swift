import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import TokenCrypto
import YubiKeyOATH

/// The driver against the simulated applet: LIST continuation, password, capacity, touch.
@Suite("YubiKey OATH driver")
struct DriverTests {
  func credential(_ account: String, period: Int = 30, touch: Bool = false) throws
    -> OATHNewCredential
  {
    OATHNewCredential(
      id: try OATHCredentialID(issuer: "Example", account: account, period: period),
      requiresTouch: touch, secret: Vector.secret)
  }

  @Test("LIST continued with 61 XX and SEND REMAINING (A5, not GET RESPONSE)")
  func listContinuation() throws {
    let key = SimulatedYubiKey(configuration: .init(responseChunkLength: 40))
    let recording = RecordingTransport(wrapping: AppletTransport(applet: key))
    let card = YubiKeyOATHCard(transport: recording)
    try card.select()
    let accounts = (1...6).map { "user\($0)@example.com" }
    for account in accounts { try card.put(try credential(account)) }
    let listed = try card.list()
    #expect(listed.map(\.id.account) == accounts)
    #expect(listed.allSatisfy { $0.kind == OATHKind(type: .totp, algorithm: .sha1) })
    #expect(recording.count(ins: 0xA5) >= 3)
    #expect(recording.count(ins: 0xC0) == 0)
  }

  @Test("LIST from a scripted card: two chunks joined")
  func listScripted() throws {
    let first = hex("72 06 21") + Array("a:one".utf8)
    let second = hex("72 09 22") + Array("60/b:two".utf8)
    let card = ExpectingCard([
      .init(command: nil, answer: Vector.selectNoPassword),
      .init(command: hex("00 A1 00 00"), answer: first + hex("61 0B")),
      .init(command: hex("00 A5 00 00"), answer: second + hex("90 00")),
    ])
    let oath = YubiKeyOATHCard(transport: card)
    try oath.select()
    let listed = try oath.list()
    #expect(listed.map(\.id.description) == ["a:one", "60/b:two"])
    #expect(listed[1].kind.algorithm == .sha256)
    #expect(listed[1].id.period == 60)
    #expect(card.mismatches.isEmpty)
  }

  @Test("A wrong password: exactly one VALIDATE, then none")
  func wrongPassword() throws {
    let key = SimulatedYubiKey(configuration: .init(password: Array("right".utf8)))
    let recording = RecordingTransport(wrapping: AppletTransport(applet: key))
    let card = YubiKeyOATHCard(transport: recording)
    #expect(throws: YubiKeyOATHFailure.wrongPassword) {
      try card.open(password: Array("wrong".utf8))
    }
    #expect(throws: YubiKeyOATHFailure.validateNotRetried(.refused)) {
      try card.open(password: Array("right".utf8))
    }
    #expect(recording.count(ins: YKOATH.Instruction.validate) == 1)
    #expect(key.counters.validateCommands == 1)
  }

  @Test("Password: required, then accepted; the applet's commands need it")
  func password() throws {
    let key = SimulatedYubiKey(configuration: .init(password: Array("right".utf8)))
    let transport = AppletTransport(applet: key)
    let card = YubiKeyOATHCard(transport: transport)
    #expect(throws: YubiKeyOATHFailure.passwordRequired) { try card.open(password: nil) }
    #expect(throws: YubiKeyOATHFailure.passwordRequired) { try card.list() }
    let unlocked = YubiKeyOATHCard(transport: transport)
    try unlocked.open(password: Array("right".utf8))
    try unlocked.put(try credential("alice"))
    #expect(try unlocked.list().count == 1)
  }

  @Test("Capacity 32 before 5.7 and 64 from it; a full applet (6A 84 or 6F 00) is typed")
  func capacity() throws {
    #expect(OATHAppletInfo.capacity(for: OATHFirmwareVersion(5, 4, 3)) == 32)
    #expect(OATHAppletInfo.capacity(for: OATHFirmwareVersion(5, 7, 0)) == 64)
    for status: UInt16 in [0x6A84, 0x6F00] {
      let key = SimulatedYubiKey(
        configuration: .init(firmware: .init(5, 4, 3), capacity: 2, fullStatus: status))
      let card = YubiKeyOATHCard(transport: AppletTransport(applet: key))
      try card.select()
      try card.put(try credential("one"))
      try card.put(try credential("two"))
      #expect(throws: YubiKeyOATHFailure.full(used: nil, capacity: 32)) {
        try card.put(try credential("three"))
      }
      // Overwriting an existing name still works on a full applet.
      try card.put(try credential("two"))
      #expect(key.credentialCount == 2)
    }
  }

  @Test("CALCULATE ALL: touch (7C) and 60 s credentials get their own CALCULATE")
  func calculateAllWithTouchAndPeriods() throws {
    var touched = false
    let key = SimulatedYubiKey(touch: { touched })
    let recording = RecordingTransport(wrapping: AppletTransport(applet: key))
    let card = YubiKeyOATHCard(transport: recording)
    try card.select()
    try card.put(try credential("thirty"))
    try card.put(try credential("sixty", period: 60))
    try card.put(try credential("touch", touch: true))
    let untouched = try card.codes(at: Vector.time, touching: false)
    // oathtool --totp -N @1700000000 48656C6C6F21DEADBEEF (30 s) and -s 60s (60 s).
    #expect(untouched.map(\.value) == [.code("324550"), .code("508648"), .touchRequired])
    #expect(recording.count(ins: YKOATH.Instruction.calculate) == 1)
    #expect(throws: YubiKeyOATHFailure.touchNotReceived(name: "Example:touch")) {
      try card.codes(at: Vector.time, touching: true)
    }
    touched = true
    let all = try card.codes(at: Vector.time, touching: true)
    #expect(all.map(\.code) == ["324550", "508648", "324550"])
    #expect(key.counters.touchesReceived == 1)
  }

  @Test("DELETE removes the credential; an unknown name is typed")
  func delete() throws {
    let card = YubiKeyOATHCard(transport: AppletTransport(applet: SimulatedYubiKey()))
    try card.select()
    let id = try credential("alice").id
    try card.put(try credential("alice"))
    try card.delete(id)
    #expect(try card.list().isEmpty)
    #expect(throws: YubiKeyOATHFailure.noSuchCredential(name: "Example:alice")) {
      try card.delete(id)
    }
  }
}
