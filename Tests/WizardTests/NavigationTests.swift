import OTP
import TestSupport
import Testing
import Token2

@testable import Wizard

@Suite struct NavigationTests {
  @Test func backOnEveryStepKeepsWhatWasEntered() {
    var script = Script()
    script.toReaderStep()
    script.identifyToken()
    script.burnSuccessfully()
    script.press(.next)  // confirm
    script.press(.confirmCodesMatch, .next)  // backup codes
    script.send(.backupCodesGenerated(Fixture.codes()))
    #expect(script.state.step == .backupCodes)

    let expectedBack: [WizardStep] = [.confirm, .burn, .reader, .secret, .userAndService, .task]
    for expected in expectedBack {
      script.press(.back)
      #expect(script.state.step == expected)
      #expect(script.state.user.text == "ann@example.com")
      #expect(script.state.service.text == "Acme")
      #expect(script.state.credential?.secret == SampleToken.secret)
      #expect(script.state.credential?.origin == .pasted)
      #expect(script.state.backup.codes == Fixture.codes())
    }
    #expect(script.press(.back) == [], "back on the first step does nothing")

    // Forward again: nothing is asked twice, the codes are not drawn again.
    script.press(.next, .next)
    #expect(script.state.step == .secret)
    script.press(.next)
    #expect(script.state.step == .reader)
    script.press(.next)
    #expect(script.state.step == .burn)
  }

  @Test func pastedTextIsDroppedOnceReadAndTheKeyIsKept() {
    var script = Script()
    script.toReaderStep()
    #expect(script.state.secretEntry.pasted.isEmpty, "no key text is kept in a String")
    script.press(.back)
    script.press(.next)
    #expect(script.state.step == .reader, "Enter on the empty field goes on with the key read")
    #expect(script.state.credential?.secret == SampleToken.secret)
  }

  @Test func quitAsksOnlyWhenWorkWouldBeLost() {
    var fresh = Script()
    #expect(fresh.press(.quit) == [.quit(.cancelled)])

    var script = Script()
    script.toSecretStep()
    #expect(script.press(.quit) == [])
    #expect(script.state.isAskingToQuit)
    #expect(script.press(.insert("x")) == [], "other keys are ignored while asking")
    #expect(script.state.secretEntry.imagePath.isEmpty)
    script.press(.no)
    #expect(!script.state.isAskingToQuit)
    script.press(.quit)
    #expect(script.press(.yes) == [.quit(.cancelled)])
  }

  @Test func ctrlCTwiceQuitsAndTerminationQuitsAtOnce() {
    var script = Script()
    script.toSecretStep()
    #expect(script.send(.interrupted) == [])
    #expect(script.send(.interrupted) == [.quit(.cancelled)])
    #expect(script.send(.terminated) == [.quit(.terminated)])
  }

  @Test func pathCompletionUsesTheCommonPrefixAndListsCandidates() {
    var script = Script()
    script.toSecretStep()
    script.type("/home/op/Pi")
    #expect(script.press(.completePath) == [.listDirectory(prefix: "/home/op/Pi")])
    script.send(.directoryListed(prefix: "/home/op/Pi", matches: ["/home/op/Pictures/"]))
    #expect(script.state.secretEntry.imagePath.text == "/home/op/Pictures/")
    script.send(
      .directoryListed(
        prefix: "/home/op/Pictures/",
        matches: ["/home/op/Pictures/qr-1.png", "/home/op/Pictures/qr-2.png"]))
    #expect(script.state.secretEntry.imagePath.text == "/home/op/Pictures/qr-")
    #expect(script.state.secretEntry.completions.count == 2)
    script.send(.directoryListed(prefix: "/elsewhere", matches: ["/elsewhere/x.png"]))
    #expect(
      script.state.secretEntry.imagePath.text == "/home/op/Pictures/qr-", "stale listing ignored")
  }

  @Test func aRecentImageIsPickedByNumberWhenThePathIsEmpty() {
    var script = Script()
    script.send(.recentImagesListed(["/home/op/new.png", "/home/op/old.jpg"]))
    script.toSecretStep()
    #expect(script.press(.choose(2)) == [.decodeImage(path: "/home/op/old.jpg")])
    #expect(script.press(.choose(9)) == [])
  }

  @Test func revealTogglesAndTicksOnlyWhileTheScreenMoves() {
    var script = Script()
    script.toSecretStep()
    script.press(.toggleReveal)
    #expect(script.state.secretEntry.isRevealed)
    #expect(
      script.send(.ticked(now: SampleToken.time + 1)) == [], "the secret step does not animate")
    script.press(.moveDown)
    script.type(SampleToken.uri)
    #expect(script.press(.next).contains(.scheduleTick), "the reader step animates")
    #expect(script.send(.ticked(now: SampleToken.time + 2)) == [.scheduleTick])
  }

  @Test func readerSelectionMovesAndReadsTheNewReadersToken() {
    var script = Script()
    script.toReaderStep()
    script.send(
      .readersChanged([
        ReaderEntry(name: Fixture.reader, hasCard: false),
        ReaderEntry(name: Fixture.otherReader, hasCard: true),
      ]))
    #expect(script.state.readerPanel.selected == Fixture.otherReader)
    #expect(script.effects.last == .identifyToken(reader: Fixture.otherReader))
    #expect(script.press(.moveDown) == [], "the first reader holds no card")
    #expect(script.state.readerPanel.selected == Fixture.reader)
    #expect(script.press(.choose(2)) == [], "the earlier read of this reader is still under way")
    script.send(.tokenIdentified(reader: Fixture.otherReader, .success(SampleToken.identity())))
    #expect(script.state.readerPanel.identity == SampleToken.identity())
  }

  @Test func aReadForAReaderNoLongerSelectedIsDroppedAndTheSelectedOneIsRead() {
    var script = Script()
    script.toReaderStep()
    script.send(
      .readersChanged([
        ReaderEntry(name: Fixture.reader, hasCard: true),
        ReaderEntry(name: Fixture.otherReader, hasCard: true),
      ]))
    script.press(.choose(2))
    let effects = script.send(
      .tokenIdentified(reader: Fixture.reader, .success(SampleToken.identity())))
    #expect(effects == [.identifyToken(reader: Fixture.otherReader)])
    #expect(script.state.readerPanel.identity == nil)
  }
}
