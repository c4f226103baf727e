import Canvas
import OTP
import Screens
import SmartCard
import TestSupport
import Testing
import Token2
import Wizard

/// Every step at 80×24 and 120×40, compared with the reviewed text grids in `Snapshots/`.
@Suite struct ScreenSnapshotTests {
  static let screens: [(String, @Sendable () -> WizardState)] = [
    ("task", { WizardStates.task() }),
    ("task-generate", { WizardStates.task(flow: .generate) }),
    ("user-and-service", { WizardStates.identityStep() }),
    ("secret-image-recent", { WizardStates.secretStep() }),
    ("secret-pasted-masked", { WizardStates.pastedSecret() }),
    ("secret-generate", { WizardStates.secretStep(flow: .generate) }),
    ("reader-waiting", { WizardStates.readerStep() }),
    ("reader-identified", { WizardStates.identified() }),
    ("burn-running", { WizardStates.burning() }),
    ("burn-succeeded", { WizardStates.burned() }),
    ("confirm", { WizardStates.confirm() }),
    ("backup-codes", { WizardStates.backupCodes() }),
    ("done", { WizardStates.done() }),
    ("verify-code-typed", { WizardStates.verifyCode() }),
    (
      "verify-code-accepted",
      {
        WizardStates.verifyCode(
          verdict: .accepted(position: 3, remaining: 9, serial: "8659622000001"))
      }
    ),
    ("reburn-token-read", { WizardStates.reburnRead() }),
    ("lost-token-reason", { WizardStates.lostToken() }),
    ("lost-token-marked", { WizardStates.lostToken(marked: true) }),
    ("verify-code-refused", { WizardStates.verifyCode(verdict: .refused(attemptsLeft: 4)) }),
    ("vault-keep-no", { WizardStates.vaultStep() }),
    ("vault-keep-passphrase", { WizardStates.vaultStep(keeping: true) }),
    ("secret-from-vault", { WizardStates.secretFromVault() }),
    ("factory-token", { WizardStates.factoryStep() }),
    ("factory-key-hidden", { WizardStates.factoryKey() }),
    ("factory-done", { WizardStates.factoryDone() }),
  ]

  @Test(arguments: screens.indices)
  func everyStepMatchesItsSnapshot(index: Int) {
    let (name, make) = Self.screens[index]
    for size in Snapshot.sizes { Snapshot.check(make(), name: name, size: size) }
  }

  @Test func readerWithoutPCSCServiceNamesTheCommandThatStartsIt() {
    var state = WizardStates.readerStep()
    _ = state.handle(
      .readerServiceFailed(
        message: "The smart card service pcscd is not running; start it with: sudo systemctl "
          + "start pcscd (or run `pcscd`)."))
    for size in Snapshot.sizes { Snapshot.check(state, name: "reader-no-pcscd", size: size) }
  }

  @Test func burnFailureShowsTheTruthAndTheChoices() {
    var state = WizardStates.burning()
    _ = state.handle(.burnStageStarted(.writeSeed))
    _ = state.handle(
      .burnFinished(
        .failure(
          .linkLost(
            during: .writeSeed, cause: .cardRemoved,
            state: .unknown(possible: [.seedErased, .burned])))))
    for size in Snapshot.sizes { Snapshot.check(state, name: "burn-card-removed", size: size) }
  }

  @Test func securityKeyAndUnknownModelWarnings() {
    var state = WizardStates.readerStep()
    _ = state.handle(.readersChanged([ReaderEntry(name: WizardStates.reader, hasCard: true)]))
    var tapped = state
    _ = tapped.handle(
      .tokenIdentified(reader: WizardStates.reader, .failure(.securityKeyTapped(.fido))))
    for size in Snapshot.sizes { Snapshot.check(tapped, name: "reader-security-key", size: size) }
    _ = state.handle(
      .tokenIdentified(
        reader: WizardStates.reader, .success(SampleToken.identity(serial: "1234567000042"))))
    for size in Snapshot.sizes { Snapshot.check(state, name: "reader-unknown-model", size: size) }
  }

  @Test func aTokenThatLeftTheReaderIsAskedBack() {
    var state = WizardStates.burning()
    _ = state.handle(.burnStageStarted(.writeSeed))
    _ = state.handle(.burnWaitingForToken)
    Snapshot.check(state, name: "burn-waiting-for-token", size: Snapshot.sizes[0])
  }

  @Test func refusedKeyOffersNoRetry() {
    var state = WizardStates.identified()
    for event: WizardEvent in [
      .keyPressed(.next), .burnStageStarted(.readInfo), .burnStageStarted(.authenticate),
      .burnFinished(.failure(.tokenRefusedKey(state: .unchanged))),
    ] {
      _ = state.handle(event)
    }
    Snapshot.check(state, name: "burn-key-refused", size: Snapshot.sizes[0])
  }

  @Test func lostAuthenticateAnswerWarnsBeforeTheRetry() {
    var state = WizardStates.identified()
    for event: WizardEvent in [
      .keyPressed(.next), .burnStageStarted(.readInfo), .burnStageStarted(.authenticate),
      .burnFinished(.failure(.authenticationAnswerLost(state: .unchanged))),
    ] {
      _ = state.handle(event)
    }
    Snapshot.check(state, name: "burn-auth-answer-lost", size: Snapshot.sizes[0])
    _ = state.handle(.keyPressed(.retry))
    Snapshot.check(state, name: "burn-auth-answer-lost-retry", size: Snapshot.sizes[0])
  }

