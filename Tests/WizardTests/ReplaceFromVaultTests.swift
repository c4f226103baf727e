import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

/// Replace a lost token with the same key: offered only when the vault keeps the lost
/// enrollment's key, with the warning that the lost token keeps working.
@Suite struct ReplaceFromVaultTests {
  /// Replace-lost with the vault `vault`: the token found and marked lost → secret step.
  private func marked(
    _ token: TokenToReplace = VaultFixture.keptToken, vault: VaultAvailability = .initialised
  ) -> Script {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.send(.vaultChecked(vault))
    script.press(.choose(4))
    script.type("ann@example.com")
    script.press(.next)
    script.send(.tokenToReplaceFound(.success(token)))
    script.type("left on a train")
    script.press(.next)
    script.send(.tokenMarkedLost(.success(token)))
    return script
  }

  @Test func theKeptKeyIsOfferedTakenAndKeptAgainForTheNewToken() {
    var script = marked()
    #expect(
      script.state.notice?.text.contains("The vault keeps its key: the next step offers it.")
        == true)
    script.press(.next)
    #expect(script.state.step == .secret)
    #expect(script.state.stepPosition == (4, 10))
    #expect(script.state.secretMethods == [.image, .paste, .vault])
    script.press(.moveDown, .moveDown)
    #expect(script.state.secretEntry.method == .vault)
    #expect(script.press(.next).isEmpty)
    #expect(
      script.state.notice?.text
        == "Type the vault passphrase to take the lost token's key from the vault.")
    script.type(VaultFixture.passphrase)
    #expect(
      script.state.secretEntry.pasted.isEmpty, "the passphrase is not typed into the key field")
    let effects = script.press(.next)
    #expect(effects == [.takeVaultKey(enrollmentID: 4, passphrase: VaultFixture.passphraseSecret)])
    #expect(script.state.vault.passphrase.isEmpty)
    #expect(script.press(.next).isEmpty, "one request at a time")
    script.send(.vaultKeyTaken(.success(VaultFixture.key)))
    #expect(script.state.credential?.origin == .vault(enrollmentID: 4))
    #expect(script.state.credential?.secret == SampleToken.secret)
    #expect(script.state.notice?.kind == .warning)
    #expect(
      script.state.notice?.text
        == "Took the key of enrollment #4 from the vault. The lost token keeps working with it until "
        + "each service changes its secret. Press Enter to go on.")
    #expect(!script.state.steps.contains(.vault), "the key is kept again without asking")
    script.press(.next)
    #expect(script.state.step == .reader)
    #expect(script.state.stepPosition == (5, 9))
    script.press(.back)
    #expect(script.state.step == .secret)
    script.press(.next)
    #expect(script.state.step == .reader, "the key taken is used, not taken again")
    script.identifyToken()
    script.burnSuccessfully()
    #expect(script.recordOrders.map(\.keepsSecret) == [true])
    #expect(script.recordOrders.map(\.service) == ["Jira"])
    #expect(script.effects.filter { if case .takeVaultKey = $0 { true } else { false } }.count == 1)
  }

  @Test func withoutAKeptKeyOnlyImageAndPasteAreOffered() {
    var plain = VaultFixture.keptToken
    plain.hasVaultKey = false
    var script = marked(plain)
    #expect(script.state.notice?.text.contains("vault") == false)
    script.press(.next)
    #expect(script.state.secretMethods == [.image, .paste])
    script.press(.moveDown, .moveDown)
    #expect(script.state.secretEntry.method == .image, "two methods cycle")
  }

  @Test func withoutAVaultTheKeptFlagIsNotTrusted() {
    var script = marked(vault: .absent)
    script.press(.next)
    #expect(script.state.secretMethods == [.image, .paste])
  }

  @Test func aWrongPassphraseSaysSoAndTheOtherMethodsStayOpen() {
    var script = marked()
    script.press(.next, .moveUp)
    #expect(script.state.secretEntry.method == .image, "no wrap-around from the first method")
    script.press(.moveDown, .moveDown, .moveDown)
    #expect(script.state.secretEntry.method == .vault, "nor from the last, to the clear-text path")
    script.type("wrong")
    script.press(.next)
    script.send(.vaultKeyTaken(.failure(VaultFixture.wrongPassphrase)))
    #expect(script.state.credential == nil)
    #expect(!script.state.vault.isUnlocked)
    #expect(
      script.state.notice?.text
        == "The key was not taken from the vault: wrong vault passphrase; nothing was changed.")
    script.press(.moveUp)
    script.type(SampleToken.base32)
    script.press(.next)
    #expect(script.state.credential?.origin == .pasted)
    #expect(script.state.step == .vault, "a pasted key may be kept like any other")
  }

  @Test func aDamagedBlobLeavesTheVaultOpenAndTheNextTryNeedsNoPassphrase() {
    var script = marked()
    script.press(.next, .moveDown, .moveDown)
    script.type("pw")
    script.press(.next)
    let damaged = VaultFailure.readFailed(
      "The vault entry for enrollment #4 failed its integrity check.")
    script.send(.vaultKeyTaken(.failure(damaged)))
    #expect(script.state.vault.isUnlocked)
    #expect(script.press(.next) == [.takeVaultKey(enrollmentID: 4, passphrase: nil)])
  }
}
