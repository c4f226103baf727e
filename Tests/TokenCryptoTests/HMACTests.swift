import TestSupport
import Testing
import TokenCrypto

/// One published HMAC test case: key, message, expected MAC (possibly truncated).
struct HMACVector: Sendable, CustomTestStringConvertible {
  var name: String
  var key: [UInt8]
  var message: [UInt8]
  var expected: [UInt8]
  var testDescription: String { name }
}

private let longKey131 = [UInt8](repeating: 0xAA, count: 131)
private let largerKeyMessage = ascii("Test Using Larger Than Block-Size Key - Hash Key First")
private let largerDataMessage = ascii(
  "This is a test using a larger than block-size key and a larger than block-size data. "
    + "The key needs to be hashed before being used by the HMAC algorithm.")

/// RFC 2202 §3: HMAC-SHA-1 test cases 1–7.
let rfc2202SHA1: [HMACVector] = [
  .init(
    name: "2202-1", key: [UInt8](repeating: 0x0B, count: 20), message: ascii("Hi There"),
    expected: hex("b617318655057264e28bc0b6fb378c8ef146be00")),
  .init(
    name: "2202-2", key: ascii("Jefe"), message: ascii("what do ya want for nothing?"),
    expected: hex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79")),
  .init(
    name: "2202-3", key: [UInt8](repeating: 0xAA, count: 20),
    message: [UInt8](repeating: 0xDD, count: 50),
    expected: hex("125d7342b9ac11cd91a39af48aa17b4f63f175d3")),
  .init(
    name: "2202-4", key: Array(1...25), message: [UInt8](repeating: 0xCD, count: 50),
    expected: hex("4c9007f4026250c6bc8414f9bf50c86c2d7235da")),
  .init(
    name: "2202-5", key: [UInt8](repeating: 0x0C, count: 20),
    message: ascii("Test With Truncation"),
    expected: hex("4c1a03424b55e07fe7f27be1d58bb9324a9a5a04")),
  .init(
    name: "2202-6", key: [UInt8](repeating: 0xAA, count: 80), message: largerKeyMessage,
    expected: hex("aa4ae5e15272d00e95705637ce8a3b55ed402112")),
  .init(
    name: "2202-7", key: [UInt8](repeating: 0xAA, count: 80),
    message: ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
    expected: hex("e8e99d0f45237d786d6bbaa7965c7808bbff1a91")),
]

/// RFC 4231 §4.2–4.8: HMAC-SHA-256 test cases 1–7 (case 5 truncated to 128 bits).
let rfc4231SHA256: [HMACVector] = [
  .init(
    name: "4231-1", key: [UInt8](repeating: 0x0B, count: 20), message: ascii("Hi There"),
    expected: hex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")),
  .init(
    name: "4231-2", key: ascii("Jefe"), message: ascii("what do ya want for nothing?"),
    expected: hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")),
  .init(
    name: "4231-3", key: [UInt8](repeating: 0xAA, count: 20),
    message: [UInt8](repeating: 0xDD, count: 50),
    expected: hex("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")),
  .init(
    name: "4231-4", key: Array(1...25), message: [UInt8](repeating: 0xCD, count: 50),
    expected: hex("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")),
  .init(
    name: "4231-5", key: [UInt8](repeating: 0x0C, count: 20),
    message: ascii("Test With Truncation"), expected: hex("a3b6167473100ee06e0c796c2955552b")),
  .init(
    name: "4231-6", key: longKey131, message: largerKeyMessage,
    expected: hex("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")),
  .init(
    name: "4231-7", key: longKey131, message: largerDataMessage,
    expected: hex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2")),
]

/// RFC 4231 §4.2–4.8: HMAC-SHA-512 test cases 1–7 (case 5 truncated to 128 bits).
let rfc4231SHA512: [HMACVector] = [
  .init(
    name: "4231-1", key: [UInt8](repeating: 0x0B, count: 20), message: ascii("Hi There"),
    expected: hex(
      "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
        + "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")),
  .init(
    name: "4231-2", key: ascii("Jefe"), message: ascii("what do ya want for nothing?"),
    expected: hex(
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
        + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")),
  .init(
    name: "4231-3", key: [UInt8](repeating: 0xAA, count: 20),
    message: [UInt8](repeating: 0xDD, count: 50),
    expected: hex(
      "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39"
        + "bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb")),
  .init(
    name: "4231-4", key: Array(1...25), message: [UInt8](repeating: 0xCD, count: 50),
    expected: hex(
      "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3db"
        + "a91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd")),
  .init(
    name: "4231-5", key: [UInt8](repeating: 0x0C, count: 20),
    message: ascii("Test With Truncation"), expected: hex("415fad6271580a531d4179bc891d87a6")),
  .init(
    name: "4231-6", key: longKey131, message: largerKeyMessage,
    expected: hex(
      "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
        + "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")),
  .init(
    name: "4231-7", key: longKey131, message: largerDataMessage,
    expected: hex(
      "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944"
        + "b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58")),
]

@Suite("HMAC (RFC 2202, RFC 4231)")
struct HMACTests {
  @Test("HMAC-SHA-1", arguments: rfc2202SHA1)
  func sha1(vector: HMACVector) {
    let mac = HMAC.authenticationCode(.sha1, key: vector.key, message: vector.message)
    #expect(mac.count == 20)
    #expect(Array(mac.prefix(vector.expected.count)) == vector.expected)
  }

  @Test("HMAC-SHA-256", arguments: rfc4231SHA256)
  func sha256(vector: HMACVector) {
    let mac = HMAC.authenticationCode(.sha256, key: vector.key, message: vector.message)
    #expect(mac.count == 32)
    #expect(Array(mac.prefix(vector.expected.count)) == vector.expected)
  }

  @Test("HMAC-SHA-512", arguments: rfc4231SHA512)
  func sha512(vector: HMACVector) {
    let mac = HMAC.authenticationCode(.sha512, key: vector.key, message: vector.message)
    #expect(mac.count == 64)
    #expect(Array(mac.prefix(vector.expected.count)) == vector.expected)
  }

  @Test("A key zero-extended up to the block size gives the same MAC (protocol note §4.6.1)")
  func zeroExtensionIsHMACEquivalent() {
    let key = hex("48656c6c6f21deadbeef")
    let message = ascii("any message")
    for algorithm in [DigestKind.sha1, .sha256] {
      let plain = HMAC.authenticationCode(algorithm, key: key, message: message)
      let extended = HMAC.authenticationCode(
        algorithm, key: key + [UInt8](repeating: 0, count: 54), message: message)
      #expect(plain == extended)
    }
  }
}
