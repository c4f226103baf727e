import Canvas
import OTP
import Token2
import Wizard

/// The secret step: image path with completion and recent images, or pasted text; or, in the
/// generate flow, the generated key.
enum SecretScreen {
  static func draw(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    if state.flow == .generate { return drawGenerate(state, into: &page) }
    let entry = state.secretEntry
    page.line("How does the service give you the key?")
    page.skip()
    let isImage = entry.method == .image
    choice(page: &page, "Decode a QR image file (screenshot or photo)", isChosen: isImage)
    IdentityScreen.field(
      page: &page, label: "    Path", value: entry.imagePath.text, isFocused: isImage)
    if isImage { drawImageHelp(entry, into: &page) }
    page.skip()
    let isPaste = entry.method == .paste
    choice(page: &page, "Paste an otpauth:// URI or a Base32 key", isChosen: isPaste)
    let pasted =
      entry.isRevealed
      ? entry.pasted.text : String(repeating: page.glyphs.mask, count: entry.pasted.text.count)
    IdentityScreen.field(page: &page, label: "    Key", value: pasted, isFocused: isPaste)
    page.skip()
    if state.offersVaultKey { drawVaultChoice(state, into: &page) }
    drawCredential(state, into: &page)
    var keys = [KeyHint("Up/Down", "method")]
    if isImage { keys.append(KeyHint("Tab", "complete")) }
    keys += [KeyHint("Ctrl-R", entry.isRevealed ? "hide" : "show"), .next, .back, .quit]
    return keys
  }

  /// Replace-lost only: the lost token's key, kept in the vault, with the warning that goes
  /// with burning it again.
  private static func drawVaultChoice(_ state: WizardState, into page: inout Page) {
    let isVault = state.secretEntry.method == .vault
    choice(page: &page, "The same key again, from the vault", isChosen: isVault)
    if state.vault.isUnlocked {
      page.field("    Vault", "open", role: .success)
    } else {
      IdentityScreen.field(
        page: &page, label: "   Passphrase",
        value: VaultScreen.masked(state.vault.passphrase.text, glyphs: page.glyphs),
        isFocused: isVault, width: 32)
    }
    if isVault {
      page.paragraph(
        "The lost token keeps working with this key until each service changes its secret. "
          + "Use it only where the service cannot issue a new key.", role: .warning, indent: 4)
    }
    page.skip()
  }

  private static func choice(page: inout Page, _ text: String, isChosen: Bool) {
    page.line((isChosen ? "\(page.glyphs.pointer) " : "  ") + text, role: isChosen ? .focus : .body)
  }

  private static func drawImageHelp(_ entry: SecretEntry, into page: inout Page) {
    if !entry.completions.isEmpty {
      let names = entry.completions.prefix(4).map {
        $0.split(separator: "/").last.map(String.init) ?? $0
      }
      page.line("Matches: " + names.joined(separator: "  "), role: .hint, indent: 4)
    } else if let pending = entry.pendingImage {
      page.line("Decoding \(pending)...", role: .hint, indent: 4)
    } else if !entry.recentImages.isEmpty && entry.imagePath.isEmpty {
      page.line("Recent images (press the number):", role: .hint, indent: 4)
      for (index, path) in entry.recentImages.enumerated() where page.rowsLeft > 5 {
        page.line("\(index + 1)  \(path)", indent: 6)
      }
    }
  }

  /// What is known about the key: masked unless revealed.
  static func drawCredential(_ state: WizardState, into page: inout Page) {
    guard let credential = state.credential else { return }
    let p = credential.parameters
    let source: String =
      switch credential.origin {
      case .image(let path): "from \(path)"
      case .pasted: "pasted"
      case .generated: "generated"
      case .vault(let id): "from the vault (enrollment #\(id))"
      case .factorySeed(let serial): "factory seed of \(serial)"
      }
    page.field(
      "Key",
      "\(keyText(credential.secret, revealed: state.secretEntry.isRevealed, glyphs: page.glyphs))",
      role: .code)
    page.field(
      "",
      "\(credential.secret.count) bytes, \(p.algorithm.rawValue), \(p.digits) digits, "
        + "\(p.period) s, \(source)", role: .hint)
    if let issuer = credential.issuer {
      page.field(
        "", "Issuer \(issuer)\(credential.account.map { ", account \($0)" } ?? "")", role: .hint)
    }
  }

  /// The Base32 key in groups of four, or as many mask characters.
  static func keyText(_ secret: Secret, revealed: Bool, glyphs: Glyphs) -> String {
    let grouped = Base32.grouped(Base32.encode(secret))
    guard revealed else {
      return String(grouped.map { $0 == " " ? " " : glyphs.mask })
    }
    return grouped
  }

  private static func drawGenerate(_ state: WizardState, into page: inout Page) -> [KeyHint] {
    page.paragraph(
      "A new random key is made for this enrollment: \(WizardState.generatedSecretLength) bytes "
        + "from the system's random source, SHA1, 6 digits, 30 s. After the burn it is shown as a "
        + "QR code and as text, for the service's 2FA user manager.")
    page.skip()
    if state.credential == nil {
      page.line(
        state.secretEntry.isGenerating ? "Generating..." : "Press Enter to generate the key.",
        role: .focus)
    } else {
      drawCredential(state, into: &page)
      page.skip()
      page.line("Press Enter to go on to the reader.", role: .hint)
    }
    return [KeyHint("Ctrl-R", state.secretEntry.isRevealed ? "hide" : "show"), .next, .back, .quit]
  }
}
