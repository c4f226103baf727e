import Molto2
import OTP
import SmartCard
import TestSupport
import Testing
import TokenCrypto

/// Every family-B vector of protocol note §3.5 and §5.5, byte for byte (default customer key,
/// profile 2, t = 1700000000, challenge 01..08).
@Suite("Molto2 vectors (protocol note §3.5, §5.5)")
struct Molto2VectorTests {
  let key = Molto2CustomerKey.factoryDefault
  let time: UInt32 = 1_700_000_000
  let profile = 2

  @Test("SHA-1 of the default customer key, cut to 16 bytes, is the SM4 key")
  func keyDerivation() {
    #expect(key.sm4Key == hex("09 92 50 FD B0 17 F4 42 DA 42 9E CB BE E1 7F 79"))
    #expect(key.isFactoryDefault)
  }

  @Test("MAC of ASCII 'hello world test!!' under the derived key (M2T pinned value)")
  func macOfText() throws {
    #expect(
      try Molto2Crypto.mac(input: Array("hello world test!!".utf8), key: key) == hex("2C F7 C2 05"))
  }

  @Test("Config TLV: t = 1700000000, display 60 s, SHA-1, 6 digits, 30 s")
  func configTLV() {
    let configuration = Molto2Configuration(
      displayTimeout: .seconds60, time: time, settings: Molto2Settings())
    #expect(
      configuration.tlv == hex("81 14 1F 01 02 0F 04 65 53 F1 00 86 09 0A 01 01 0B 01 06 0D 01 1E"))
    #expect(Molto2Configuration(tlv: configuration.tlv) == configuration)
  }

  @Test("Sync TLV: t = 1700000000")
  func syncTLV() {
    #expect(Molto2Configuration.syncTLV(time: time) == hex("81 06 0F 04 65 53 F1 00"))
  }

  @Test("Keyless commands: GET INFO, public data, GET CHALLENGE, DELETE SEED, FACTORY RESET")
  func plainCommands() {
    #expect(Molto2Commands.getInfo().bytes == hex("80 41 00 00 00"))
    #expect(Molto2Commands.readPublicData(profile: 2).bytes == hex("80 41 00 02 01 70"))
    #expect(Molto2Commands.getChallenge().bytes == hex("80 4B 08 00 00"))
    #expect(Molto2Commands.deleteSeed(profile: 2).bytes == hex("80 E6 00 02 00"))
    #expect(Molto2Commands.factoryReset().bytes == hex("80 56 00 00 00"))
  }

  @Test("AUTHENTICATE, challenge 01..08")
  func authenticate() throws {
    let command = try Molto2Commands.authenticate(
      challenge: hex("01 02 03 04 05 06 07 08"), key: key)
    #expect(command.bytes == hex("80 CE 00 00 10 A0 1B A1 16 09 1E 6F BF DB 95 93 6C 9A 2E 3F 48"))
  }

  @Test("WRITE SEED, JBSWY3DPEHPK3PXP (10 bytes, not extended), profile 2")
  func writeSeed() throws {
    let seed = Secret(hex("48 65 6C 6C 6F 21 DE AD BE EF"))
    let command = try Molto2Commands.writeSeed(seed, profile: profile, key: key)
    #expect(
      command.bytes
        == hex("84 C5 01 02 14 54 6A E3 CF FA 12 55 44 7D D0 F3 F6 78 52 24 76 C5 BB 6C 63"))
  }

  @Test("WRITE TITLE 'Google', profile 2")
  func writeTitle() throws {
    let command = try Molto2Commands.writeTitle(Molto2Title("Google"), profile: profile, key: key)
    #expect(
      command.bytes
        == hex("84 D5 00 02 14 93 43 63 A4 A0 B2 7F E5 3A C3 FB DB DC 50 A2 70 6D 03 1C 44"))
  }

  @Test("WRITE CONFIG, display 30 s, SHA-1, 6 digits, 30 s, profile 2")
  func writeConfig() throws {
    let configuration = Molto2Configuration(
      displayTimeout: .seconds30, time: time, settings: Molto2Settings())
    let command = try Molto2Commands.writeConfig(configuration, profile: profile, key: key)
    #expect(
      command.bytes
        == hex(
          "84 D4 01 02 1A 81 14 1F 01 01 0F 04 65 53 F1 00 86 09 0A 01 01 0B 01 06 0D 01 1E 7E 19 1A D9"
        ))
  }

  @Test("SYNC TIME, profile 2")
  func syncTime() throws {
    let command = try Molto2Commands.syncTime(time, profile: profile, key: key)
    #expect(command.bytes == hex("84 D4 01 02 0C 81 06 0F 04 65 53 F1 00 D5 70 26 B2"))
  }

  @Test("CHANGE CUSTOMER KEY to ASCII NEWKEY0123456789")
  func changeKey() throws {
    let new = try Molto2CustomerKey(bytes: Array("NEWKEY0123456789".utf8))
    #expect(new.sm4Key == hex("D4 45 46 1D EB 47 BE 65 E1 D0 2B 5F E1 92 83 C5"))
    let command = try Molto2Commands.changeCustomerKey(to: new, key: key)
    #expect(
      command.bytes
        == hex(
          "84 D7 00 00 24 F9 36 08 4B 23 93 C8 7D 3A E5 04 95 7C 81 D2 8C 9D 6D F5 04 0A 3A"
            + " 22 00 BA DE 7D 2B DB 6D 08 8D 44 AD D9 23"))
  }
}
