import OTP
import SmartCard
import TestSupport
import Testing
import TokenCrypto
import YubiKeyOATH

/// Protocol note §6.2, byte for byte.
@Suite("YKOATH vectors (protocol note §6.2)")
struct VectorTests {
  @Test("SELECT")
  func select() {
    #expect(YKOATHCommands.select().bytes == hex("00 A4 04 00 07 A0 00 00 05 27 21 01"))
  }

  @Test("PUT: name, TOTP SHA-1, 6 digits, key padded to 14 bytes")
  func put() throws {
    let command = YKOATHCommands.put(OATHNewCredential(id: try Vector.id(), secret: Vector.secret))
    #expect(
      command.bytes
        == hex("00 01 00 00 2D 71 19") + Vector.name
        + hex("73 10 21 06 48 65 6C 6C 6F 21 DE AD BE EF 00 00 00 00"))
  }

  @Test("PUT with touch: Lc 2F and a trailing 78 02")
  func putTouch() throws {
    let command = YKOATHCommands.put(
      OATHNewCredential(id: try Vector.id(), requiresTouch: true, secret: Vector.secret))
    #expect(
      command.bytes
        == hex("00 01 00 00 2F 71 19") + Vector.name
        + hex("73 10 21 06 48 65 6C 6C 6F 21 DE AD BE EF 00 00 00 00 78 02"))
  }

  @Test("CALCULATE ALL at t = 1700000000 and its entry read as 324550")
  func calculateAll() throws {
    let command = YKOATHCommands.calculateAll(counter: TOTP.step(at: Vector.time, period: 30))
    #expect(command.bytes == hex("00 A4 00 01 0A 74 08 00 00 00 00 03 60 AA 2A"))
    let card = ExpectingCard([
      .init(command: nil, answer: Vector.selectNoPassword),
      .init(
        command: command.bytes,
        answer: hex("71 19") + Vector.name + hex("76 05 06 6B 6D 4A 46 90 00")),
    ])
    let oath = YubiKeyOATHCard(transport: card)
    try oath.select()
    let codes = try oath.calculateAll(at: Vector.time)
    #expect(codes == [OATHCode(id: try Vector.id(), value: .code("324550"))])
    #expect(card.mismatches.isEmpty)
  }

  @Test("CALCULATE of one credential")
  func calculate() throws {
    let expected = hex("00 A2 00 01 25 71 19") + Vector.name + hex("74 08 00 00 00 00 03 60 AA 2A")
    let card = ExpectingCard([
      .init(command: nil, answer: Vector.selectNoPassword),
      .init(command: expected, answer: hex("76 05 06 6B 6D 4A 46 90 00")),
    ])
    let oath = YubiKeyOATHCard(transport: card)
    try oath.select()
    #expect(try oath.calculate(try Vector.id(), at: Vector.time) == "324550")
    #expect(card.mismatches.isEmpty)
  }

  @Test("DELETE")
  func delete() throws {
    #expect(
      YKOATHCommands.delete(try Vector.id()).bytes == hex("00 02 00 00 1B 71 19") + Vector.name)
  }

  @Test("Access key: PBKDF2-HMAC-SHA1(\"password\", 01..08, 1000, 16)")
  func accessKey() throws {
    let key = try OATHAccessCode.key(password: Array("password".utf8), salt: Array(1...8))
    #expect(key == hex("ED 1B 5A 43 D3 A8 65 04 DD 13 C9 DA 76 06 BD 35"))
  }

  @Test("VALIDATE with the access code, and the card's answer checked")
  func validate() throws {
    let card = ExpectingCard([
      .init(command: YKOATHCommands.select().bytes, answer: Vector.selectWithPassword),
      .init(
        command: hex(
          "00 A3 00 00 20 75 14 A6 BF D0 51 46 18 7F D0 C4 29 EC DA 8D EA 49 0E DE 33 3C 79 74 08 A1 A2 A3 A4 A5 A6 A7 A8"
        ),
        answer: hex("75 14 D6 72 5F B0 11 9B 3C E7 EA 60 70 D7 02 B5 4E 99 35 C4 BB 6F 90 00")),
    ])
    let oath = YubiKeyOATHCard(
      transport: card, random: FixedBytes(bytes: hex("A1 A2 A3 A4 A5 A6 A7 A8")))
    let info = try oath.open(password: Array("password".utf8))
    #expect(info.hasAccessCode)
    #expect(oath.isValidated)
    #expect(card.mismatches.isEmpty)
    #expect(card.received.count == 2)
  }

  @Test("A card whose VALIDATE answer is wrong is not trusted, and not asked again")
  func validateBadProof() throws {
    let card = ExpectingCard([
      .init(command: nil, answer: Vector.selectWithPassword),
      .init(
        command: nil, answer: hex("75 14") + [UInt8](repeating: 0x5A, count: 20) + hex("90 00")),
      .init(command: nil, answer: Vector.selectWithPassword),
    ])
    let oath = YubiKeyOATHCard(
      transport: card, random: FixedBytes(bytes: hex("A1 A2 A3 A4 A5 A6 A7 A8")))
    #expect(throws: YubiKeyOATHFailure.cardProofMismatch) {
      try oath.open(password: Array("password".utf8))
    }
    #expect(!oath.isValidated)
    #expect(throws: YubiKeyOATHFailure.validateNotRetried(.refused)) {
      try oath.open(password: Array("password".utf8))
    }
    #expect(card.received.filter { $0[1] == 0xA3 }.count == 1)
  }

  @Test("Device id: Base64 of SHA-256(salt)[:16] without padding")
  func deviceID() throws {
    let info = try #require(
      OATHAppletInfo(selectResponse: Array(Vector.selectNoPassword.dropLast(2))))
    #expect(info.deviceID == "ZoQN2hVOihE8Md0K0y9/Og")
    #expect(info.version == OATHFirmwareVersion(5, 4, 3))
    #expect(info.capacity == 32)
    #expect(!info.hasAccessCode)
  }
}
