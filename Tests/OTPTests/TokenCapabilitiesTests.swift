import Testing
import TokenCrypto

@testable import OTP

@Suite struct TokenCapabilitiesTests {
  let token = TokenCapabilities.token2SingleProfile

  func secret(_ count: Int) -> Secret { Secret([UInt8](repeating: 0x5A, count: count)) }

  @Test(
    arguments: [
      (OTPAlgorithmName.sha1, 30, 20, HashAlgorithm.sha1),
      (.sha256, 60, 32, .sha256),
      (.sha1, 30, 16, .sha1),
      (.sha1, 60, 63, .sha1),
    ] as [(OTPAlgorithmName, Int, Int, HashAlgorithm)])
  func burnable(_ algorithm: OTPAlgorithmName, _ period: Int, _ length: Int, _ hash: HashAlgorithm)
  {
    let result = token.check(
      type: .totp, algorithm: algorithm, digits: 6, period: period, secret: secret(length))
    #expect(result.problems.isEmpty)
    let plan = result.plan
    #expect(plan?.algorithm == hash)
    #expect(plan?.period == period)
    #expect(plan?.digits == 6)
    #expect(plan?.secret.count == length)
    #expect(plan?.warnings == [])
    #expect(plan?.totpParameters == TOTPParameters(algorithm: hash, digits: 6, period: period))
  }

  @Test func shortButAcceptableSecretWarns() {
    let plan = token.check(type: .totp, algorithm: .sha1, digits: 6, period: 30, secret: secret(10))
      .plan
    #expect(plan?.warnings == [.shortSecret(bytes: 10, recommended: 16)])
    #expect(plan?.warnings.first?.description.contains("10 bytes") == true)
  }

  @Test(
    arguments: [
      (
        OTPType.hotp, OTPAlgorithmName.sha1, 6, 30, 20, [CapabilityProblem.unsupportedType(.hotp)],
        "counter-based"
      ),
      (
        .totp, .sha512, 6, 30, 64,
        [
          .unsupportedAlgorithm(.sha512, supported: [.sha1, .sha256]),
          .secretTooLong(bytes: 64, maximum: 63),
        ], "SHA-512"
      ),
      (.totp, .md5, 6, 30, 20, [.unsupportedAlgorithm(.md5, supported: [.sha1, .sha256])], "MD5"),
      (
        .totp, .sha1, 8, 30, 20, [.unsupportedDigits(8, supported: [6])],
        "This token can only show 6-digit codes; the service asks for 8."
      ),
      (.totp, .sha1, 6, 45, 20, [.unsupportedPeriod(45, supported: [30, 60])], "30 or 60 seconds"),
      (.totp, .sha1, 6, 30, 9, [.secretTooShort(bytes: 9, minimum: 10)], "at least 10"),
      (.totp, .sha1, 6, 30, 0, [.secretTooShort(bytes: 0, minimum: 10)], "0 bytes"),
      (.totp, .sha1, 6, 30, 64, [.secretTooLong(bytes: 64, maximum: 63)], "at most 63"),
      (
        .hotp, .sha512, 8, 15, 5,
        [
          .unsupportedType(.hotp), .unsupportedAlgorithm(.sha512, supported: [.sha1, .sha256]),
          .unsupportedDigits(8, supported: [6]), .unsupportedPeriod(15, supported: [30, 60]),
          .secretTooShort(bytes: 5, minimum: 10),
        ], "SHA-1 and SHA-256"
      ),
    ] as [(OTPType, OTPAlgorithmName, Int, Int, Int, [CapabilityProblem], String)])
  func refused(
    _ type: OTPType, _ algorithm: OTPAlgorithmName, _ digits: Int, _ period: Int, _ length: Int,
    _ expected: [CapabilityProblem], _ phrase: String
  ) {
    let result = token.check(
      type: type, algorithm: algorithm, digits: digits, period: period, secret: secret(length))
    #expect(result.plan == nil)
    #expect(result.problems == expected)
    #expect(result.problems.map(\.description).joined(separator: " ").contains(phrase))
  }

  @Test func checksAParsedURI() throws {
    let ok = try OTPAuthURI.parse("otpauth://totp/x?secret=\(keyText)\(keyText)&period=60")
    #expect(token.check(ok).plan?.period == 60)
    let hotp = try OTPAuthURI.parse("otpauth://hotp/x?secret=\(keyText)\(keyText)&counter=3")
    #expect(token.check(hotp).problems == [.unsupportedType(.hotp)])
  }

  @Test func problemSentencesNeverQuoteTheSecret() {
    let key = secret(64)
    let result = token.check(type: .hotp, algorithm: .md5, digits: 8, period: 7, secret: key)
    for problem in result.problems {
      #expect(!problem.description.contains(Base32.encode(key.revealedBytes())))
      #expect(problem.description.hasSuffix("."))
    }
  }
}
