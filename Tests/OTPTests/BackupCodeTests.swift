import OTP
import Testing
import TokenCrypto

@Suite struct BackupCodeTests {
  /// Hands out fixed bytes, then fails, so a test sees exactly what was consumed.
  struct FixedRandom: RandomSource {
    let pool: [UInt8]
    func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
      guard count <= pool.count else { throw .libraryFailure("exhausted") }
      return Array(pool.prefix(count))
    }
  }

  @Test func alphabetHasNoLookAlikesAndCarriesSixtyBits() {
    #expect(BackupCode.alphabet.count == 30)
    for lookAlike in "01ILOU" { #expect(!BackupCode.alphabet.contains(lookAlike)) }
    let symbols = BackupCode.groupLength * BackupCode.groupCount
    let combinations = (0..<symbols).reduce(1.0) { product, _ in product * 30 }
    #expect(combinations >= Double(UInt64(1) << 60))
  }

  @Test func bytesMapToSymbolsAndHighBytesAreSkipped() throws {
    // 0 → "2", 29 → "Z", 30 → "2" again (30 mod 30), 239 → "Z" (239 mod 30 = 29); 240+ skipped.
    let bytes: [UInt8] = [0, 240, 29, 255, 30, 239] + Array(repeating: 1, count: 11)
    let codes = try #require(BackupCode.codes(count: 1, from: bytes))
    #expect(codes.map(\.text) == ["2Z2Z3-33333-33333"])
  }

  @Test func tooFewBytesGiveNoCodes() {
    #expect(BackupCode.codes(count: 1, from: Array(repeating: 250, count: 100)) == nil)
  }

  @Test func generateDrawsTenCodesInThreeGroupsOfFive() throws {
    let pool = (0..<400).map { UInt8($0 % 256) }
    let codes = try BackupCode.generate(using: FixedRandom(pool: pool))
    #expect(codes.count == 10)
    for code in codes {
      #expect(code.text.split(separator: "-").map(\.count) == [5, 5, 5])
    }
    #expect(codes[0].text == "23456-789AB-CDEFG")
  }

  @Test func typedCodesForgiveCaseAndSeparatorsAndNeverPrint() throws {
    let code = try #require(BackupCode(typed: "k7qmx 4xtpr-9whzd"))
    #expect(code.text == "K7QMX-4XTPR-9WHZD")
    #expect("\(code)" == "BackupCode(redacted)")
    #expect(BackupCode(typed: "K7QMX-4XTPR-9WHZ0") == nil)
  }
}
