import Canvas
import Terminal
import Testing

/// The curses codes `CursesTerminal` reads, translated into keys (without a terminal).
@Suite struct KeyTranslationTests {
  @Test func cursesCodesTranslate() {
    #expect(KeyTranslation.character(0x0D) == .enter)
    #expect(KeyTranslation.character(0x12) == .control("r"))
    #expect(KeyTranslation.character(0x7F) == .backspace)
    #expect(KeyTranslation.character(0xE9) == .character("é"))
    #expect(KeyTranslation.special(0o410 + 10) == .function(10))
    #expect(KeyTranslation.special(0o403) == .up)
  }
}
