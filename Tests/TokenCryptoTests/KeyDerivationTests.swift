import TestSupport
import Testing
import TokenCrypto

@Suite("PBKDF2 (RFC 6070, RFC 7914 §11) and scrypt (RFC 7914 §12)")
struct KeyDerivationTests {
  @Test("PBKDF2-HMAC-SHA1, RFC 6070 (the 16,777,216-iteration case is left out: too slow)")
  func pbkdf2SHA1() throws {
    let cases: [(password: String, salt: String, iterations: Int, expected: String)] = [
      ("password", "salt", 1, "0c60c80f961f0e71f3a9b524af6012062fe037a6"),
      ("password", "salt", 2, "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"),
      ("password", "salt", 4096, "4b007901b765489abead49d926f721d065a429c1"),
      (
        "passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096,
        "3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"
      ),
      ("pass\0word", "sa\0lt", 4096, "56fa6aa75548099dcc37d7f03425e0c3"),
    ]
    for entry in cases {
      let expected = hex(entry.expected)
      let derived = try KeyDerivation.pbkdf2(
        password: ascii(entry.password), salt: ascii(entry.salt), iterations: entry.iterations,
        keyLength: expected.count, hash: .sha1)
      #expect(derived == expected, "c = \(entry.iterations)")
    }
  }

  @Test("PBKDF2-HMAC-SHA256, RFC 7914 §11")
  func pbkdf2SHA256() throws {
    let first = try KeyDerivation.pbkdf2(
      password: ascii("passwd"), salt: ascii("salt"), iterations: 1, keyLength: 64, hash: .sha256)
    #expect(
      first
        == hex(
          "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
            + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"))
    let second = try KeyDerivation.pbkdf2(
      password: ascii("Password"), salt: ascii("NaCl"), iterations: 80000, keyLength: 64)
    #expect(
      second
        == hex(
          "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
            + "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"))
  }

  @Test("scrypt, RFC 7914 §12 (the N = 1048576 case is left out: 1 GiB of memory)")
  func scrypt() throws {
    let cases:
      [(password: String, salt: String, n: UInt64, r: UInt64, p: UInt64, expected: String)] = [
        (
          "", "", 16, 1, 1,
          "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
            + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        ),
        (
          "password", "NaCl", 1024, 8, 16,
          "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
            + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        ),
        (
          "pleaseletmein", "SodiumChloride", 16384, 8, 1,
          "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
            + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
        ),
      ]
    for entry in cases {
      let derived = try KeyDerivation.scrypt(
        password: ascii(entry.password), salt: ascii(entry.salt), n: entry.n, r: entry.r,
        p: entry.p, keyLength: 64)
      #expect(derived == hex(entry.expected), "N = \(entry.n)")
    }
  }

  @Test("Bad parameters are typed errors")
  func badParameters() {
    #expect(throws: CryptoError.self) {
      try KeyDerivation.pbkdf2(password: [], salt: [], iterations: 0, keyLength: 16)
    }
    #expect(throws: CryptoError.self) {
      try KeyDerivation.scrypt(password: [], salt: [], n: 1000, r: 1, p: 1, keyLength: 16)
    }
  }
}
