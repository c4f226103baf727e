import TestSupport
import Testing
import Token2

@Suite("GET INFO parsing (protocol note §4.2) and the model table (§4.7)")
struct TokenInfoTests {
  @Test("Parses serial and big-endian clock by offsets")
  func parses() throws {
    let data = hex("A1 13 02 0D") + Array("8659632123456".utf8) + hex("11 04 65 53 F1 00")
    let info = try TokenInfo(parsing: data)
    #expect(info.serial == "8659632123456")
    #expect(info.tokenTime == 1_700_000_000)
    #expect(info.header == hex("A1 13 02"))
    #expect(info.separator == hex("11 04"))
    #expect(info.model == .c302i)
    #expect(!info.isRestricted)
    #expect(info.clockDrift(hostTime: 1_700_000_090) == -90)
    #expect(info.clockDrift(hostTime: 1_699_999_990) == 10)
    #expect(try TokenInfo(parsing: info.encoded) == info)
  }

  @Test("Trailing bytes are ignored")
  func trailing() throws {
    let info = TokenInfo(serial: "8659622000001", tokenTime: 42)
    #expect(try TokenInfo(parsing: info.encoded + [0xFF, 0xEE]) == info)
    #expect(info.isRestricted)
  }

  @Test("Short, truncated and non-digit answers are typed errors")
  func garbage() {
    #expect(throws: TokenInfoError.tooShort(length: 0)) { try TokenInfo(parsing: []) }
    #expect(throws: TokenInfoError.tooShort(length: 3)) { try TokenInfo(parsing: [0, 0, 0]) }
    #expect(throws: TokenInfoError.emptySerial) {
      try TokenInfo(parsing: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    }
    #expect(throws: TokenInfoError.truncated(serialLength: 13, length: 10)) {
      try TokenInfo(parsing: [0, 0, 0, 13] + Array("865963".utf8))
    }
    #expect(throws: TokenInfoError.truncated(serialLength: 255, length: 20)) {
      try TokenInfo(parsing: [0, 0, 0, 0xFF] + [UInt8](repeating: 0x31, count: 16))
    }
    #expect(throws: TokenInfoError.serialNotDigits) {
      try TokenInfo(parsing: [0, 0, 0, 3] + Array("86A".utf8) + [0, 0, 1, 2, 3, 4])
    }
  }

  @Test("Random garbage never traps")
  func fuzz() {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for length in 0..<200 {
      let data = (0..<(length % 40)).map { _ -> UInt8 in
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return UInt8(truncatingIfNeeded: state >> 33)
      }
      _ = try? TokenInfo(parsing: data)
    }
  }

  @Test("All eight models, prefixes and restricted flags (§4.7)")
  func modelTable() {
    let expected: [(String, String, Bool)] = [
      ("8659612", "OTPC-P1-i", false), ("8659622", "OTPC-P2-i", true),
      ("8659621", "OTPC-P2-i-NB", true), ("8659600", "miniOTP-2-i", false),
      ("8659601", "miniOTP-3-i", true), ("8659609", "miniOTP-3-i-NB", true),
      ("8659610", "C301-i", true), ("8659632", "C302-i", false),
    ]
    #expect(Token2Model.allCases.count == 8)
    for (prefix, name, restricted) in expected {
      let model = Token2Model(serial: prefix + "000042")
      #expect(model?.displayName == name)
      #expect(model?.serialPrefix == prefix)
      #expect(model?.isRestricted == restricted)
      #expect(Token2Model(displayName: name.uppercased()) == model)
    }
  }

  @Test("Unknown prefixes: no model, treated as restricted, warned about")
  func unknownPrefix() {
    #expect(Token2Model(serial: "8659699000001") == nil)
    #expect(Token2Model(serial: "865963") == nil)
    #expect(Token2Model(serial: "") == nil)
    let info = TokenInfo(serial: "1234567000001", tokenTime: 0)
    #expect(info.model == nil)
    #expect(info.isRestricted)
    let identity = TokenIdentity(info: info, hostTime: 0)
    #expect(identity.warnings == [.unknownModel, .restrictedModel])
    #expect(
      TokenIdentity(info: TokenInfo(serial: "8659632000001", tokenTime: 0), hostTime: 0).warnings
        .isEmpty)
  }
}
