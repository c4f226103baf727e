import Testing

@testable import OTP

/// RFC 4648 §10 test vectors, Base32 column.
let rfc4648Vectors: [(plain: String, padded: String, unpadded: String)] = [
  ("", "", ""),
  ("f", "MY======", "MY"),
  ("fo", "MZXQ====", "MZXQ"),
  ("foo", "MZXW6===", "MZXW6"),
  ("foob", "MZXW6YQ=", "MZXW6YQ"),
  ("fooba", "MZXW6YTB", "MZXW6YTB"),
  ("foobar", "MZXW6YTBOI======", "MZXW6YTBOI"),
]

@Suite struct Base32Tests {
  @Test(arguments: rfc4648Vectors)
  func encodesRFC4648Vectors(_ vector: (plain: String, padded: String, unpadded: String)) {
    let bytes = Array(vector.plain.utf8)
    #expect(Base32.encode(bytes, padded: true) == vector.padded)
    #expect(Base32.encode(bytes) == vector.unpadded)
  }

  @Test(arguments: rfc4648Vectors)
  func decodesRFC4648VectorsPaddedOrNot(_ vector: (plain: String, padded: String, unpadded: String))
    throws
  {
    let bytes = Array(vector.plain.utf8)
    #expect(try Base32.decode(vector.padded) == bytes)
    #expect(try Base32.decode(vector.unpadded) == bytes)
    #expect(try Base32.decode(vector.padded.lowercased()) == bytes)
    #expect(try Base32.decode(vector.padded, canonical: true) == bytes)
  }

  @Test(arguments: [
    "JBSWY3DPEHPK3PXP",
    "jbswy3dpehpk3pxp",
    "JBSW Y3DP EHPK 3PXP",
    "jbsw-y3dp-ehpk-3pxp",
    " JBSW\tY3DP\nEHPK\r\n3PXP ",
    "JbSw Y3dP eHpK 3PxP",
    "JBSW\u{00A0}Y3DP\u{2009}EHPK 3PXP",
    "JBSWY3DPEHPK3PXP========",
    "JBSWY3DPEHPK3PXP=",
  ])
  func lenientInputDecodesTheSameKey(_ text: String) throws {
    #expect(try Base32.decode(text) == Array("Hello!".utf8) + [0xDE, 0xAD, 0xBE, 0xEF])
  }

  @Test(
    arguments: [
      ("JBSW0Y3DP", 5),
      ("JBSW1Y3DP", 5),
      ("JBSW 8Y3DP", 6),
      ("JBSW9", 5),
      ("JB_SW", 3),
      ("JBSW.Y3DP", 5),
      ("JBSW+Y3DP", 5),
      ("JBSWÉ", 5),
      ("山田", 1),
    ] as [(String, Int)])
  func rejectsCharactersOutsideTheAlphabet(_ text: String, _ position: Int) {
    #expect(throws: Base32Error.invalidCharacter(position: position)) {
      try Base32.decode(text)
    }
  }

  @Test func rejectsDataAfterPadding() {
    #expect(throws: Base32Error.dataAfterPadding(position: 3)) { try Base32.decode("MY==MY") }
  }

  @Test(arguments: [1, 3, 6, 9, 11, 14])
  func rejectsImpossibleLengths(_ symbols: Int) {
    let text = String(repeating: "A", count: symbols)
    #expect(throws: Base32Error.impossibleLength(symbols: symbols)) { try Base32.decode(text) }
  }

  @Test func dropsNonZeroTrailingBitsUnlessCanonical() throws {
    // "MZ" carries 10 bits: 'f' (0x66) and two leftover bits 0b11.
    #expect(try Base32.decode("MZ") == [0x66])
    #expect(throws: Base32Error.nonZeroTrailingBits) { try Base32.decode("MZ", canonical: true) }
    // A random-symbol secret of 26 characters, as some services generate, still decodes.
    #expect(try Base32.decode("ABCDEFGHIJKLMNOPQRSTUVWXYZ").count == 16)
  }

  @Test func roundTripsEveryLength() throws {
    for length in 0...70 {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      #expect(try Base32.decode(Base32.encode(bytes)) == bytes)
      #expect(try Base32.decode(Base32.encode(bytes, padded: true), canonical: true) == bytes)
      #expect(try Base32.decode(Base32.grouped(Base32.encode(bytes))) == bytes)
    }
  }

  @Test func groupsForReading() {
    #expect(Base32.grouped("JBSWY3DPEHPK3PXP") == "JBSW Y3DP EHPK 3PXP")
    #expect(Base32.grouped("JBSWY3DPEH", groupSize: 3) == "JBS WY3 DPE H")
    #expect(Base32.grouped("") == "")
  }

  @Test func errorDescriptionsNameThePositionAndHint() {
    let error = Base32Error.invalidCharacter(position: 7)
    #expect(error.description.contains("Character 7 is not Base32"))
    #expect(error.description.contains("misread O, I, L or B"))
  }

  /// The wrong character is part of the key around it: the error names where it is, never what
  /// it is (no quote of it, no code point, no hint that singles it out).
  @Test(arguments: ["%", "\u{7}", "\u{1B}", "é", "9"])
  func errorsNeverShowTheWrongCharacter(_ bad: String) {
    let text = "MFRGGZDF" + bad + "MFRGGZDF"
    do {
      _ = try Base32.decode(text)
      Issue.record("accepted")
    } catch {
      #expect(error == .invalidCharacter(position: 9))
      let sentence = error.description
      #expect(!sentence.contains("'"))
      #expect(!sentence.contains("U+"))
      #expect(!sentence.contains("Is it"))
      #expect(!sentence.unicodeScalars.contains { $0.value < 0x20 || $0.value > 0x7E })
    }
  }
}
