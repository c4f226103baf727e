import OTP
import SmartCard
import TestSupport
import Testing
import Token2

@testable import Wizard

@Suite struct EnrollFlowTests {
  @Test func startWatchesReadersListsImagesAndAsksForTime() {
    let script = Script()
    #expect(script.effects == [.watchReaders, .listRecentImages, .checkVault, .scheduleTick])
    #expect(script.state.step == .task)
  }

  @Test func startWithAnImageDecodesItAndFillsThePath() {
    let script = Script(options: WizardOptions(imagePath: "/tmp/qr.png", user: "ann"))
    #expect(
      script.effects == [
        .watchReaders, .listRecentImages, .checkVault, .decodeImage(path: "/tmp/qr.png"),
        .scheduleTick,
      ])
    #expect(script.state.secretEntry.imagePath.text == "/tmp/qr.png")
    #expect(script.state.user.text == "ann")
  }

  @Test func happyPathFromImageToDone() {
    var script = Script()
    script.toSecretStep()
    #expect(script.state.step == .secret)
    script.type("/home/op/qr.png")
    #expect(script.press(.next) == [.decodeImage(path: "/home/op/qr.png")])
    script.send(.imageDecoded(path: "/home/op/qr.png", .success([SampleToken.uri])))
    #expect(script.state.credential?.secret == SampleToken.secret)
    #expect(script.state.credential?.origin == .image(path: "/home/op/qr.png"))
    #expect(script.state.notice?.kind == .success)

    script.press(.next)
    #expect(script.state.step == .reader)
    let identify = script.send(
      .readersChanged([ReaderEntry(name: Fixture.reader, hasCard: true)]))
    #expect(identify == [.identifyToken(reader: Fixture.reader)])
    script.send(.tokenIdentified(reader: Fixture.reader, .success(SampleToken.identity())))
    #expect(script.state.readerPanel.identity?.serial == SampleToken.serial)
    #expect(script.state.readerPanel.isReadyToBurn)

    let burn = script.press(.next)
    let order = BurnOrder(
      reader: Fixture.reader, expectedSerial: SampleToken.serial, secret: SampleToken.secret,
      algorithm: .sha1, period: .seconds30, allowUnknownModel: false)
    #expect(burn.contains(.burn(order)))
    #expect(script.state.step == .burn)
    script.send(.burnStageStarted(.authenticate))
    script.send(.burnStageStarted(.writeSeed))
    #expect(script.state.burn.stages == [.authenticate, .writeSeed])
    let record = script.send(.burnFinished(.success(Fixture.report())))
    #expect(script.state.burn.report?.serial == SampleToken.serial)
    #expect(
      record == [
        .recordBurn(
          BurnRecordOrder(
            user: "ann@example.com", service: "Acme", account: "ann@example.com",
            report: Fixture.report(), secret: SampleToken.secret))
      ])
    script.send(.burnRecorded(.success(Fixture.enrollment)))
    #expect(script.state.recording == .recorded(Fixture.enrollment))

    script.press(.next)
    #expect(script.state.step == .confirm)
    script.send(.ticked(now: SampleToken.time))
    script.type("081804")  // RFC 6238 appendix B, SHA-1 at 1111111109 (07081804)
    script.press(.next)
    #expect(script.state.confirmation.verdict == .matched(stepOffset: 0))
    #expect(script.state.step == .confirm)

    #expect(script.press(.next) == [.issueBackupCodes(enrollmentID: 7, count: 10)])
    #expect(script.state.step == .backupCodes)
    script.send(.backupCodesGenerated(Fixture.codes()))
    script.press(.next)
    #expect(script.state.step == .backupCodes, "Enter alone does not skip the codes")
    #expect(script.state.notice?.kind == .error)
    script.press(.acknowledgeCodes, .next)
    #expect(script.state.step == .done)
    #expect(script.state.backup.codes.isEmpty, "codes are not kept after the codes step")
    #expect(script.state.backup.issuedCount == 10)
    #expect(script.press(.next) == [.quit(.completed)])
  }

  @Test func pastedURIIsReadAndReachesTheReader() {
    var script = Script()
    script.toReaderStep()
    #expect(script.state.step == .reader)
    #expect(script.state.service.text == "Acme")
    #expect(script.state.credential?.parameters == .standard)
    #expect(script.state.credential?.origin == .pasted)
  }

  @Test func anEmptyUserIDDoesNotGoOn() {
    var script = Script()
    script.send(.ticked(now: SampleToken.time))
    script.press(.next)
    script.press(.next)
    #expect(script.state.step == .userAndService, "an empty user ID does not go on")
    #expect(script.state.notice?.kind == .error)
  }

  @Test func readersKnownBeforeTheReaderStepAreIdentifiedOnArrival() {
    var script = Script()
    #expect(script.send(.readersChanged([ReaderEntry(name: Fixture.reader, hasCard: true)])) == [])
    script.toSecretStep()
    script.press(.moveDown)
    script.type(SampleToken.base32)
    let effects = script.press(.next)
    #expect(effects.contains(.identifyToken(reader: Fixture.reader)))
  }

  @Test func readerOptionPrefersTheNamedReader() {
    var script = Script(options: WizardOptions(readerName: "00 01"))
    script.send(
      .readersChanged([
        ReaderEntry(name: Fixture.reader, hasCard: true),
        ReaderEntry(name: Fixture.otherReader, hasCard: false),
      ]))
    #expect(script.state.readerPanel.selected == Fixture.otherReader)
  }

  @Test func sheetNamesUserServiceTokenDateAndTheOnceRule() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next, .confirmCodesMatch, .next)
    script.send(.backupCodesGenerated(Fixture.codes()))
    let effects = script.press(.saveCodes)
    guard case .saveCodes(let sheet, let fileName) = effects.first else {
      Issue.record("expected saveCodes, got \(effects)")
      return
    }
    #expect(fileName == "backup-codes-ann_example.com-8659622000001-20050318.txt")
    #expect(sheet.enrollmentID == Fixture.enrollment.id)
    #expect(sheet.lines.contains("User:    ann@example.com"))
    #expect(sheet.lines.contains("Token:   8659622000001 (OTPC-P2-i)"))
    #expect(sheet.lines.contains("Issued:  2005-03-18 01:58 UTC"))
    #expect(sheet.lines.contains(" 1.  " + Fixture.codes()[0].text))
    #expect(sheet.lines.contains("10.  " + Fixture.codes()[9].text))
    #expect(sheet.lines.last == "Each code works once. Keep this sheet apart from the token.")
    #expect(script.press(.printCodes) == [.printCodes(sheet)])
    script.send(.codesPrinted(.success("request id is office-7")))
    #expect(script.state.backup.isPrinted)
    script.send(.codesSaved(.failure(.saveFailed("disk full"))))
    #expect(script.state.notice == Notice(.error, "Saving failed: disk full"))
  }
}

