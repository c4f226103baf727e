import OTP

/// The vault step (keep the burned key, unlocking the vault) and the replace-lost task's
/// "same key from the vault". The key stays in the runtime; the state knows only whether it
/// is held.
extension WizardState {
  /// The first answer counts: the steps of a flow under way never change under the operator.
  mutating func vaultChecked(_ availability: VaultAvailability) -> [WizardEffect] {
    guard vault.availability == .unknown else { return [] }
    vault.availability = availability
    return []
  }

  mutating func vaultKey(_ action: UserAction) -> [WizardEffect] {
    guard !vault.isUnlocking else { return [] }
    switch action {
    case .back:
      return go(to: previousStep ?? .secret)
    case .moveUp, .moveDown:
      vault.keepsSecret.toggle()
      notice = nil
    case .choose(let number) where number == 1 || number == 2:
      vault.keepsSecret = number == 2
      notice = nil
    case .insert(let text) where vault.keepsSecret && !vault.isUnlocked:
      notice = nil
      vault.passphrase.insert(text)
    case .deleteBackward:
      vault.passphrase.deleteBackward()
    case .next:
      guard vault.keepsSecret, !vault.isUnlocked else { return afterVault() }
      guard !vault.passphrase.isEmpty else {
        notice = Notice(.error, "Type the vault passphrase, or choose 1 to not keep the key.")
        return []
      }
      vault.isUnlocking = true
      notice = nil
      return [.unlockVault(passphrase: takePassphrase())]
    default:
      break
    }
    return []
  }

  /// The typed passphrase as a `Secret`; the field is emptied at once.
  mutating func takePassphrase() -> Secret {
    let passphrase = Secret(Array(vault.passphrase.text.utf8))
    vault.passphrase.set("")
    return passphrase
  }

  /// The passphrase to send with a vault request: none when the runtime holds the key.
  mutating func passphraseIfLocked() -> Secret? {
    vault.isUnlocked ? nil : takePassphrase()
  }

  mutating func vaultUnlocked(_ result: Result<Unlocked, VaultFailure>) -> [WizardEffect] {
    guard vault.isUnlocking else { return [] }
    vault.isUnlocking = false
    switch result {
    case .success:
      vault.isUnlocked = true
      guard step == .vault else { return [] }
      return afterVault()
    case .failure(let failure):
      vault.isUnlocked = failure.isStillUnlocked
      notice = Notice(.error, "The vault did not open: \(failure.message)")
      return []
    }
  }

  /// After the vault step: the reader, or in the re-burn flow (token already read) the burn.
  mutating func afterVault() -> [WizardEffect] {
    guard flow == .reburn, readerPanel.identity != nil else { return go(to: .reader) }
    return startBurn()
  }

  /// Whether the secret step offers the lost token's key from the vault.
  public var offersVaultKey: Bool {
    flow == .replaceLost && lostToken.isMarked && lostToken.token?.hasVaultKey == true
      && vault.isAvailable
  }

  /// Enter on the secret step's vault choice: take the lost enrollment's key from the vault.
  mutating func takeKeyFromVault() -> [WizardEffect] {
    guard let token = lostToken.token else { return [] }
    if case .vault(let id) = credential?.origin, id == token.enrollmentID { return afterSecret() }
    guard vault.isUnlocked || !vault.passphrase.isEmpty else {
      notice = Notice(
        .error, "Type the vault passphrase to take the lost token's key from the vault.")
      return []
    }
    vault.isUnlocking = true
    notice = nil
    return [.takeVaultKey(enrollmentID: token.enrollmentID, passphrase: passphraseIfLocked())]
  }

  mutating func vaultKeyTaken(_ result: Result<VaultedKey, VaultFailure>) -> [WizardEffect] {
    guard vault.isUnlocking, step == .secret, let token = lostToken.token else { return [] }
    vault.isUnlocking = false
    switch result {
    case .success(let key):
      vault.isUnlocked = true
      accept(
        Credential(
          secret: key.secret, parameters: key.parameters, issuer: token.service,
          account: key.account, origin: .vault(enrollmentID: token.enrollmentID), warnings: []))
      notice = Notice(
        .warning,
        "Took the key of enrollment #\(token.enrollmentID) from the vault. The lost token keeps "
          + "working with it until each service changes its secret. Press Enter to go on.")
    case .failure(let failure):
      vault.isUnlocked = failure.isStillUnlocked
      notice = Notice(.error, "The key was not taken from the vault: \(failure.message)")
    }
    return []
  }

  /// Whether the enrollment's record keeps the key in the vault: chosen on the vault step, or
  /// implied when the key came from the vault (the new token may be lost too).
  var keepsSecretInVault: Bool {
    if case .vault = credential?.origin { return true }
    return vault.keepsSecret && vault.isUnlocked
  }
}
