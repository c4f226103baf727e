import OTP
import SmartCard
import TestSupport
import Testing
import Token2

/// Every golden APDU of protocol note §3.5 and §4.10, byte for byte.
@Suite("Golden APDUs (protocol note §3.5, §4.10)")
struct GoldenAPDUTests {
  let key = Token2Key.publicDefault

  @Test("GET INFO and GET CHALLENGE framing")
  func plainCommands() {
    #expect(Token2Commands.getInfo().bytes == hex("80 41 00 00 02 02 11"))
    #expect(Token2Commands.getChallenge().bytes == hex("80 4B 08 00 01 00"))
  }

  @Test("AUTHENTICATE, challenge 11..88 (§3.5)")
  func authenticate1122() throws {
    let command = try Token2Commands.authenticate(
      challenge: hex("11 22 33 44 55 66 77 88"), key: key)
    #expect(command.bytes == hex("80 CE 00 00 10 8B 74 50 F2 27 21 BC 29 98 5C 2C 46 0B 65 04 5D"))
  }

  @Test("AUTHENTICATE, challenge 01..08 (§4.10)")
  func authenticate0102() throws {
    let command = try Token2Commands.authenticate(
      challenge: hex("01 02 03 04 05 06 07 08"), key: key)
    #expect(command.bytes == hex("80 CE 00 00 10 C1 CD 2C F4 0D 50 8C ED C1 27 4F F1 AE 4C 19 F1"))
  }

