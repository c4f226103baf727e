import Canvas
import OTP
import Token2
import Wizard

/// Translates keys into what they mean on the current screen (in the spirit of a key map per
/// form). Text fields take printable characters; elsewhere letters are commands.
public enum KeyMap {
  /// The action for `key` on `state`'s screen, or `nil` when the key means nothing there.
  public static func action(for key: Key, in state: WizardState) -> UserAction? {
    if state.isAskingToQuit { return questionAction(key) }
    switch key {
    case .function(10): return .quit
    case .function(2), .control("r"): return .toggleReveal
    case .enter: return .next
    case .escape: return .back
    case .up: return .moveUp
    case .down: return .moveDown
    case .backspace: return .deleteBackward
    case .backTab where state.step == .factoryToken: return .moveUp
    case .tab, .backTab:
      return state.step == .secret && state.secretEntry.method == .image
        ? .completePath : .nextField
    case .character(let character): return characterAction(character, in: state)
    default: return nil
    }
  }

  private static func questionAction(_ key: Key) -> UserAction? {
    switch key {
    case .character("y"), .character("Y"), .function(10): .yes
    case .character("n"), .character("N"), .escape: .no
    default: nil
    }
  }

  private static func characterAction(_ character: Character, in state: WizardState)
    -> UserAction?
  {
    if takesText(state) {
      if state.step == .secret && state.secretEntry.method == .image
        && state.secretEntry.imagePath.isEmpty, let digit = character.wholeNumberValue, digit > 0
      {
        return .choose(digit)
      }
      if state.step == .confirm && !character.isNumber {
        return letterAction(character, in: state)
      }
      return .insert(String(character))
    }
    if let digit = character.wholeNumberValue, digit > 0 { return .choose(digit) }
    return letterAction(character, in: state)
  }

  /// Whether the screen has a text field with the keyboard.
  static func takesText(_ state: WizardState) -> Bool {
    switch state.step {
    case .userAndService, .confirm, .verifyCode, .lostToken, .factoryToken: true
    case .secret: state.flow != .generate
    case .vault: state.vault.keepsSecret && !state.vault.isUnlocked
    default: false
    }
  }

  private static func letterAction(_ character: Character, in state: WizardState) -> UserAction? {
    switch (state.step, character.lowercased()) {
    case (_, "q"): .quit
    case (.reader, "r"), (.burn, "r"): .retry
    case (.reader, "u"): .allowUnknownModel
    case (.burn, "o"): .chooseAnotherReader
    case (.confirm, "m"): .confirmCodesMatch
    case (.backupCodes, "p"): .printCodes
    case (.backupCodes, "s"): .saveCodes
    case (.backupCodes, "w"): .acknowledgeCodes
    case (.done, "n"): .startOver
    default: nil
    }
  }
}
