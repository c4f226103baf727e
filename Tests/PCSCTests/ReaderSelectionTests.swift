import PCSC
import SmartCard
import Testing

@Suite struct ReaderSelectionTests {
  let acr = ReaderState(name: "ACS ACR122U PICC Interface 00 00", card: .absent)
  let identiv = ReaderState(
    name: "Identiv uTrust 3700 F CL Reader [Contactless] 01 00", card: .present)
  let slot0 = ReaderState(name: "Virtual PCD 00 00", card: .present, atr: [0x3B, 0x80])
  let slot1 = ReaderState(name: "Virtual PCD 00 01", card: .absent)

  @Test func noReadersIsAnError() {
    #expect(throws: ReaderSelectionError.noReaders) {
      try ReaderSelection.choose(from: [], named: nil)
    }
    #expect(throws: ReaderSelectionError.noReaders) {
      try ReaderSelection.choose(from: [], named: "acr")
    }
  }

  @Test func withoutANameTheSingleReaderHoldingACardIsChosen() throws {
    #expect(try ReaderSelection.choose(from: [acr, identiv, slot1], named: nil) == identiv)
    #expect(try ReaderSelection.choose(from: [acr, identiv], named: "  ") == identiv)
  }

  @Test func withoutANameAMuteOrExclusiveCardStillCounts() throws {
    var mute = acr
    mute.card = .mute
    #expect(try ReaderSelection.choose(from: [mute, slot1], named: nil) == mute)
    var busy = acr
    busy.card = .exclusive
    #expect(try ReaderSelection.choose(from: [busy, slot1], named: nil) == busy)
  }

  @Test func withoutANameAndNoCardTheReadersAreListed() {
    #expect(throws: ReaderSelectionError.noCard(readers: [acr.name, slot1.name])) {
      try ReaderSelection.choose(from: [acr, slot1], named: nil)
    }
  }

  @Test func withoutANameTwoCardsAreAmbiguous() {
    #expect(
      throws: ReaderSelectionError.ambiguous(
        requested: nil, candidates: [identiv.name, slot0.name])
    ) {
      try ReaderSelection.choose(from: [acr, identiv, slot0], named: nil)
    }
  }

  @Test func aNameMatchesACaseInsensitiveSubstring() throws {
    #expect(try ReaderSelection.choose(from: [acr, identiv], named: "acr122") == acr)
    #expect(try ReaderSelection.choose(from: [acr, identiv], named: "UTRUST") == identiv)
  }

  @Test func aNamedReaderIsChosenEvenWithoutACard() throws {
    #expect(try ReaderSelection.choose(from: [acr, identiv], named: "ACS") == acr)
  }

  @Test func anExactNameWinsOverLongerNamesContainingIt() throws {
    let short = ReaderState(name: "Reader 0", card: .absent)
    let long = ReaderState(name: "Reader 01", card: .present)
    #expect(try ReaderSelection.choose(from: [long, short], named: "Reader 0") == short)
    #expect(try ReaderSelection.choose(from: [long, short], named: "reader 0") == short)
  }

  @Test func severalMatchesAreNarrowedToTheOneHoldingACard() throws {
    #expect(try ReaderSelection.choose(from: [slot0, slot1], named: "virtual pcd") == slot0)
  }

  @Test func severalMatchesWithoutASingleCardAreAmbiguous() {
    var empty0 = slot0
    empty0.card = .absent
    #expect(
      throws: ReaderSelectionError.ambiguous(
        requested: "Virtual", candidates: [empty0.name, slot1.name])
    ) {
      try ReaderSelection.choose(from: [empty0, slot1, acr], named: "Virtual")
    }
  }

  @Test func noMatchListsTheConnectedReaders() {
    #expect(
      throws: ReaderSelectionError.noMatch(requested: "omnikey", available: [acr.name, slot0.name])
    ) {
      try ReaderSelection.choose(from: [acr, slot0], named: "omnikey")
    }
  }

  @Test func messagesNameTheReaders() {
    let noMatch = ReaderSelectionError.noMatch(requested: "x", available: ["A 00", "B 00"])
    #expect(
      noMatch.operatorMessage == "No reader matches \"x\"; connected readers: \"A 00\", \"B 00\".")
    let ambiguous = ReaderSelectionError.ambiguous(requested: nil, candidates: ["A 00", "B 00"])
    #expect(ambiguous.operatorMessage.contains("\"A 00\", \"B 00\""))
    #expect(ambiguous.operatorMessage.contains("--reader"))
    #expect(ReaderSelectionError.noCard(readers: ["A 00"]).operatorMessage.contains("lay it flat"))
    #expect(ReaderSelectionError.noCard(readers: []).cardFailure == .noCard)
    #expect(
      ReaderSelectionError.noReaders.cardFailure
        == .readerUnavailable(ReaderSelectionError.noReaders.operatorMessage))
  }
}

@Suite struct CardStatusTests {
  @Test(arguments: [
    (UInt32(0x0010), CardStatus.absent),
    (0x0020, .present),
    (0x0120, .inUse),
    (0x01A0, .exclusive),
    (0x0220, .mute),
    (0x0008, .unavailable),
    (0x0004, .unavailable),
    (0x0003_0022, .present),  // event counter in the high word and CHANGED are ignored
  ])
  func flagsDecode(flags: UInt32, expected: CardStatus) {
    #expect(CardStatus(flags: flags) == expected)
  }

  @Test func onlyPhysicalCardsCountAsHeld() {
    let held = [CardStatus.present, .inUse, .exclusive, .mute].map(\.holdsCard)
    #expect(held == [true, true, true, true])
    let notHeld = [CardStatus.absent, .unavailable].map(\.holdsCard)
    #expect(notHeld == [false, false])
  }
}
