import TestSupport
import Testing
import TokenCrypto

/// NIST CAVP GCM test vectors (gcmEncryptExtIV256.rsp: 256-bit keys, 96-bit IVs, 128-bit tags),
/// the first case of the empty-plaintext group and of the 128-bit-plaintext groups without and
/// with 128 bits of associated data.
@Suite("AES-256-GCM (NIST CAVP gcmEncryptExtIV256)")
struct AESGCMNISTTests {
  @Test("PTlen 0, AADlen 0, Count 0")
  func emptyPlaintext() throws {
    let key = hex("b52c505a37d78eda5dd34f20c22540ea1b58963cf8e5bf8ffa85f9f2492505b4")
    let nonce = hex("516c33929df5a3284ff463d7")
    let box = try AESGCM.seal([], key: key, nonce: nonce)
    #expect(box.tag == hex("bdc1ac884d332457a1d2664f168c76f0"))
    #expect(try AESGCM.open(box, key: key, nonce: nonce).isEmpty)
  }

  @Test("PTlen 128, AADlen 0, Count 0")
  func oneBlock() throws {
    let key = hex("31bdadd96698c204aa9ce1448ea94ae1fb4a9a0b3c9d773b51bb1822666b8f22")
    let nonce = hex("0d18e06c7c725ac9e362e1ce")
    let plaintext = hex("2db5168e932556f8089a0622981d017d")
    let box = try AESGCM.seal(plaintext, key: key, nonce: nonce)
    #expect(box.ciphertext == hex("fa4362189661d163fcd6a56d8bf0405a"))
    #expect(box.tag == hex("d636ac1bbedd5cc3ee727dc2ab4a9489"))
    #expect(try AESGCM.open(box, key: key, nonce: nonce) == plaintext)
  }

  @Test("PTlen 128, AADlen 128, Count 0")
  func oneBlockWithAssociatedData() throws {
    let key = hex("92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b")
    let nonce = hex("ac93a1a6145299bde902f21a")
    let plaintext = hex("2d71bcfa914e4ac045b2aa60955fad24")
    let aad = hex("1e0889016f67601c8ebea4943bc23ad6")
    let box = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: aad)
    #expect(box.ciphertext == hex("8995ae2e6df3dbf96fac7b7137bae67f"))
    #expect(box.tag == hex("eca5aa77d51d4a0a14d9c51e1da474ab"))
    #expect(try AESGCM.open(box, key: key, nonce: nonce, associatedData: aad) == plaintext)
  }
}