  @Test func confirmMismatchIsDiagnosed() {
    var state = WizardStates.confirm()
    _ = state.handle(.keyPressed(.insert("360094")))  // oathtool --totp -s 60: a 60 s token
    _ = state.handle(.keyPressed(.next))
    for size in Snapshot.sizes { Snapshot.check(state, name: "confirm-mismatch", size: size) }
  }

  @Test func generateFlowShowsTheKeyHiddenThenTheQRCode() {
    var state = WizardStates.burned(flow: .generate)
    _ = state.handle(.keyPressed(.next))
    for size in Snapshot.sizes { Snapshot.check(state, name: "service-key-hidden", size: size) }
    _ = state.handle(.keyPressed(.toggleReveal))
    for size in Snapshot.sizes { Snapshot.check(state, name: "service-key-revealed", size: size) }
  }

  @Test func quitQuestionIsDrawnOverTheScreen() {
    var state = WizardStates.pastedSecret()
    _ = state.handle(.keyPressed(.quit))
    Snapshot.check(state, name: "quit-question", size: Snapshot.sizes[0])
  }

  @Test func asciiFallbackUsesNoUnicode() {
    for (name, state) in [
      ("ascii-confirm", WizardStates.confirm()),
      ("ascii-reader-waiting", WizardStates.readerStep()),
    ] {
      Snapshot.check(state, name: name, size: Snapshot.sizes[0], style: .ascii)
      let text = frame(state, size: Snapshot.sizes[0], style: .ascii).plainText
      let isASCII = text.unicodeScalars.allSatisfy { $0.isASCII }
      #expect(isASCII, "\(name)")
    }
  }

  @Test(arguments: [
    TerminalSize(columns: 79, rows: 24), TerminalSize(columns: 80, rows: 23),
    TerminalSize(columns: 40, rows: 10),
  ])
  func belowEightyByTwentyFourSaysTooSmall(size: TerminalSize) {
    let text = frame(WizardStates.confirm(), size: size, style: .unicode).plainText
    #expect(text.contains("Terminal too small"))
    #expect(!text.contains("081 804"), "no code is drawn in a clipped screen")
  }

  @Test func maskedScreensNeverShowTheKey() {
    let base32 = "GEZDGNBVGY3TQOJQ"
    let states = [
      WizardStates.pastedSecret(), WizardStates.identified(), WizardStates.confirm(),
      WizardStates.factoryKey(), WizardStates.factoryDone(),
    ]
    for state in states {
      let text = frame(state, size: Snapshot.sizes[1], style: .unicode).plainText
      let compact = text.filter { $0 != " " }
      #expect(!compact.contains(base32))
    }
  }

  @Test func thePassphraseIsNeverDrawn() {
    let states = [
      WizardStates.vaultStep(keeping: true), WizardStates.secretFromVault(),
      WizardStates.factoryStep(),
    ]
    for state in states {
      for size in Snapshot.sizes {
        let text = frame(state, size: size, style: .unicode).plainText
        #expect(!text.contains("horse"))
        #expect(text.contains(String(repeating: "•", count: WizardStates.passphrase.count)))
      }
    }
  }

  @Test func aFactoryTokenThatDiffersIsNotToldToBurnAgain() {
    var state = WizardStates.factoryKey()
    _ = state.handle(.keyPressed(.next))
    _ = state.handle(.keyPressed(.insert("123456")))
    _ = state.handle(.keyPressed(.next))
    let text = frame(state, size: Snapshot.sizes[1], style: .unicode).plainText
    #expect(text.contains("check the serial against the label"))
    #expect(!text.contains("burn again"))
  }

  @Test func aLongRegistrySummaryWrapsInsteadOfBeingCut() {
    var state = WizardStates.factoryKey()
    _ = state.handle(.keyPressed(.next))
    _ = state.handle(.keyPressed(.confirmCodesMatch))
    _ = state.handle(.keyPressed(.next))
    let summary = "enrollment #123 replaces lost enrollment #122; its key is kept in the vault"
    _ = state.handle(.burnRecorded(.success(RecordedEnrollment(id: 123, summary: summary))))
    _ = state.handle(.backupCodesGenerated(WizardStates.codes))
    _ = state.handle(.keyPressed(.acknowledgeCodes))
    _ = state.handle(.keyPressed(.next))
    let lines = frame(state, size: Snapshot.sizes[0], style: .unicode).lines
    let registry = try? #require(lines.firstIndex { $0.contains("Registry      enrollment #123") })
    #expect(registry.map { lines[$0 + 1].contains("the vault") } == true)
  }

  @Test func theFactoryKeyIsRevealedOnlyOnRequest() {
    var state = WizardStates.factoryKey()
    _ = state.handle(.keyPressed(.toggleReveal))
    let text = frame(state, size: Snapshot.sizes[1], style: .unicode).plainText
    #expect(text.contains("GEZD GNBV GY3T QOJQ"))
    #expect(
      text.contains("This token's key came from the"),
      "the register flow says where the key is from")
  }
}
