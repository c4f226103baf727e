import Molto2
import SmartCard
import TestSupport
import Testing

/// Every status word of protocol note §5.6, as the driver reads and reports it.
@Suite("Molto2 status words (protocol note §5.6)")
struct Molto2StatusTests {
  // GET INFO of serial 1010000001 at 1700000000, and a slot-50 probe that a Molto2 refuses.
  let info = "00 00 00 0A 31 30 31 30 30 30 30 30 30 31 11 04 65 53 F1 00 90 00"
  let noSlot50 = "6A 86"
  let emptySlot =
    "95 1F 70 1D 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 01 1E 06 00 90 00"
  let challenge = "01 02 03 04 05 06 07 08 90 00"

  func burn(_ answers: [String]) throws(Molto2Failure) {
    let card = Molto2Card(transport: scripted(answers), clock: { 1_700_000_000 })
    _ = try card.burn(
      try! Molto2BurnRequest(
        profile: 3, secret: Molto2Fixture.noteSecret, title: try! Molto2Title("Google")),
      key: .factoryDefault)
  }

  @Test("Classification of each status word")
  func classification() {
    #expect(Molto2Status(StatusWord(0x90, 0x00)) == .success)
    #expect(Molto2Status(StatusWord(0x90, 0x60)) == .awaitingConfirmation)
    #expect(Molto2Status(StatusWord(0x63, 0x04)) == .keyRefused(triesLeft: 4))
    #expect(Molto2Status(StatusWord(0x63, 0x00)) == .keyRefused(triesLeft: 0))
    #expect(Molto2Status(StatusWord(0x6A, 0x83)) == .slotEmpty)
    #expect(Molto2Status(StatusWord(0x6F, 0xFB)) == .caseFourRefused)
    #expect(Molto2Status(StatusWord(0x6A, 0x80)) == .other(StatusWord(0x6A, 0x80)))
  }

  @Test("90 00 throughout: the burn completes")
  func success() throws {
    try burn([info, noSlot50, emptySlot, challenge, "90 00", "90 00", "90 00", "90 00"])
  }

  @Test("63 NN: stop with NN tries left, nothing after the one AUTHENTICATE")
  func keyRefused() {
    let card = scripted([info, noSlot50, emptySlot, challenge, "63 02", "90 00"])
    #expect(throws: Molto2Failure.keyRefused(triesLeft: 2, state: .unchanged)) {
      _ = try Molto2Card(transport: card, clock: { 1_700_000_000 }).burn(
        try! Molto2BurnRequest(
          profile: 3, secret: Molto2Fixture.noteSecret, title: try! Molto2Title("Google")),
        key: .factoryDefault)
    }
    #expect(card.exchanges == 5)
  }

  @Test("90 60 on a write: the token waits for ▲, the earlier writes are reported")
  func awaitingConfirmation() {
    let state = Molto2State(confirmed: [.seedWritten(profile: 3), .titleWritten(profile: 3)])
    #expect(throws: Molto2Failure.awaitingConfirmation(command: .writeConfig, state: state)) {
      try burn([info, noSlot50, emptySlot, challenge, "90 00", "90 00", "90 00", "90 60"])
    }
  }

  @Test("6A 83 on DELETE SEED: the slot was already empty")
  func slotEmpty() {
    let card = Molto2Card(
      transport: scripted([info, noSlot50, challenge, "90 00", "6A 83"]), clock: { 1_700_000_000 })
    #expect(throws: Molto2Failure.slotEmpty(profile: 3, state: .unchanged)) {
      try card.deleteProfile(3, key: .factoryDefault)
    }
  }

  @Test("6F FB on a public-data read: reported, no AUTHENTICATE")
  func caseFour() {
    #expect(throws: Molto2Failure.caseFourRefused(profile: 3)) {
      try burn([info, noSlot50, "6F FB", challenge])
    }
  }

  @Test("Another status word on a write is shown as it came, with the state")
  func other() {
    let state = Molto2State(confirmed: [.seedWritten(profile: 3)])
    #expect(
      throws: Molto2Failure.unexpectedStatus(
        command: .writeTitle, status: StatusWord(0x6A, 0x80), state: state)
    ) {
      try burn([info, noSlot50, emptySlot, challenge, "90 00", "90 00", "6A 80"])
    }
  }

  @Test("A refused GET INFO is not a Molto2")
  func notAMolto2() {
    #expect(throws: Molto2Failure.notAMolto2(status: StatusWord(0x6D, 0x00))) {
      try burn(["6D 00"])
    }
  }
}
