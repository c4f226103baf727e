import OTP

/// The register task's factory-token step: the serial (typed, or read from a photo of the
/// label), the vault passphrase, and the seed looked up; then the service-key, confirm and
/// backup-code steps as in the generate flow, with the registration in place of a burn.
extension WizardState {
  /// Label photos are recognised by these endings; anything else is a typed serial.
  static let labelImageEndings = [".png", ".jpg", ".jpeg", ".webp"]

  mutating func factoryTokenKey(_ action: UserAction) -> [WizardEffect] {
    guard !factory.isLookingUp, factory.pendingImage == nil else { return [] }
    switch action {
    case .back:
      return go(to: .userAndService)
    // Forward always lands on the passphrase (never back on the clear-text serial, where a
    // passphrase typed after one Tab too many would show); Up or Shift-Tab goes back.
    case .nextField, .moveDown:
      factory.focus = vault.isUnlocked ? .serial : .passphrase
    case .moveUp:
      factory.focus = .serial
    case .insert(let text):
      notice = nil
      if factory.focus == .serial {
        factory.serial.insert(text)
      } else {
        vault.passphrase.insert(text)
      }
    case .deleteBackward:
      if factory.focus == .serial {
        factory.serial.deleteBackward()
      } else {
        vault.passphrase.deleteBackward()
      }
    case .next:
      return factoryNext()
    default:
      break
    }
    return []
  }

  private mutating func factoryNext() -> [WizardEffect] {
    let text = factory.serial.text.trimmingWhitespace
    if let token = factory.token, token.serial == text, credential != nil {
      return go(to: .serviceKey)
    }
    guard !text.isEmpty else {
      factory.focus = .serial
      notice = Notice(
        .error, "Type the serial printed on the token's label, or the path of a photo of the label."
      )
      return []
    }
    let lowered = text.lowercased()
    if Self.labelImageEndings.contains(where: { lowered.hasSuffix($0) }) {
      factory.pendingImage = text
      notice = nil
      return [.readSerialImage(path: text)]
    }
    guard vault.isUnlocked || !vault.passphrase.isEmpty else {
      factory.focus = .passphrase
      notice = Notice(
        .error, "Type the vault passphrase: the token's seed is kept encrypted in the vault.")
      return []
    }
    factory.isLookingUp = true
    notice = nil
    return [.findFactorySeed(serial: text, passphrase: passphraseIfLocked())]
  }

  mutating func serialImageRead(_ path: String, _ result: Result<String, DriverFailure>)
    -> [WizardEffect]
  {
    guard step == .factoryToken, factory.pendingImage == path else { return [] }
    factory.pendingImage = nil
    switch result {
    case .success(let serial):
      factory.serial.set(serial)
      factory.focus = vault.isUnlocked ? .serial : .passphrase
      // The file name only: a long path would push the advice out of the two notice lines.
      let name = path.split(separator: "/").last.map(String.init) ?? path
      notice = Notice(
        .success, "Read the serial \(serial) from \(name). Check it against the label.")
    case .failure(let failure):
      notice = Notice(.error, "The serial was not read: \(failure.message)")
    }
    return []
  }

  mutating func factorySeedFound(_ serial: String, _ result: Result<VaultedKey, VaultFailure>)
    -> [WizardEffect]
  {
    guard step == .factoryToken, factory.isLookingUp else { return [] }
    factory.isLookingUp = false
    switch result {
    case .success(let seed):
      vault.isUnlocked = true
      factory.token = FactoryToken(serial: serial, manufacturer: seed.manufacturer)
      credential = Credential(
        secret: seed.secret, parameters: seed.parameters, issuer: nil, account: nil,
        origin: .factorySeed(serial: serial), warnings: [])
      secretEntry.isRevealed = false
      confirmation = Confirmation()
      backup = BackupPanel()
      recording = .notStarted
      let found = go(to: .serviceKey)
      notice = Notice(.success, "Found the seed of token \(serial) in the vault.")
      return found
    case .failure(let failure):
      vault.isUnlocked = failure.isStillUnlocked
      factory.focus = failure.isStillUnlocked ? .serial : .passphrase
      notice = Notice(.error, failure.message.prefix(1).uppercased() + failure.message.dropFirst())
      return []
    }
  }
}

extension String {
  /// The string without leading and trailing whitespace.
  var trimmingWhitespace: String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
