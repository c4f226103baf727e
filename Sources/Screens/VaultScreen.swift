import Canvas
import Wizard

/// The vault step: keep the burned key in the vault or not, and the passphrase (masked).
enum VaultScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let vault = state.vault
    page.paragraph("Keep this key in the vault?")
    page.skip()
    choice(
      page: &page, 1, "No: if the token is lost, the service issues a new key.",
      isChosen: !vault.keepsSecret)
    page.skip()
    choice(
      page: &page, 2, "Yes: keep it encrypted, so a replacement token can get the same key.",
      isChosen: vault.keepsSecret)
    page.paragraph(
      "Only for services that cannot issue a new key (one key shared by several "
        + "applications). A lost token keeps working until each service changes its key.",
      role: .hint, indent: 6)
    page.skip()
    guard vault.keepsSecret else {
      return [KeyHint("Up/Down", "choose"), KeyHint("1-2", "pick"), .next, .back, .quit]
    }
    if vault.isUnlocked {
      page.field("Vault", "open; the key is kept when the enrollment is recorded", role: .success)
    } else if vault.isUnlocking {
      page.line("Opening the vault...", role: .hint)
    } else {
      IdentityScreen.field(
        page: &page, label: "Passphrase", value: masked(vault.passphrase.text, glyphs: page.glyphs),
        isFocused: true, width: 32)
    }
    return [
      KeyHint("Up/Down", "choose"), KeyHint("Enter", vault.isUnlocked ? "next" : "open vault"),
      .back, .quit,
    ]
  }

  private static func choice(page: inout Page, _ number: Int, _ text: String, isChosen: Bool) {
    let marker = isChosen ? String(page.glyphs.pointer) : " "
    page.line("\(marker) \(number)  \(text)", role: isChosen ? .focus : .body)
  }

  /// As many mask characters as typed; the passphrase itself is never drawn.
  static func masked(_ text: String, glyphs: Glyphs) -> String {
    String(repeating: glyphs.mask, count: text.count)
  }
}
