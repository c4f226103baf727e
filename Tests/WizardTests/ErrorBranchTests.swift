import OTP
import SmartCard
import TestSupport
import Testing
import Token2

@testable import Wizard

@Suite struct ErrorBranchTests {
  private func atImage(_ path: String = "/tmp/a.png") -> Script {
    var script = Script()
    script.toSecretStep()
    script.type(path)
    script.press(.next)
    return script
  }

  @Test func unreadableImageSaysWhyAndStays() {
    var script = atImage()
    script.send(
      .imageDecoded(
        path: "/tmp/a.png",
        .failure(
          .imageUnreadable(path: "/tmp/a.png", reason: "The file is not a PNG or JPEG image."))))
    #expect(script.state.credential == nil)
    #expect(
      script.state.notice == Notice(.error, "/tmp/a.png: The file is not a PNG or JPEG image."))
    #expect(script.state.step == .secret)
  }

  @Test func imageWithoutQRSaysSo() {
    var script = atImage()
    script.send(.imageDecoded(path: "/tmp/a.png", .success([])))
    #expect(script.state.notice == Notice(.error, "No QR code was found in /tmp/a.png."))
  }

  @Test(arguments: [
    ("8659622000001", "serial number barcode"),
    ("https://example.com/setup", "web link"),
    ("phonefactor://activate?code=1", "Microsoft Authenticator"),
    ("otpauth://hotp/Acme:ann?secret=\(SampleToken.base32)&counter=1", "cannot hold"),
  ])
  func wrongQRKindIsExplained(payload: String, explanation: String) {
    var script = atImage()
    script.send(.imageDecoded(path: "/tmp/a.png", .success([payload])))
    #expect(script.state.credential == nil)
    #expect(script.state.notice?.kind == .error)
    #expect(
      script.state.notice?.text.contains(explanation) == true,
      "\(String(describing: script.state.notice))")
    script.press(.next)
    #expect(script.state.step == .secret, "Enter decodes again instead of going on")
  }

  @Test func aLateDecodeForAnotherPathIsIgnored() {
    var script = atImage()
    let before = script.state
    script.send(.imageDecoded(path: "/tmp/other.png", .success([SampleToken.uri])))
    #expect(script.state == before)
  }

  @Test func badPastedTextStaysWithAReason() {
    var script = Script()
    script.toSecretStep()
    script.press(.moveDown)
    script.type("otpauth://totp/Acme:ann?secret=\(SampleToken.base32)&digits=8")
    script.press(.next)
    #expect(script.state.step == .secret)
    #expect(script.state.notice?.text.hasPrefix("The token cannot hold this key.") == true)
  }

  @Test func noReaderAndNoPCSCServiceAreShown() {
    var script = Script()
    script.toReaderStep()
    script.send(.readersChanged([]))
    #expect(script.state.readerPanel.readers.isEmpty)
    #expect(script.press(.next) == [])
    #expect(script.state.step == .reader)
    script.send(
      .readerServiceFailed(
        message: "pcscd is not running; start it with: sudo systemctl start pcscd"))
    #expect(script.state.readerPanel.serviceProblem?.contains("systemctl start pcscd") == true)
    script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: false)]))
    #expect(script.state.readerPanel.serviceProblem == nil)
  }

  @Test func securityKeyAndUnknownModelAreWarnings() {
    var script = Script()
    script.toReaderStep()
    script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: true)]))
    script.send(.tokenIdentified(reader: Fixture.reader, .failure(.securityKeyTapped(.fido))))
    #expect(script.state.readerPanel.failure == .securityKeyTapped(.fido))
    #expect(script.press(.next) == [])
    // The key is taken away and a token of an unknown model is laid on the reader.
    script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: false)]))
    #expect(script.state.readerPanel.failure == nil)
    script.identifyToken(SampleToken.identity(serial: "1234567000001"))
    #expect(script.press(.next) == [])
    #expect(script.state.notice?.text.contains("Press U") == true)
    script.press(.allowUnknownModel)
    guard case .burn(let order) = script.press(.next).last else {
      Issue.record("no burn after allowing the unknown model")
      return
    }
    #expect(order.allowUnknownModel)
  }

  @Test func cardRemovedMidBurnOffersRetryWhichReadsTheTokenAgain() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(.burnStageStarted(.writeConfig))
    #expect(script.press(.back) == [], "no way out while the burn runs")
    #expect(script.state.step == .burn)
    let failure = Token2Failure.linkLost(
      during: .writeSeed, cause: .cardRemoved, state: .unknown(possible: [.seedErased, .burned]))
    script.send(.burnFinished(.failure(failure)))
    #expect(script.state.burn.failure == failure)
    #expect(script.state.burn.canRetry)
    // The token went away with the link; once it is back on the reader it is read again.
    script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: false)]))
    script.press(.retry)
    #expect(script.state.step == .reader)
    let effects = script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: true)]))
    #expect(effects == [.identifyToken(reader: Fixture.reader)])
  }

  @Test func lostAuthenticateAnswerWarnsBeforeTheRetry() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(.burnStageStarted(.authenticate))
    script.send(.burnFinished(.failure(.authenticationAnswerLost(state: .unchanged))))
    #expect(script.state.burn.canRetry)
    #expect(script.state.burn.retryNeedsCheck)
    // The first press only warns: no read of the token, no way towards a second AUTHENTICATE.
    #expect(script.press(.retry) == [])
    #expect(script.state.step == .burn)
    #expect(script.state.burn.isRetryWarningShown)
    #expect(script.state.notice?.kind == .warning)
    #expect(script.state.notice?.text.contains("only once the key is checked") == true)
    #expect(script.state.burn.failure == .authenticationAnswerLost(state: .unchanged))
    // Pressed again, once checked: back to the reader, the token read afresh.
    #expect(script.press(.retry) == [.identifyToken(reader: Fixture.reader)])
    #expect(script.state.step == .reader)
  }

  @Test func otherLinkLossesRetryAtOnce() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(
      .burnFinished(
        .failure(.linkLost(during: .writeConfig, cause: .cardRemoved, state: .unchanged))))
    #expect(!script.state.burn.retryNeedsCheck)
    #expect(script.press(.retry) == [.identifyToken(reader: Fixture.reader)])
    #expect(script.state.step == .reader)
  }

  @Test func tokenRefusedKeyOffersNoRetry() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(.burnFinished(.failure(.tokenRefusedKey(state: .unchanged))))
    #expect(!script.state.burn.canRetry)
    #expect(script.press(.retry) == [])
    #expect(script.state.step == .burn)
    script.press(.chooseAnotherReader)
    #expect(script.state.step == .reader)
    #expect(script.state.readerPanel.identity == nil)
  }

  @Test func mismatchedCodesAreDiagnosedAndTheStepStays() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next)
    script.type("123456")
    script.press(.next)
    #expect(script.state.confirmation.verdict == .mismatch(.unexplained))
    #expect(script.state.step == .confirm)
    #expect(script.press(.next) == [], "a mismatch does not go on")
    script.type("306183")  // oathtool --totp -N @1111111199 (3 steps ahead)
    script.press(.next)
    #expect(script.state.confirmation.verdict == .mismatch(.clockDrift(steps: 3, seconds: 90)))
  }

  @Test func lateAndOutOfPlaceEventsChangeNothing() {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    let before = script.state
    let stray: [WizardEvent] = [
      .burnStageStarted(.writeSeed), .burnFinished(.success(Fixture.report())),
      .tokenIdentified(reader: Fixture.reader, .success(SampleToken.identity())),
      .backupCodesGenerated(Fixture.codes()), .codesPrinted(.success("job")),
      .codesSaved(.success("/tmp/x")), .secretGenerated(SampleToken.secret),
      .imageDecoded(path: "/tmp/a.png", .success([SampleToken.uri])),
      .directoryListed(prefix: "/tmp/", matches: ["/tmp/a.png"]),
      .keyPressed(.back), .keyPressed(.printCodes), .keyPressed(.retry),
      .keyPressed(.confirmCodesMatch), .keyPressed(.allowUnknownModel),
    ]
    for event in stray {
      #expect(script.send(event) == [], "\(event)")
    }
    #expect(script.state == before)
  }
}

