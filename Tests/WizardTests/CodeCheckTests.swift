import OTP
import TestSupport
import Testing
import TokenCrypto

@testable import Wizard

/// Codes: RFC 6238 appendix B (SHA-1 seed, 1111111109 → 07081804), the others from
/// `oathtool --totp[=sha256] [-s 60] -N @T 3132333435363738393031323334353637383930`.
@Suite struct CodeCheckTests {
  private func verdict(_ typed: String) -> CodeVerdict {
    CodeCheck.verdict(
      typed: typed, secret: SampleToken.secret, parameters: .standard, now: SampleToken.time)
  }

  @Test(arguments: [("081804", 0), ("731029", -1), ("050471", 1), ("081 804", 0)])
  func withinOneStepIsAcceptedAndSaysWhichStep(code: String, offset: Int) {
    #expect(verdict(code) == .matched(stepOffset: offset))
  }

  @Test func driftIsDiagnosedInSteps() {
    #expect(verdict("677498") == .mismatch(.clockDrift(steps: -5, seconds: -150)))
  }

  @Test func sixtySecondTokenIsDiagnosed() {
    #expect(verdict("360094") == .mismatch(.periodDiffers(tokenPeriod: 60)))
  }

  @Test func sha256TokenIsDiagnosed() {
    #expect(verdict("756375") == .mismatch(.algorithmDiffers(tokenAlgorithm: .sha256)))
  }

  @Test func shortAndForeignCodes() {
    #expect(verdict("0818") == .mismatch(.wrongLength(4)))
    #expect(verdict("000000") == .mismatch(.unexplained))
  }
}
