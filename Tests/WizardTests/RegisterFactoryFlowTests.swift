import OTP
import TestSupport
import Testing
import Token2
import TokenCrypto

@testable import Wizard

/// "Register a non-programmable token": serial (typed or from a label photo) and passphrase →
/// the imported seed → key for the services → confirm against the token → registration →
/// backup codes.
@Suite struct RegisterFactoryFlowTests {
  /// The factory-token step with `serial` and a passphrase typed, and Enter pressed.
  private func lookingUp(_ serial: String = VaultFixture.serial) -> Script {
    var script = Script()
    script.toFactoryStep()
    script.type(serial)
    script.press(.nextField)
    script.type("pw")
    script.press(.next)
    return script
  }

  /// The seed `key` found for the fixture serial: the key step.
  private func found(_ key: VaultedKey = VaultFixture.key) -> Script {
    var script = lookingUp()
    script.send(.factorySeedFound(serial: VaultFixture.serial, .success(key)))
    return script
  }
  @Test func happyPathLooksUpShowsConfirmsRegistersAndIssuesCodes() {
    var script = Script()
    script.toFactoryStep()
    #expect(script.state.step == .factoryToken)
    #expect(script.state.stepPosition == (3, 7))
    #expect(script.press(.next).isEmpty)
    #expect(
      script.state.notice?.text.hasPrefix("Type the serial printed on the token's label") == true)
    script.type(VaultFixture.serial)
    #expect(script.press(.next).isEmpty, "no passphrase yet")
    #expect(script.state.factory.focus == .passphrase)
    script.type(VaultFixture.passphrase)
    #expect(
      script.state.factory.serial.text == VaultFixture.serial,
      "the passphrase went to its own field")
    let effects = script.press(.next)
    #expect(
      effects == [
        .findFactorySeed(serial: VaultFixture.serial, passphrase: VaultFixture.passphraseSecret)
      ])
    #expect(script.state.vault.passphrase.isEmpty)
    #expect(script.press(.next).isEmpty, "one lookup at a time")
    script.send(.factorySeedFound(serial: VaultFixture.serial, .success(VaultFixture.key)))
    #expect(script.state.step == .serviceKey)
    #expect(script.state.stepPosition == (4, 7))
    #expect(script.state.notice?.text == "Found the seed of token 8651000042 in the vault.")
    #expect(script.state.credential?.origin == .factorySeed(serial: VaultFixture.serial))
    #expect(!script.state.secretEntry.isRevealed)
    script.press(.next)
    #expect(script.state.step == .confirm)
    script.type("081804")  // RFC 6238 appendix B, SHA-1 at 1111111109 (07081804), six digits
    script.press(.next)
    #expect(script.state.confirmation.verdict == .matched(stepOffset: 0))
    #expect(
      !script.effects.contains { if case .registerFactoryToken = $0 { true } else { false } },
      "nothing recorded before the confirmation")
    let registering = script.press(.next)
    #expect(script.state.step == .backupCodes)
    #expect(registering == [.registerFactoryToken(VaultFixture.registration)])
    #expect(
      script.send(.burnRecorded(.success(Fixture.enrollment))) == [
        .issueBackupCodes(enrollmentID: 7, count: 10)
      ])
    script.send(.backupCodesGenerated(Fixture.codes()))
    #expect(script.state.sheet?.serial == VaultFixture.serial)
    #expect(script.state.sheet?.model == "Feitian, factory-seeded")
    #expect(script.state.backupFileName == "backup-codes-ann_example.com-8651000042-20050318.txt")
    script.press(.acknowledgeCodes, .next)
    #expect(script.state.step == .done)
    #expect(script.state.tokenSerial == VaultFixture.serial)
    #expect(
      !script.effects.contains { if case .burn = $0 { true } else { false } }, "nothing is burned")
  }

  /// A serial comes from outside (typed, or a label barcode, which can encode any byte): the
  /// sheet's file name keeps only safe characters of it, as of the user, so neither a `/` that
  /// would save the sheet elsewhere nor a control reaches the file name.
  @Test func sheetFileNameSanitisesTheSerialLikeTheUser() {
    let hostile = "86510/../../tmp/x\u{1B}]0;t\u{7}\u{202E}"
    var script = lookingUp(hostile)
    script.send(.factorySeedFound(serial: hostile, .success(VaultFixture.key)))
    script.press(.next)
    script.type("081804")
    script.press(.next, .next)
    script.send(.burnRecorded(.success(Fixture.enrollment)))
    script.send(.backupCodesGenerated(Fixture.codes()))
    #expect(script.state.tokenSerial == hostile)
    let name = script.state.backupFileName
    #expect(name == "backup-codes-ann_example.com-86510_.._.._tmp_x__0_t__-20050318.txt")
    #expect(!name.contains("/"))
    #expect(name.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
    let effects = script.press(.saveCodes)
    guard case .saveCodes(_, let fileName) = effects.first else {
      Issue.record("no save effect")
      return
    }
    #expect(fileName == name)
  }

  @Test func forwardNeverLeadsBackToTheClearTextSerial() {
    var script = Script()
    script.toFactoryStep()
    script.type(VaultFixture.serial)
    script.press(.next)
    #expect(script.state.factory.focus == .passphrase, "Enter without a passphrase moves there")
    script.press(.nextField)
    #expect(script.state.factory.focus == .passphrase, "one Tab too many stays on the masked field")
    script.type("secret words")
    #expect(script.state.factory.serial.text == VaultFixture.serial)
    #expect(script.state.vault.passphrase.text == "secret words")
    script.press(.moveUp)
    #expect(script.state.factory.focus == .serial)
    script.press(.moveDown)
    #expect(script.state.factory.focus == .passphrase)
  }

  @Test func aLabelPhotoFillsTheSerial() {
    var script = Script()
    script.toFactoryStep()
    script.type(VaultFixture.labelPath)
    #expect(script.press(.next) == [.readSerialImage(path: VaultFixture.labelPath)])
    #expect(script.press(.insert("x")).isEmpty)
    #expect(script.state.factory.serial.text == VaultFixture.labelPath, "keys wait for the photo")
    #expect(script.send(.serialImageRead(path: "/tmp/other.png", .success("1"))).isEmpty)
    script.send(.serialImageRead(path: VaultFixture.labelPath, .success(VaultFixture.serial)))
    #expect(script.state.factory.serial.text == VaultFixture.serial)
    #expect(script.state.factory.focus == .passphrase)
    #expect(
      script.state.notice?.text
        == "Read the serial 8651000042 from label.png. Check it against the label.")
  }

  @Test(arguments: ["/tmp/LABEL.JPG", "label.jpeg", "~/scan.webp"])
  func imageEndingsAreRecognised(path: String) {
    var script = Script()
    script.toFactoryStep()
    script.type(path)
    #expect(script.press(.next) == [.readSerialImage(path: path)])
  }

  @Test func anUnreadablePhotoSaysWhy() {
    var script = Script()
    script.toFactoryStep()
    script.type(VaultFixture.labelPath)
    script.press(.next)
    script.send(
      .serialImageRead(
        path: VaultFixture.labelPath,
        .failure(.serialNotFound("/tmp/label.png holds no QR code or barcode with a token serial")))
    )
    #expect(script.state.notice?.kind == .error)
    #expect(
      script.state.notice?.text
        == "The serial was not read: /tmp/label.png holds no QR code or barcode with a token serial."
    )
    #expect(script.state.factory.pendingImage == nil)
    #expect(script.state.step == .factoryToken)
  }

  @Test func aWrongPassphraseAsksForItAgain() {
    var script = lookingUp()
    script.send(
      .factorySeedFound(serial: VaultFixture.serial, .failure(VaultFixture.wrongPassphrase)))
    #expect(script.state.step == .factoryToken)
    #expect(!script.state.vault.isUnlocked)
    #expect(script.state.factory.focus == .passphrase)
    #expect(script.state.notice?.text == "Wrong vault passphrase; nothing was changed.")
    #expect(script.press(.next).isEmpty)
  }

  @Test func anUnknownSerialKeepsTheVaultOpenForTheNextTry() {
    var script = lookingUp("8651000043")
    script.send(.factorySeedFound(serial: "8651000043", .failure(VaultFixture.noSeed)))
    #expect(script.state.vault.isUnlocked)
    #expect(script.state.notice?.text.contains("seeds import") == true)
    #expect(script.state.factory.focus == .serial, "the serial is what needs correcting")
    script.press(.nextField)
    #expect(script.state.factory.focus == .serial, "no passphrase field while the vault is open")
    script.press(.deleteBackward)
    script.type("2")
    #expect(script.press(.next) == [.findFactorySeed(serial: VaultFixture.serial, passphrase: nil)])
  }

  @Test func backFromTheKeyReturnsWithoutAnotherLookup() {
    var script = found()
    script.press(.back)
    #expect(script.state.step == .factoryToken)
    #expect(script.press(.next).isEmpty)
    #expect(script.state.step == .serviceKey)
    script.press(.next, .back)
    #expect(script.state.step == .serviceKey, "back from confirm shows the key again")
  }

  @Test func aFailedRegistrationIsAskedAgainFromTheBackupCodesStep() {
    var script = found()
    script.press(.next, .confirmCodesMatch, .next)
    script.send(.burnRecorded(.failure(.registryBusy("the registry is busy."))))
    #expect(script.state.notice?.text.contains("the registry is busy.") == true)
    #expect(script.press(.next) == [.registerFactoryToken(VaultFixture.registration)])
  }

  @Test func eightDigitSeedsAreConfirmedWithEightDigits() {
    var key = VaultFixture.key
    key.parameters = TOTPParameters(algorithm: .sha1, digits: 8, period: 30)
    var script = found(key)
    script.press(.next)
    script.type("07081804")  // RFC 6238 appendix B, SHA-1 at 1111111109
    script.press(.next)
    #expect(script.state.confirmation.verdict == .matched(stepOffset: 0))
  }
}
