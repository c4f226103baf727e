import TestSupport
import Testing
import TokenCrypto

/// NIST SP 800-38A appendix F.2: CBC-AES128 (F.2.1/F.2.2) and CBC-AES256 (F.2.5/F.2.6).
@Suite("AES-CBC (NIST SP 800-38A F.2)")
struct AESCBCTests {
  static let iv = hex("000102030405060708090a0b0c0d0e0f")
  static let plaintext = hex(
    "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
      + "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710")

  @Test("F.2.1 and F.2.2: AES-128")
  func aes128() throws {
    let key = hex("2b7e151628aed2a6abf7158809cf4f3c")
    let expected = hex(
      "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2"
        + "73bed6b8e3c1743b7116e69e22229516 3ff1caa1681fac09120eca307586e1a7")
    #expect(try AESCBC.encrypt(key: key, iv: Self.iv, Self.plaintext) == expected)
    #expect(try AESCBC.decrypt(key: key, iv: Self.iv, expected) == Self.plaintext)
  }

  @Test("F.2.5 and F.2.6: AES-256")
  func aes256() throws {
    let key = hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
    let expected = hex(
      "f58c4c04d6e5f1ba779eabfb5f7bfbd6 9cfc4e967edb808d679f777bc6702c7d"
        + "39f23369a9d9bacfa530e26304231461 b2eb05e2c39be9fcda6c19078c6a9d1b")
    #expect(try AESCBC.encrypt(key: key, iv: Self.iv, Self.plaintext) == expected)
    #expect(try AESCBC.decrypt(key: key, iv: Self.iv, expected) == Self.plaintext)
  }

  @Test("Padding: 1 to 16 bytes added, any pad content accepted, impossible counts refused")
  func padding() throws {
    for length in 0...33 {
      let message = [UInt8](repeating: 0xA5, count: length)
      let padded = AESCBC.pad(message)
      #expect(padded.count % 16 == 0 && padded.count > length)
      #expect(try AESCBC.unpad(padded) == message)
    }
    // XML Encryption lets the other pad bytes be anything.
    #expect(
      try AESCBC.unpad([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0xEE, 0xEE, 0xEE, 4])
        == Array(1...12))
    for bad in [
      [UInt8](repeating: 0, count: 16), [UInt8](repeating: 17, count: 16),
      [UInt8](repeating: 3, count: 15), [],
    ] {
      #expect(throws: CryptoError.self) { try AESCBC.unpad(bad) }
    }
  }

  @Test("Wrong sizes are typed errors")
  func sizes() {
    #expect(throws: CryptoError.invalidKeyLength(expected: 16, actual: 24)) {
      try AESCBC.encrypt(key: [UInt8](repeating: 0, count: 24), iv: Self.iv, Self.plaintext)
    }
    #expect(throws: CryptoError.self) {
      try AESCBC.encrypt(key: [UInt8](repeating: 0, count: 16), iv: [0], Self.plaintext)
    }
    #expect(throws: CryptoError.self) {
      try AESCBC.decrypt(key: [UInt8](repeating: 0, count: 16), iv: Self.iv, [1, 2, 3])
    }
  }
}
