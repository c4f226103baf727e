import Canvas
import Wizard

/// The register task's token step: the serial from the label (typed, or a photo of it) and
/// the vault passphrase that opens the imported seed.
enum FactoryTokenScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    let panel = state.factory
    page.paragraph(
      "A token that cannot be programmed carries a key set at the factory. Its seed comes from "
        + "the vendor's seed file, imported with `tokenburner seeds import`.")
    page.skip()
    IdentityScreen.field(
      page: &page, label: "Serial", value: panel.serial.text, isFocused: panel.focus == .serial)
    page.paragraph(
      "As printed on the label, or the path of a photo of the label (.png, .jpg, .webp) with "
        + "its QR code or barcode.", role: .hint, indent: 14)
    page.skip()
    if state.vault.isUnlocked {
      page.field("Passphrase", "vault open", role: .success)
    } else {
      IdentityScreen.field(
        page: &page, label: "Passphrase",
        value: VaultScreen.masked(state.vault.passphrase.text, glyphs: page.glyphs),
        isFocused: panel.focus == .passphrase, width: 32)
    }
    page.skip()
    if let pending = panel.pendingImage {
      page.line("Reading the label photo \(pending)...", role: .hint)
    } else if panel.isLookingUp {
      page.line("Opening the vault and looking the serial up...", role: .hint)
    } else if !state.vault.isAvailable {
      page.paragraph(
        "The registry has no vault: run `tokenburner vault init`, then `tokenburner seeds "
          + "import FILE`.", role: .warning)
    }
    let busy = panel.pendingImage != nil || panel.isLookingUp
    return [
      KeyHint("Tab/Up", "field"), KeyHint("Enter", busy ? "working..." : "look up"), .back, .quit,
    ]
  }
}
