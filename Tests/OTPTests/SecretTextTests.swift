import Testing

@testable import OTP

@Suite struct SecretTextTests {
  @Test(arguments: [
    keyText, "jbsw y3dp ehpk 3pxp", "JBSW-Y3DP-EHPK-3PXP==", "  \(keyText)\n",
    "0x48656c6c6f21deadbeef", "0X48 65 6C 6C 6F 21 DE AD BE EF", " 0x48656c6c6f21DEADBEEF\n",
  ])
  func parsesBase32AndPrefixedHex(_ text: String) throws {
    #expect(try SecretText.parse(text).revealedBytes() == keyBytes)
  }

  @Test(
    arguments: [
      ("", SecretTextError.empty),
      ("   \n", .empty),
      ("====", .empty),
      ("0x", .empty),
      ("0x 12 3", .oddHexLength(digits: 3)),
      ("0x12zz", .invalidHexCharacter(position: 5)),
      ("0x12:34", .invalidHexCharacter(position: 5)),
      ("3132333435363738", .base32(.invalidCharacter(position: 2))),
      ("JBSW Y3DP 1", .base32(.invalidCharacter(position: 11))),
      ("JBSWY3DPE", .base32(.impossibleLength(symbols: 9))),
    ] as [(String, SecretTextError)])
  func rejectsWithAReason(_ text: String, _ expected: SecretTextError) {
    #expect(throws: expected) { try SecretText.parse(text) }
    #expect(expected.description.hasSuffix(".") || expected.description.hasSuffix("?"))
  }

  @Test func errorsNeverQuoteTheText() {
    let pasted = "0x" + String(repeating: "ab", count: 10) + "g"
    do {
      _ = try SecretText.parse(pasted)
      Issue.record("accepted")
    } catch {
      #expect(!error.description.contains("abab"))
      #expect(!error.description.contains("'"))
      #expect(error == .invalidHexCharacter(position: 23))
    }
  }
}
