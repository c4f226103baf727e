import Testing
import TokenCrypto

@testable import OTP

/// The RFC 4226 / RFC 6238 test keys (ASCII digits repeated to the hash's digest length).
func rfcSeed(_ length: Int) -> Secret {
  Secret((0..<length).map { UInt8(ascii: "0") + UInt8(($0 + 1) % 10) })
}

@Suite struct OneTimePasswordVectorTests {
  /// RFC 4226 Appendix D, secret "12345678901234567890", counters 0...9.
  @Test(
    arguments: Array(
      zip(
        0..<10,
        [
          "755224", "287082", "359152", "969429", "338314",
          "254676", "287922", "162583", "399871", "520489",
        ])))
  func hotpAppendixD(_ counter: Int, _ expected: String) {
    #expect(HOTP.code(secret: rfcSeed(20), counter: UInt64(counter)) == expected)
  }

  /// RFC 6238 Appendix B: every row, 8 digits, 30 s, 20/32/64-byte seeds.
  @Test(
    arguments: [
      (59, HashAlgorithm.sha1, "94287082"), (59, .sha256, "46119246"), (59, .sha512, "90693936"),
      (1_111_111_109, .sha1, "07081804"), (1_111_111_109, .sha256, "68084774"),
      (1_111_111_109, .sha512, "25091201"),
      (1_111_111_111, .sha1, "14050471"), (1_111_111_111, .sha256, "67062674"),
      (1_111_111_111, .sha512, "99943326"),
      (1_234_567_890, .sha1, "89005924"), (1_234_567_890, .sha256, "91819424"),
      (1_234_567_890, .sha512, "93441116"),
      (2_000_000_000, .sha1, "69279037"), (2_000_000_000, .sha256, "90698825"),
      (2_000_000_000, .sha512, "38618901"),
      (20_000_000_000, .sha1, "65353130"), (20_000_000_000, .sha256, "77737706"),
      (20_000_000_000, .sha512, "47863826"),
    ] as [(Int64, HashAlgorithm, String)])
  func totpAppendixB(_ time: Int64, _ algorithm: HashAlgorithm, _ expected: String) {
    let parameters = TOTPParameters(algorithm: algorithm, digits: 8, period: 30)
    let seed = rfcSeed(algorithm.digest.digestLength)
    #expect(TOTP.code(secret: seed, at: time, parameters: parameters) == expected)
  }

  /// Protocol note §4.6.1: JBSWY3DPEHPK3PXP at t = 1700000000, and the same key zero-extended
  /// to 20 bytes (what the vendor tool writes) gives the same codes.
  @Test(arguments: [(HashAlgorithm.sha1, "324550"), (.sha256, "049486")])
  func protocolNoteVector(_ algorithm: HashAlgorithm, _ expected: String) throws {
    let key = try Base32.decode("JBSWY3DPEHPK3PXP")
    let parameters = TOTPParameters(algorithm: algorithm)
    #expect(TOTP.code(secret: Secret(key), at: 1_700_000_000, parameters: parameters) == expected)
    let extended = key + [UInt8](repeating: 0, count: 20 - key.count)
    #expect(
      TOTP.code(secret: Secret(extended), at: 1_700_000_000, parameters: parameters) == expected)
  }

  @Test(
    arguments: [
      (0, 30, 30), (1, 30, 29), (29, 30, 1), (30, 30, 30), (59, 30, 1), (60, 60, 60),
      (1_700_000_000, 30, 10), (1_700_000_009, 30, 1), (1_700_000_010, 30, 30),
    ] as [(Int64, Int, Int)])
  func secondsLeftAtBoundaries(_ time: Int64, _ period: Int, _ expected: Int) {
    #expect(TOTP.secondsLeft(at: time, period: period) == expected)
  }

  @Test func windowAroundAStepBoundary() {
    let seed = rfcSeed(20)
    let parameters = TOTPParameters(digits: 8)
    // t = 59 is the last second of step 1; t = 60 starts step 2.
    let before = TOTP.window(secret: seed, at: 59, parameters: parameters)
    #expect(before.step == 1)
    #expect(before.current == "94287082")
    #expect(before.secondsLeft == 1)
    #expect(before.previous == HOTP.code(secret: seed, counter: 0, digits: 8))
    let after = TOTP.window(secret: seed, at: 60, parameters: parameters)
    #expect(after.step == 2)
    #expect(after.previous == before.current)
    #expect(after.current == before.next)
    #expect(after.secondsLeft == 30)
    #expect(after.period == 30)
  }

  @Test func windowAtTheEpochHasNoPreviousCode() {
    let window = TOTP.window(secret: rfcSeed(20), at: 0, parameters: .standard)
    #expect(window.step == 0)
    #expect(window.previous == nil)
    #expect(window.current == HOTP.code(secret: rfcSeed(20), counter: 0))
  }
}
