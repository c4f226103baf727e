import TestSupport
import Testing
import TokenCrypto

/// `ScryptCost`, the one scrypt cost type, and scrypt called with it.
@Suite struct ScryptCostTests {
  @Test func scryptWithACostIsRFC7914() throws {
    // RFC 7914 §12, second vector.
    let derived = try KeyDerivation.scrypt(
      password: Array("password".utf8), salt: Array("NaCl".utf8),
      cost: ScryptCost(n: 1024, r: 8, p: 16), keyLength: 64)
    let expected =
      "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
      + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
    #expect(derived == hex(expected))
  }

  @Test func memoryIs128TimesNRP() {
    #expect(ScryptCost(n: 1 << 14, r: 8, p: 1).memoryBytes == 16 << 20)
    #expect(ScryptCost(n: 1 << 17, r: 8, p: 2).memoryBytes == 256 << 20)
  }
}
