import OTP
import SmartCard
import TestSupport
import Testing
import Token2

@testable import Wizard

/// The state machine is total: any event in any state is handled without a trap, and the
/// invariants the screens and the runtime rely on hold after every event.
@Suite struct TotalityTests {
  /// Every kind of event, with plausible and implausible payloads.
  static let catalog: [WizardEvent] = {
    let actions: [UserAction] = [
      .next, .back, .quit, .yes, .no, .moveUp, .moveDown, .choose(1), .choose(2), .choose(3),
      .choose(4), .choose(5), .choose(6), .choose(9),
      .nextField, .insert("a"), .insert("7"), .insert(SampleToken.uri), .insert("081804"),
      .deleteBackward, .completePath, .toggleReveal, .retry, .chooseAnotherReader,
      .allowUnknownModel, .confirmCodesMatch, .printCodes, .saveCodes, .acknowledgeCodes,
      .startOver,
    ]
    let reader = ReaderEntry(name: Fixture.reader, hasCard: true)
    let others: [WizardEvent] = [
      .interrupted, .ticked(now: SampleToken.time), .recentImagesListed(["/tmp/a.png"]),
      .directoryListed(prefix: "", matches: ["a.png", "b.png"]),
      .imageDecoded(path: "/tmp/a.png", .success([SampleToken.uri])),
      .imageDecoded(path: "", .failure(.imageUnreadable(path: "", reason: "unreadable"))),
      .secretGenerated(SampleToken.secret), .readersChanged([reader]), .readersChanged([]),
      .readersChanged([ReaderEntry(name: Fixture.reader, hasCard: false)]),
      .readerServiceFailed(message: "pcscd is not running"),
      .tokenIdentified(reader: Fixture.reader, .success(SampleToken.identity())),
      .tokenIdentified(
        reader: Fixture.reader, .success(SampleToken.identity(serial: "1234567000001"))),
      .tokenIdentified(reader: Fixture.reader, .failure(.securityKeyTapped(.fido))),
      .burnStageStarted(.writeSeed), .burnWaitingForToken,
      .burnFinished(.success(Fixture.report())),
      .burnFinished(
        .failure(
          .linkLost(
            during: .writeSeed, cause: .cardRemoved,
            state: .unknown(possible: [.seedErased, .burned])))),
      .burnFinished(.failure(.tokenRefusedKey(state: .unchanged))),
      .burnRecorded(.success(Fixture.enrollment)), .burnRecorded(.failure(.registryBusy("busy"))),
      .backupCodesGenerated(Fixture.codes()), .generationFailed(.randomSourceFailed("failed")),
      .codesPrinted(.success("job 1")), .codesSaved(.failure(.saveFailed("exists"))),
      .backupCodeChecked(
        .success(.accepted(position: 1, remaining: 9, serial: SampleToken.serial))),
      .backupCodeChecked(.success(.refused(attemptsLeft: 2))),
      .backupCodeChecked(.success(.rateLimited(retryAfter: 60))),
      .backupCodeChecked(.failure(.registryBusy("busy"))),
      .tokenToReplaceFound(
        .success(TokenToReplace(enrollmentID: 4, serial: SampleToken.serial, service: "Acme"))),
      .tokenToReplaceFound(.failure(.severalTokens(services: ["Acme #4", "Jira #6"]))),
      .tokenToReplaceFound(.failure(.unknownUser)),
      .tokenMarkedLost(
        .success(TokenToReplace(enrollmentID: 4, serial: SampleToken.serial, service: "Acme"))),
      .tokenMarkedLost(.failure(.registryBusy("busy"))),
      .keyPressed(.insert(Fixture.codes()[0].text)),
      .tokenToReplaceFound(.success(VaultFixture.keptToken)),
      .tokenMarkedLost(.success(VaultFixture.keptToken)),
      .vaultChecked(.initialised), .vaultChecked(.absent), .vaultChecked(.unreadable("locked")),
      .vaultUnlocked(.success(Unlocked())), .vaultUnlocked(.failure(VaultFixture.wrongPassphrase)),
      .vaultKeyTaken(.success(VaultFixture.key)),
      .vaultKeyTaken(.failure(VaultFixture.wrongPassphrase)),
      .serialImageRead(path: VaultFixture.labelPath, .success(VaultFixture.serial)),
      .serialImageRead(path: VaultFixture.labelPath, .failure(.serialNotFound("no QR code"))),
      .factorySeedFound(serial: VaultFixture.serial, .success(VaultFixture.key)),
      .factorySeedFound(serial: VaultFixture.serial, .failure(VaultFixture.noSeed)),
    ]
    return actions.map { .keyPressed($0) } + others
  }()

