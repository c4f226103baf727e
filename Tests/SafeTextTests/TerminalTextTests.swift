import SafeText
import Testing

@Suite struct TerminalTextTests {
  /// Every scalar a terminal acts on, with the spelling worked out by hand from the rule in
  /// `TerminalText`'s documentation (not from the function).
  static let hostile: [(UInt32, String)] =
    (0x00...0x1F).map { ($0, "\\x" + hex2($0)) } + [(0x7F, "\\x7f")]
    + (0x80...0x9F).map { ($0, "<U+00" + hex2($0).uppercased() + ">") }
    + [
      0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068,
      0x2069,
    ]
    .map { ($0, "<U+" + String($0, radix: 16).uppercased().leftZeroPadded(4) + ">") }

  static func hex2(_ value: UInt32) -> String {
    let digits = Array("0123456789abcdef")
    return String([digits[Int(value >> 4)], digits[Int(value & 0xF)]])
  }

  @Test func everyControlDELAndBidiControlIsSpelledOut() {
    #expect(Self.hostile.count == 32 + 1 + 32 + 12)
    for (value, spelling) in Self.hostile {
      let scalar = Unicode.Scalar(value)!
      let text = "a" + String(Character(scalar)) + "b"
      #expect(TerminalText.escaped(text) == "a" + spelling + "b", "U+\(String(value, radix: 16))")
      #expect(TerminalText.isUnsafe(scalar))
      #expect(TerminalText.isSafe(TerminalText.escaped(text)))
    }
  }

  @Test func knownSpellings() {
    #expect(TerminalText.escaped("\u{1B}[2J\u{1B}]0;pwned\u{07}") == "\\x1b[2J\\x1b]0;pwned\\x07")
    #expect(TerminalText.escaped("moc.\u{202E}elgoog") == "moc.<U+202E>elgoog")
    #expect(TerminalText.escaped("\u{9B}31m") == "<U+009B>31m")
    #expect(TerminalText.escaped("a\r\nb\tc") == "a\\x0d\\x0ab\\x09c")
  }

  @Test func layoutKeepsLineFeedAndTabOnly() {
    #expect(TerminalText.escapedKeepingLayout("a\nb\tc") == "a\nb\tc")
    #expect(TerminalText.escapedKeepingLayout("a\r\n\u{1B}c\u{7F}") == "a\\x0d\n\\x1bc\\x7f")
    #expect(TerminalText.escapedKeepingLayout("x\u{2066}y\u{85}") == "x<U+2066>y<U+0085>")
  }

  @Test func ordinaryTextIsUntouched() {
    for text in [
      "Café", "山田太郎", "Jürgen Groß", "👩🏽‍💻 dev", "🇩🇪", "e\u{301}", "C# & AT&T", "Ann:ann@example.com",
      "DOMAIN\\user", "mañana <U+202E>", "عربي", "עברית", "\u{200D}\u{200B}\u{A0}", "",
    ] {
      #expect(TerminalText.escaped(text) == text)
      #expect(TerminalText.escapedKeepingLayout(text) == text)
      #expect(TerminalText.isSafe(text))
    }
  }

  @Test func neighboursOfTheRangesAreKept() {
    for value: UInt32 in [
      0x20, 0x7E, 0xA0, 0x061B, 0x061D, 0x200D, 0x2010, 0x2029, 0x202F, 0x2065, 0x206A,
    ] {
      #expect(!TerminalText.isUnsafe(Unicode.Scalar(value)!), "U+\(String(value, radix: 16))")
    }
  }
}

extension String {
  fileprivate func leftZeroPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