  @Test("A challenge that is not 8 bytes is refused")
  func shortChallenge() {
    #expect(throws: (any Error).self) {
      try Token2Commands.authenticate(challenge: [1, 2, 3], key: key)
    }
  }

  @Test("WRITE SEED, 20 bytes 01..14 (§3.5)")
  func seed20() throws {
    let command = try Token2Commands.writeSeed(Secret(Array(0x01...0x14)), key: key)
    #expect(
      command.bytes
        == hex(
          "84 C5 01 00 24 6E EA D2 14 74 BB F3 A0 A2 B4 C1 8F 48 9E 54 3C F4 87 25 A7 1E E9 C3 A6 59 63 E8 8B E9 40 5E 3D 5F 6E A0 C1"
        ))
  }

  @Test("WRITE SEED, 32 bytes 10..2F with the extra padding block (§3.5)")
  func seed32() throws {
    let command = try Token2Commands.writeSeed(Secret(Array(0x10...0x2F)), key: key)
    #expect(
      command.bytes
        == hex(
          "84 C5 01 00 34 B8 30 89 9C FE 9D E2 92 CD 26 D3 C7 43 92 15 CE 18 50 3D 57 AC 31 73 5A FA 60 EB A2 0F 64 D6 F7 D2 19 EF C9 97 2F ED 91 91 DF 02 7F D3 6A 80 B0 88 0D 59 FA"
        ))
  }

  @Test("WRITE CONFIG: display 60 s, SHA-256, 60 s step, t = 0x65432100 (§3.5)")
  func configGolden() throws {
    let configuration = TokenConfiguration(
      displayTimeout: .seconds60, time: 0x6543_2100, algorithm: .sha256, period: .seconds60)
    #expect(
      try Token2Commands.writeConfig(configuration, key: key).bytes
        == hex(
          "84 D4 00 00 17 81 11 1F 01 02 0F 04 65 43 21 00 86 06 0A 01 02 0D 01 3C 37 A1 8B F9"))
  }

  @Test("Worked example §4.10: config, t = 1700000000, SHA-1, 30 s, display 30 s")
  func workedConfig() throws {
    let configuration = TokenConfiguration(
      displayTimeout: .seconds30, time: 1_700_000_000, algorithm: .sha1, period: .seconds30)
    #expect(configuration.tlv == hex("81 11 1F 01 01 0F 04 65 53 F1 00 86 06 0A 01 01 0D 01 1E"))
    #expect(
      try Token2Commands.writeConfig(configuration, key: key).bytes
        == hex(
          "84 D4 00 00 17 81 11 1F 01 01 0F 04 65 53 F1 00 86 06 0A 01 01 0D 01 1E 4F FD C2 88"))
  }

  @Test("Worked example §4.10: JBSWY3DPEHPK3PXP seed, extended to 20 bytes")
  func workedSeed() throws {
    let secret = Secret(hex("48 65 6C 6C 6F 21 DE AD BE EF"))
    #expect(
      try Token2Commands.writeSeed(secret, key: key).bytes
        == hex(
          "84 C5 01 00 24 31 62 10 5F C9 B6 70 95 C8 04 B1 D4 FE 05 EF CF 8B EA 57 67 D1 DF 80 AE 79 4C 81 9D 4F 7C 84 3C D7 C9 E1 28"
        ))
    let code = TOTP.code(secret: secret, at: 1_700_000_000, parameters: .standard)
    #expect(code == "324550")
  }

  @Test("Worked example §4.10: RFC 6238 32-byte seed, always-pad form")
  func rfcSeed32() throws {
    let secret = Secret(Array("12345678901234567890123456789012".utf8))
    #expect(
      try Token2Commands.writeSeed(secret, key: key).bytes
        == hex(
          "84 C5 01 00 34 5E 58 56 09 2F D3 22 8D 4D 33 EE E3 DA AC 4B 55 5D E8 0A A9 90 74 AB 97 27 64 0C 64 FF 67 D1 24 D2 19 EF C9 97 2F ED 91 91 DF 02 7F D3 6A 80 B0 F9 7F F0 CA"
        ))
  }

  @Test(
    "Seed lengths map to Lc 24/34/44 (zero-extend to 20, always pad)",
    arguments: [
      (1, 0x24), (10, 0x24), (16, 0x24), (20, 0x24), (31, 0x24), (32, 0x34), (47, 0x34), (48, 0x44),
      (63, 0x44),
    ])
  func seedLengths(length: Int, lc: Int) throws {
    let command = try Token2Commands.writeSeed(secretBytes(length), key: key)
    #expect(command.data.count == lc)
    #expect(Array(command.bytes.prefix(5)) == [0x84, 0xC5, 0x01, 0x00, UInt8(lc)])
  }

  @Test("Seeds of 0 or 64 bytes cannot be framed")
  func seedLimits() {
    #expect(throws: (any Error).self) { try Token2Commands.writeSeed(Secret([]), key: key) }
    #expect(throws: (any Error).self) { try Token2Commands.writeSeed(secretBytes(64), key: key) }
  }

  @Test("Config TLV parses back strictly; any changed tag or length byte is refused")
  func configRoundTrip() {
    let configuration = TokenConfiguration(
      displayTimeout: .seconds120, time: 0xDEAD_BEEF, algorithm: .sha256, period: .seconds30)
    let tlv = configuration.tlv
    #expect(TokenConfiguration(tlv: tlv) == configuration)
    for index in [0, 1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 17, 18] {
      var broken = tlv
      broken[index] ^= 0x40
      #expect(TokenConfiguration(tlv: broken) == nil, "byte \(index)")
    }
    #expect(TokenConfiguration(tlv: Array(tlv.dropLast())) == nil)
  }

  @Test("Keys: public default, 16-byte customer key, descriptions never show bytes")
  func keys() {
    #expect(Token2Key.publicDefault.isPublicDefault)
    #expect(Token2Key(bytes: hex("8AD206883CA369482AB27182B6E83224")) == .publicDefault)
    #expect(Token2Key(bytes: [1, 2, 3]) == nil)
    let customer = Token2Key(bytes: [UInt8](repeating: 0xAB, count: 16))!
    #expect(!customer.isPublicDefault)
    #expect("\(customer)" == "customer key")
    #expect(!"\(Token2Key.publicDefault)".contains("8A"))
  }
}
