import Canvas
import Screens
import TestSupport
import Testing
import Wizard

@Suite struct KeyMapTests {
  @Test func lettersAreTextInFieldsAndCommandsElsewhere() {
    let identity = WizardStates.identityStep()
    #expect(KeyMap.action(for: .character("q"), in: identity) == .insert("q"))
    #expect(KeyMap.action(for: .function(10), in: identity) == .quit)
    let reader = WizardStates.readerStep()
    #expect(KeyMap.action(for: .character("q"), in: reader) == .quit)
    #expect(KeyMap.action(for: .character("r"), in: reader) == .retry)
    #expect(KeyMap.action(for: .character("2"), in: reader) == .choose(2))
  }

  @Test func confirmTakesDigitsAndM() {
    let confirm = WizardStates.confirm()
    #expect(KeyMap.action(for: .character("7"), in: confirm) == .insert("7"))
    #expect(KeyMap.action(for: .character("m"), in: confirm) == .confirmCodesMatch)
  }

  @Test func tabCompletesOnlyInTheImagePath() {
    #expect(KeyMap.action(for: .tab, in: WizardStates.secretStep()) == .completePath)
    #expect(KeyMap.action(for: .tab, in: WizardStates.pastedSecret()) == .nextField)
    #expect(KeyMap.action(for: .character("1"), in: WizardStates.secretStep()) == .choose(1))
  }

  @Test func theVaultStepPicksByNumberUntilThePassphraseFieldTakesText() {
    let choosing = WizardStates.vaultStep()
    #expect(KeyMap.action(for: .character("2"), in: choosing) == .choose(2))
    #expect(KeyMap.action(for: .character("q"), in: choosing) == .quit)
    let typing = WizardStates.vaultStep(keeping: true)
    #expect(
      KeyMap.action(for: .character("2"), in: typing) == .insert("2"), "passphrases have digits")
    #expect(KeyMap.action(for: .character("q"), in: typing) == .insert("q"))
    #expect(KeyMap.action(for: .down, in: typing) == .moveDown)
    #expect(KeyMap.action(for: .function(10), in: typing) == .quit)
  }

  @Test func theFactoryStepAndTheVaultChoiceTakeText() {
    #expect(KeyMap.action(for: .character("7"), in: WizardStates.factoryStep()) == .insert("7"))
    #expect(KeyMap.action(for: .tab, in: WizardStates.factoryStep()) == .nextField)
    #expect(KeyMap.action(for: .backTab, in: WizardStates.factoryStep()) == .moveUp)
    #expect(KeyMap.action(for: .character("n"), in: WizardStates.secretFromVault()) == .insert("n"))
  }

  @Test func theQuitQuestionTakesOnlyYesAndNo() {
    var state = WizardStates.pastedSecret()
    _ = state.handle(.keyPressed(.quit))
    #expect(KeyMap.action(for: .character("y"), in: state) == .yes)
    #expect(KeyMap.action(for: .escape, in: state) == .no)
    #expect(KeyMap.action(for: .character("x"), in: state) == nil)
  }

  @Test func capabilitiesFollowLocaleTermAndNoColor() {
    let utf8 = TerminalCapabilities.decide(
      codeset: "UTF-8", term: "xterm", noColor: nil, hasColors: true)
    #expect(utf8 == TerminalCapabilities(glyphs: .unicode, qrStyle: .halfBlocks, usesColor: true))
    let console = TerminalCapabilities.decide(
      codeset: "UTF-8", term: "linux", noColor: "1", hasColors: true)
    #expect(
      console == TerminalCapabilities(glyphs: .unicode, qrStyle: .fullBlocks, usesColor: false))
    let c = TerminalCapabilities.decide(
      codeset: "ANSI_X3.4-1968", term: "xterm", noColor: "", hasColors: false)
    #expect(c == TerminalCapabilities(glyphs: .ascii, qrStyle: .ascii, usesColor: false))
  }
}
