import OTP
import Token2

/// The secret step: image path (with completion and recent images), paste, or generate.
extension WizardState {
  mutating func secretKey(_ action: UserAction) -> [WizardEffect] {
    if flow == .generate { return generateKey(action) }
    switch action {
    case .back: return go(to: previousStep ?? .userAndService)
    case .next: return secretNext()
    case .toggleReveal: secretEntry.isRevealed.toggle()
    case .moveUp, .moveDown, .nextField:
      let methods = secretMethods
      let index = methods.firstIndex(of: secretEntry.method) ?? 0
      if methods.count == 2 {
        secretEntry.method = methods[1 - index]
      } else {
        // With the vault's passphrase field in the list, no wrap-around: one key press too
        // many must not carry a passphrase into the clear-text image path.
        let next = action == .moveUp ? index - 1 : index + 1
        secretEntry.method = methods[min(max(next, 0), methods.count - 1)]
      }
      secretEntry.completions = []
      notice = nil
    case .completePath where secretEntry.method == .image:
      return [.listDirectory(prefix: secretEntry.imagePath.text)]
    case .choose(let number) where secretEntry.method == .image && secretEntry.imagePath.isEmpty:
      guard secretEntry.recentImages.indices.contains(number - 1) else { return [] }
      secretEntry.imagePath.set(secretEntry.recentImages[number - 1])
      return decode(secretEntry.imagePath.text)
    case .insert(let text):
      notice = nil
      secretEntry.completions = []
      switch secretEntry.method {
      case .image: secretEntry.imagePath.insert(text)
      case .paste: secretEntry.pasted.insert(text)
      case .vault: if !vault.isUnlocked { vault.passphrase.insert(text) }
      }
    case .deleteBackward:
      switch secretEntry.method {
      case .image: secretEntry.imagePath.deleteBackward()
      case .paste: secretEntry.pasted.deleteBackward()
      case .vault: vault.passphrase.deleteBackward()
      }
    default: break
    }
    return []
  }

  /// The ways of entering the key offered here: the vault only for a lost token it kept.
  public var secretMethods: [SecretMethod] {
    offersVaultKey ? [.image, .paste, .vault] : [.image, .paste]
  }

  /// Enter: use the credential already read, or read the field of the chosen method.
  private mutating func secretNext() -> [WizardEffect] {
    guard !vault.isUnlocking else { return [] }
    switch secretEntry.method {
    case .vault:
      return takeKeyFromVault()
    case .image:
      let path = secretEntry.imagePath.text
      if case .image(let decodedPath) = credential?.origin, decodedPath == path {
        return afterSecret()
      }
      guard !path.isEmpty else {
        notice = Notice(.error, "Type the path of the QR image, or pick a recent image by number.")
        return []
      }
      return decode(path)
    case .paste:
      if secretEntry.pasted.isEmpty && credential?.origin == .pasted { return afterSecret() }
      guard !secretEntry.pasted.isEmpty else {
        notice = Notice(.error, "Paste the otpauth:// URI or the Base32 key the service shows.")
        return []
      }
      switch CredentialReader.read(secretEntry.pasted.text, origin: .pasted) {
      case .success(let read):
        accept(read)
        // Once read, the key lives only in the `Secret`; the typed text is dropped.
        secretEntry.pasted.set("")
        return afterSecret()
      case .failure(let failure):
        notice = Notice(.error, failure.message)
        return []
      }
    }
  }

  /// The vault step when the vault exists, else what follows it.
  mutating func afterSecret() -> [WizardEffect] {
    offersVaultStep ? go(to: .vault) : afterVault()
  }

  private mutating func decode(_ path: String) -> [WizardEffect] {
    guard secretEntry.pendingImage != path else { return [] }
    secretEntry.pendingImage = path
    notice = nil
    return [.decodeImage(path: path)]
  }

  /// Keeps a credential and fills empty identity fields from it.
  mutating func accept(_ read: Credential) {
    credential = read
    if service.isEmpty, let issuer = read.issuer { service.set(issuer) }
    if user.isEmpty, let account = read.account { user.set(account) }
  }

  mutating func decoded(_ path: String, _ result: Result<[String], DriverFailure>)
    -> [WizardEffect]
  {
    guard secretEntry.pendingImage == path else { return [] }
    secretEntry.pendingImage = nil
    let read = result.flatMap { CredentialReader.read(payloads: $0, path: path) }
    switch read {
    case .success(let credential):
      accept(credential)
      let warning = credential.warnings.first.map { " " + $0 } ?? ""
      notice = Notice(
        credential.warnings.isEmpty ? .success : .warning,
        "Read a key from \(path)." + warning)
    case .failure(let failure):
      if case .image = credential?.origin { credential = nil }
      notice = Notice(.error, failure.message)
    }
    return []
  }

  mutating func listRecent(_ paths: [String]) -> [WizardEffect] {
    secretEntry.recentImages = Array(paths.prefix(SecretEntry.recentLimit))
    return []
  }

  /// Completes the path to the longest common prefix; several candidates are listed.
  mutating func complete(_ prefix: String, _ matches: [String]) -> [WizardEffect] {
    guard step == .secret, secretEntry.method == .image, secretEntry.imagePath.text == prefix
    else { return [] }
    guard let first = matches.first else {
      notice = Notice(.warning, "No file name starts with \(prefix.isEmpty ? "that" : prefix).")
      return []
    }
    var common = first
    for match in matches.dropFirst() {
      common = String(zip(common, match).prefix { $0 == $1 }.map(\.0))
    }
    if common.count > prefix.count { secretEntry.imagePath.set(common) }
    secretEntry.completions = matches.count > 1 ? matches : []
    return []
  }

  // MARK: - Generate flow

  private mutating func generateKey(_ action: UserAction) -> [WizardEffect] {
    switch action {
    case .back: return go(to: .userAndService)
    case .toggleReveal: secretEntry.isRevealed.toggle()
    case .next:
      if credential?.origin == .generated { return afterSecret() }
      guard !secretEntry.isGenerating else { return [] }
      secretEntry.isGenerating = true
      return [.generateSecret(byteCount: Self.generatedSecretLength)]
    default: break
    }
    return []
  }

  mutating func generated(_ secret: Secret) -> [WizardEffect] {
    guard secretEntry.isGenerating else { return [] }
    secretEntry.isGenerating = false
    credential = Credential(
      secret: secret, parameters: .standard, issuer: nil, account: nil, origin: .generated,
      warnings: [])
    notice = Notice(.success, "A new \(secret.count)-byte key was generated.")
    return []
  }
}
