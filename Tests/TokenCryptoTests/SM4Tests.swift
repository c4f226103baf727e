import TestSupport
import Testing
import TokenCrypto

/// The public family-A key (protocol note §3.1).
private let token2PublicKey = hex("8AD206883CA369482AB27182B6E83224")

@Suite("SM4 (GM/T 0002) and the Token2 command MAC (protocol note §3)")
struct SM4Tests {
  @Test("GM/T 0002 known answer: encrypt and decrypt")
  func knownAnswer() throws {
    let key = hex("0123456789ABCDEFFEDCBA9876543210")
    let ciphertext = try SM4.encryptECB(key: key, key)
    #expect(ciphertext == hex("681EDF34D206965E86B3E94F536E4246"))
    #expect(try SM4.decryptECB(key: key, ciphertext) == key)
  }

  @Test("ECB works block by block; CBC with a zero IV chains")
  func modes() throws {
    let key = hex("0123456789ABCDEFFEDCBA9876543210")
    let two = try SM4.encryptECB(key: key, key + key)
    #expect(two == hex("681EDF34D206965E86B3E94F536E4246 681EDF34D206965E86B3E94F536E4246"))
    let chained = try SM4.encryptCBC(key: key, iv: [UInt8](repeating: 0, count: 16), key + key)
    #expect(Array(chained.prefix(16)) == hex("681EDF34D206965E86B3E94F536E4246"))
    #expect(Array(chained.suffix(16)) != Array(chained.prefix(16)))
  }

  @Test("Bad key and input sizes are typed errors")
  func badSizes() {
    #expect(throws: CryptoError.invalidKeyLength(expected: 16, actual: 15)) {
      try SM4.encryptECB(key: [UInt8](repeating: 0, count: 15), [UInt8](repeating: 0, count: 16))
    }
    #expect(throws: CryptoError.invalidInputLength(operation: "SM4-ECB encrypt", actual: 17)) {
      try SM4.encryptECB(key: token2PublicKey, [UInt8](repeating: 0, count: 17))
    }
    #expect(throws: CryptoError.self) {
      try SM4.encryptCBC(key: token2PublicKey, iv: [0], [UInt8](repeating: 0, count: 16))
    }
  }

  @Test("Family A authentication response, challenge 11..88 (§3.5) and 01..08 (§4.10)")
  func authenticationResponse() throws {
    let zeros = [UInt8](repeating: 0, count: 8)
    #expect(
      try SM4.encryptECB(key: token2PublicKey, hex("1122334455667788") + zeros)
        == hex("8B7450F22721BC29985C2C460B65045D"))
    #expect(
      try SM4.encryptECB(key: token2PublicKey, hex("0102030405060708") + zeros)
        == hex("C1CD2CF40D508CEDC1274FF1AE4C19F1"))
  }

  @Test("Config MAC 4FFDC288 (§4.10)")
  func configMAC() throws {
    let input = hex("80 D4 00 00 13 81 11 1F 01 01 0F 04 65 53 F1 00 86 06 0A 01 01 0D 01 1E")
    #expect(try SM4CommandMAC.compute(key: token2PublicKey, input: input) == hex("4FFDC288"))
  }

  @Test("Seed ciphertext and MAC D7C9E128 (§4.10)")
  func seedMAC() throws {
    let seed = hex("48 65 6C 6C 6F 21 DE AD BE EF") + [UInt8](repeating: 0, count: 10)
    let padded = SM4CommandMAC.padAlways(seed)
    #expect(padded.count == 32)
    let ciphertext = try SM4.encryptECB(key: token2PublicKey, padded)
    #expect(
      ciphertext
        == hex(
          "31 62 10 5F C9 B6 70 95 C8 04 B1 D4 FE 05 EF CF 8B EA 57 67 D1 DF 80 AE 79 4C 81 9D 4F 7C 84 3C"
        ))
    let mac = try SM4CommandMAC.compute(
      key: token2PublicKey, input: hex("80 C5 01 00 20") + ciphertext)
    #expect(mac == hex("D7C9E128"))
  }

  @Test("Molto2 MAC of 'hello world test!!' under the derived key is 2CF7C205 (§3.5)")
  func molto2MAC() throws {
    let key = hex("099250FDB017F442DA429ECBBEE17F79")
    #expect(
      try SM4CommandMAC.compute(key: key, input: ascii("hello world test!!")) == hex("2CF7C205"))
  }

  @Test("Padding: minimal adds nothing when aligned, always adds a whole block")
  func padding() {
    let aligned = [UInt8](repeating: 7, count: 16)
    #expect(SM4CommandMAC.padMinimal(aligned) == aligned)
    #expect(SM4CommandMAC.padAlways(aligned) == aligned + [0x80] + [UInt8](repeating: 0, count: 15))
    #expect(SM4CommandMAC.padMinimal([1, 2]) == [1, 2, 0x80] + [UInt8](repeating: 0, count: 13))
    #expect(SM4CommandMAC.padAlways([1, 2]) == SM4CommandMAC.padMinimal([1, 2]))
  }
}
