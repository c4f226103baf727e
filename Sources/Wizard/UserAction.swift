/// What the operator meant by a key press. `Screens.KeyMap` translates keys into these, so the
/// wizard never sees raw keys; which actions a step answers to is the step's business, and
/// every other action is ignored.
public enum UserAction: Equatable, Sendable {
  /// Go on (Enter).
  case next
  /// Go one step back, keeping what was entered (Esc).
  case back
  /// Leave the wizard; asks first when work would be lost.
  case quit
  /// Answer "yes" to the question on screen.
  case yes
  /// Answer "no" to the question on screen.
  case no
  /// Move the highlight up in a list.
  case moveUp
  /// Move the highlight down in a list.
  case moveDown
  /// Pick the numbered entry (1-based, as shown).
  case choose(Int)
  /// Switch to the next text field.
  case nextField
  /// Add text at the end of the focused field.
  case insert(String)
  /// Delete the last character of the focused field.
  case deleteBackward
  /// Complete the file name in the image path field.
  case completePath
  /// Show or hide the secret on screen.
  case toggleReveal
  /// Try the last device operation again.
  case retry
  /// Go back to the reader list to use another reader.
  case chooseAnotherReader
  /// Burn a token whose serial prefix is not in the model table.
  case allowUnknownModel
  /// The operator compared the codes by eye and they match.
  case confirmCodesMatch
  /// Print the backup code sheet.
  case printCodes
  /// Save the backup code sheet to a file.
  case saveCodes
  /// The operator (or user) wrote the backup codes down.
  case acknowledgeCodes
  /// Start a new enrollment from the first step.
  case startOver
}
