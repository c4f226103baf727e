import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

/// The vault step: offered only while the vault exists; "keep this key" unlocks the vault with
/// a masked passphrase, and the burn's record then keeps the key.
@Suite struct VaultStepTests {
  /// Enroll with the RFC key pasted; the vault initialised when `vault` says so.
  private func pasted(vault: VaultAvailability) -> Script {
    var script = Script()
    script.send(.vaultChecked(vault))
    script.toSecretStep()
    script.press(.moveDown)
    script.type(SampleToken.uri)
    script.press(.next)
    return script
  }

  @Test(arguments: [VaultAvailability.absent, .unreadable("the registry is busy"), .unknown])
  func withoutAVaultTheStepIsNotThere(vault: VaultAvailability) {
    var script = pasted(vault: vault)
    #expect(script.state.step == .reader)
    #expect(!script.state.steps.contains(.vault))
    #expect(script.state.stepPosition == (4, 8))
    script.identifyToken()
    script.burnSuccessfully()
    #expect(script.recordOrders.map(\.keepsSecret) == [false])
  }

  @Test func theDefaultKeepsNothing() {
    var script = pasted(vault: .initialised)
    #expect(script.state.step == .vault)
    #expect(script.state.stepPosition == (4, 9))
    #expect(!script.state.vault.keepsSecret)
    #expect(script.press(.insert("x")).isEmpty)
    #expect(script.state.vault.passphrase.isEmpty, "no passphrase field while not keeping")
    script.press(.next)
    #expect(script.state.step == .reader)
    script.press(.back)
    #expect(script.state.step == .vault, "back from the reader goes to the vault step")
    script.press(.back)
    #expect(script.state.step == .secret)
    script.press(.next, .next)
    script.identifyToken()
    script.burnSuccessfully()
    #expect(script.recordOrders.map(\.keepsSecret) == [false])
  }

  @Test func keepingUnlocksWithTheMaskedPassphraseThenTheRecordKeepsTheKey() {
    var script = pasted(vault: .initialised)
    script.press(.choose(2))
    #expect(script.state.vault.keepsSecret)
    #expect(script.press(.next).isEmpty)
    #expect(
      script.state.notice?.text == "Type the vault passphrase, or choose 1 to not keep the key.")
    script.type(VaultFixture.passphrase)
    let effects = script.press(.next)
    #expect(effects == [.unlockVault(passphrase: VaultFixture.passphraseSecret)])
    #expect(script.state.vault.passphrase.isEmpty, "the typed passphrase is dropped once sent")
    #expect(script.state.vault.isUnlocking)
    #expect(script.press(.next).isEmpty, "no second unlock while one runs")
    #expect(script.press(.back).isEmpty)
    #expect(script.state.step == .vault)
    script.send(.vaultUnlocked(.success(Unlocked())))
    #expect(script.state.vault.isUnlocked)
    #expect(script.state.step == .reader, "an open vault goes on by itself")
    script.identifyToken()
    script.burnSuccessfully()
    #expect(script.recordOrders.map(\.keepsSecret) == [true])
    #expect(script.recordOrders.first?.secret == SampleToken.secret)
  }

  @Test func aWrongPassphraseStaysWithAReasonAndNothingKept() {
    var script = pasted(vault: .initialised)
    script.press(.moveDown)
    #expect(script.state.vault.keepsSecret, "Up/Down switch the choice too")
    script.type("wrong")
    script.press(.next)
    script.send(.vaultUnlocked(.failure(VaultFixture.wrongPassphrase)))
    #expect(script.state.step == .vault)
    #expect(!script.state.vault.isUnlocked)
    #expect(
      script.state.notice?.text
        == "The vault did not open: wrong vault passphrase; nothing was changed.")
    #expect(script.press(.next).isEmpty, "the passphrase is typed again")
    script.press(.moveUp)
    #expect(!script.state.vault.keepsSecret)
    script.press(.next)
    #expect(script.state.step == .reader, "choosing No goes on without the vault")
    script.identifyToken()
    script.burnSuccessfully()
    #expect(script.recordOrders.map(\.keepsSecret) == [false])
  }

  @Test func anOpenVaultIsNotAskedAgainAndLateAnswersAreIgnored() {
    var script = pasted(vault: .initialised)
    #expect(script.send(.vaultUnlocked(.success(Unlocked()))).isEmpty, "nothing was asked")
    #expect(!script.state.vault.isUnlocked)
    script.press(.choose(2))
    script.type("pw")
    script.press(.next)
    script.send(.vaultUnlocked(.success(Unlocked())))
    script.press(.back, .back)
    #expect(script.state.step == .secret)
    #expect(script.press(.next).isEmpty)
    #expect(script.state.step == .vault)
    #expect(script.press(.next).isEmpty, "open: Enter goes on without another unlock")
    #expect(script.state.step == .reader)
  }

  @Test func theGenerateFlowOffersItAfterTheKeyIsMade() {
    var script = Script()
    script.send(.vaultChecked(.initialised))
    script.toSecretStep(flow: .generate)
    script.press(.next)
    script.send(.secretGenerated(SampleToken.secret))
    script.press(.next)
    #expect(script.state.step == .vault)
    #expect(script.state.stepPosition == (4, 10))
  }

  @Test func theReburnFlowUnlocksThenBurnsAtOnce() {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.send(.vaultChecked(.initialised))
    script.press(.choose(5))
    script.type("ann@example.com")
    script.press(.nextField)
    script.type("Acme")
    script.press(.next)
    script.identifyToken()
    script.press(.next)
    script.press(.moveDown)
    script.type(SampleToken.base32)
    script.press(.next)
    #expect(script.state.step == .vault)
    script.press(.choose(2))
    script.type("pw")
    script.press(.next)
    let effects = script.send(.vaultUnlocked(.success(Unlocked())))
    #expect(script.state.step == .burn)
    #expect(effects.contains { if case .burn = $0 { true } else { false } })
  }

  @Test func startOverKeepsKnowingTheVaultAndLocksIt() {
    var script = pasted(vault: .initialised)
    script.press(.next)
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next, .confirmCodesMatch, .next)
    script.send(.backupCodesGenerated(Fixture.codes()))
    script.press(.acknowledgeCodes, .next)
    #expect(script.press(.startOver).first == .lockVault)
    #expect(script.state.vault.availability == .initialised)
    #expect(!script.state.vault.isUnlocked)
  }
}