@Suite struct BurnWaitTests {
  @Test func aTokenThatLeftTheReaderIsAskedBackUntilTheBurnGoesOn() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(.burnStageStarted(.writeSeed))
    script.send(.burnWaitingForToken)
    #expect(script.state.burn.isWaitingForToken)
    script.send(.burnStageStarted(.reconnect))
    #expect(!script.state.burn.isWaitingForToken)
    script.send(.burnWaitingForToken)
    script.send(.burnFinished(.success(Fixture.report())))
    #expect(!script.state.burn.isWaitingForToken)
    #expect(script.send(.burnWaitingForToken) == [])
    #expect(!script.state.burn.isWaitingForToken, "a late wait after the burn is ignored")
  }
}

@Suite struct RegistryRecordTests {
  private func burned() -> Script {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    script.send(.burnFinished(.success(Fixture.report())))
    return script
  }

  @Test func codesWaitForTheRecordThenAreIssuedForIt() {
    var script = burned()
    #expect(script.state.recording == .pending)
    script.press(.next, .confirmCodesMatch)
    #expect(script.press(.next) == [], "nothing to issue codes for yet")
    #expect(script.state.step == .backupCodes)
    let effects = script.send(.burnRecorded(.success(Fixture.enrollment)))
    #expect(effects == [.issueBackupCodes(enrollmentID: 7, count: 10)])
  }

  @Test func aFailedRecordIsExplainedAndRetriedFromTheCodesStep() {
    var script = burned()
    script.send(.burnRecorded(.failure(.registryBusy("the registry is busy."))))
    #expect(script.state.recording == .failed("the registry is busy."))
    #expect(
      script.state.notice?.text.contains("could not record it: the registry is busy.") == true)
    script.press(.next, .confirmCodesMatch)
    guard case .recordBurn(let order) = script.press(.next).first else {
      Issue.record("entering the codes step did not record again")
      return
    }
    #expect(order.report.serial == SampleToken.serial)
    #expect(script.state.recording == .pending)
    #expect(
      script.send(.burnRecorded(.success(Fixture.enrollment)))
        == [.issueBackupCodes(enrollmentID: 7, count: 10)])
  }

  @Test func aFailedBurnIsAudited() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.press(.next)
    let failure = Token2Failure.tokenRefusedKey(state: .unchanged)
    #expect(
      script.send(.burnFinished(.failure(failure)))
        == [.auditBurnFailure(user: "ann@example.com", failure: failure)])
    #expect(script.state.recording == .notStarted)
  }

  @Test func aLateRecordIsIgnored() {
    var script = Script()
    script.send(.burnRecorded(.success(Fixture.enrollment)))
    #expect(script.state.recording == .notStarted)
  }
}