  /// A fixed linear congruential generator, so every run walks the same sequences.
  struct Sequence {
    var seed: UInt64
    mutating func next(below bound: Int) -> Int {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((seed >> 33) % UInt64(bound))
    }
  }

  /// A state on every step, reached by the scripted walks.
  static func starts() -> [Script] {
    var task = Script()
    task.send(.ticked(now: SampleToken.time))
    var identity = task
    identity.press(.next)
    var secret = Script()
    secret.toSecretStep()
    var reader = Script()
    reader.toReaderStep()
    var identified = reader
    identified.identifyToken()
    var burning = identified
    burning.press(.next)
    var burned = identified
    burned.burnSuccessfully()
    var confirm = burned
    confirm.press(.next)
    var codes = confirm
    codes.press(.confirmCodesMatch, .next)
    codes.send(.backupCodesGenerated(Fixture.codes()))
    var done = codes
    done.press(.acknowledgeCodes, .next)
    var serviceKey = Script()
    serviceKey.toSecretStep(flow: .generate)
    serviceKey.press(.next)
    serviceKey.send(.secretGenerated(SampleToken.secret))
    serviceKey.press(.next)
    serviceKey.identifyToken()
    serviceKey.burnSuccessfully()
    serviceKey.press(.next)
    var verifyCode = task
    verifyCode.press(.choose(3))
    verifyCode.type("ann@example.com")
    var lostToken = task
    lostToken.press(.choose(4))
    lostToken.type("ann@example.com")
    lostToken.press(.next)
    var reburn = task
    reburn.press(.choose(5))
    reburn.type("ann@example.com")
    reburn.press(.nextField)
    reburn.type("Acme")
    reburn.press(.next)
    reburn.identifyToken()
    var vault = Script()
    vault.send(.vaultChecked(.initialised))
    vault.toReaderStep()
    var factory = Script()
    factory.toFactoryStep()
    return [
      task, identity, secret, reader, identified, burning, burned, confirm, codes, done, serviceKey,
      verifyCode, lostToken, reburn, vault, factory,
    ]
  }

  @Test func theStartsCoverEveryStep() {
    #expect(Set(Self.starts().map(\.state.step)) == Set(WizardStep.allCases))
  }

  @Test(arguments: 0..<30)
  func randomEventsFromEveryStepKeepTheInvariants(run: Int) {
    for (index, start) in Self.starts().enumerated() {
      var random = Sequence(seed: UInt64(run * 100 + index + 1))
      var script = start
      var burnRunning = script.state.burn.isRunning
      for _ in 0..<60 {
        let event = Self.catalog[random.next(below: Self.catalog.count)]
        let effects = script.send(event)
        let state = script.state
        #expect(
          state.steps.contains(state.step), "\(state.step) is not in \(state.flow) as it stands")
        let asksVault = effects.filter {
          switch $0 {
          case .unlockVault, .takeVaultKey, .findFactorySeed: true
          default: false
          }
        }
        #expect(
          asksVault.isEmpty || state.vault.passphrase.isEmpty,
          "a sent passphrase stays in the state")
        #expect(asksVault.count <= 1, "one vault request at a time")
        if state.burn.isRunning { #expect(state.step == .burn, "a burn runs only on its step") }
        if state.step == .done { #expect(state.backup.codes.isEmpty, "no codes after their step") }
        if case .burnFinished = event { burnRunning = false }
        let burns = effects.filter { if case .burn = $0 { true } else { false } }.count
        #expect(burns == 0 || !burnRunning, "a second burn was asked for while one runs")
        if burns > 0 { burnRunning = true }
        if effects.contains(where: { if case .quit = $0 { true } else { false } }) { break }
      }
    }
  }
}