@Suite struct StartOptionTests {
  @Test func anImageGivenAtStartFillsUserAndServiceFromItsURI() {
    var script = Script(options: WizardOptions(imagePath: "/tmp/qr.png"))
    script.send(.imageDecoded(path: "/tmp/qr.png", .success([SampleToken.uri])))
    #expect(script.state.user.text == "ann@example.com")
    #expect(script.state.service.text == "Acme")
    #expect(script.state.credential?.origin == .image(path: "/tmp/qr.png"))
    script.press(.next, .next)
    #expect(script.state.step == .secret)
    script.press(.next)
    #expect(script.state.step == .reader, "the decoded image is used without decoding again")
    #expect(!script.effects.dropFirst(4).contains(.decodeImage(path: "/tmp/qr.png")))
  }

  @Test func typedValuesWinOverTheURI() {
    var script = Script(
      options: WizardOptions(imagePath: "/tmp/qr.png", user: "a.nother", service: "Jira"))
    script.send(.imageDecoded(path: "/tmp/qr.png", .success([SampleToken.uri])))
    #expect(script.state.user.text == "a.nother")
    #expect(script.state.service.text == "Jira")
  }

  @Test func startOverKeepsTheReadersAndForgetsTheEnrollment() {
    var script = Script(options: WizardOptions(readerName: "virtual"))
    script.toReaderStep()
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next, .confirmCodesMatch, .next)
    script.send(.backupCodesGenerated(Fixture.codes()))
    script.press(.acknowledgeCodes, .next)
    #expect(script.state.step == .done)
    #expect(
      script.press(.startOver) == [.lockVault, .scheduleTick], "a held vault key is forgotten")
    #expect(script.state.step == .task)
    #expect(script.state.credential == nil)
    #expect(script.state.user.isEmpty)
    #expect(script.state.burn.report == nil)
    #expect(script.state.readerPanel.readers == [ReaderEntry(name: Fixture.reader, hasCard: true)])
    #expect(script.state.options.readerName == "virtual")
  }
}
