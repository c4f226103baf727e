import TestSupport
import Testing
import TokenCrypto

/// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13–16 (AES-256).
@Suite("AES-256-GCM (GCM spec test cases 13–16)")
struct AESGCMTests {
  static let key15 = hex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
  static let nonce15 = hex("cafebabefacedbaddecaf888")
  static let plaintext15 = hex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255")
  static let ciphertext15 = hex(
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
      + "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad")
  static let aad16 = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2")

  @Test("Case 13: empty plaintext, zero key and nonce")
  func case13() throws {
    let box = try AESGCM.seal(
      [], key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12))
    #expect(box.ciphertext.isEmpty)
    #expect(box.tag == hex("530f8afbc74536b9a963b4f1c4cb738b"))
  }

  @Test("Case 14: one zero block")
  func case14() throws {
    let key = [UInt8](repeating: 0, count: 32)
    let nonce = [UInt8](repeating: 0, count: 12)
    let box = try AESGCM.seal([UInt8](repeating: 0, count: 16), key: key, nonce: nonce)
    #expect(box.ciphertext == hex("cea7403d4d606b6e074ec5d3baf39d18"))
    #expect(box.tag == hex("d0d1c8a799996bf0265b98b5d48ab919"))
    #expect(try AESGCM.open(box, key: key, nonce: nonce) == [UInt8](repeating: 0, count: 16))
  }

  @Test("Case 15: 64-byte plaintext")
  func case15() throws {
    let box = try AESGCM.seal(Self.plaintext15, key: Self.key15, nonce: Self.nonce15)
    #expect(box.ciphertext == Self.ciphertext15)
    #expect(box.tag == hex("b094dac5d93471bdec1a502270e3cc6c"))
    #expect(try AESGCM.open(box, key: Self.key15, nonce: Self.nonce15) == Self.plaintext15)
  }

  @Test("Case 16: 60-byte plaintext with associated data")
  func case16() throws {
    let plaintext = Array(Self.plaintext15.prefix(60))
    let box = try AESGCM.seal(
      plaintext, key: Self.key15, nonce: Self.nonce15, associatedData: Self.aad16)
    #expect(box.ciphertext == Array(Self.ciphertext15.prefix(60)))
    #expect(box.tag == hex("76fc6ece0f4e1768cddf8853bb2d551b"))
    let opened = try AESGCM.open(
      box, key: Self.key15, nonce: Self.nonce15, associatedData: Self.aad16)
    #expect(opened == plaintext)
  }

  @Test("Tampering with ciphertext, tag, AAD, key or nonce fails authentication")
  func tamper() throws {
    let plaintext = Array(Self.plaintext15.prefix(60))
    let box = try AESGCM.seal(
      plaintext, key: Self.key15, nonce: Self.nonce15, associatedData: Self.aad16)

    var flippedCiphertext = box
    flippedCiphertext.ciphertext[7] ^= 0x01
    var flippedTag = box
    flippedTag.tag[15] ^= 0x80
    var shortTag = box
    shortTag.tag.removeLast()
    var otherAAD = Self.aad16
    otherAAD[0] ^= 0x01
    var otherKey = Self.key15
    otherKey[31] ^= 0x01

    for (candidate, aad, key, nonce) in [
      (flippedCiphertext, Self.aad16, Self.key15, Self.nonce15),
      (flippedTag, Self.aad16, Self.key15, Self.nonce15),
      (shortTag, Self.aad16, Self.key15, Self.nonce15),
      (box, otherAAD, Self.key15, Self.nonce15),
      (box, [], Self.key15, Self.nonce15),
      (box, Self.aad16, otherKey, Self.nonce15),
      (box, Self.aad16, Self.key15, [UInt8](repeating: 0, count: 12)),
    ] {
      #expect(throws: CryptoError.authenticationFailed) {
        try AESGCM.open(candidate, key: key, nonce: nonce, associatedData: aad)
      }
    }
  }

  @Test("A key that is not 32 bytes is refused")
  func badKey() {
    #expect(throws: CryptoError.invalidKeyLength(expected: 32, actual: 16)) {
      try AESGCM.seal(
        [1], key: [UInt8](repeating: 0, count: 16), nonce: [UInt8](repeating: 0, count: 12))
    }
  }
}
