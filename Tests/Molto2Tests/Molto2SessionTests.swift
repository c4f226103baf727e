import Molto2
import OTP
import Simulator
import SmartCard
import TestSupport
import Testing

/// The session order of protocol note §5.4 against the in-memory simulated Molto2.
@Suite("Molto2 sessions against the simulated token")
struct Molto2SessionTests {
  @Test("Burn into slot 2: keyless reads, one AUTHENTICATE, seed, title, config; code matches")
  func burn() throws {
    let fixture = Molto2Fixture()
    let report = try fixture.card.burn(fixture.request(profile: 2), key: .factoryDefault)
    #expect(
      fixture.trace == [
        "INFO", "PUBLIC 50", "PUBLIC 2", "CHALLENGE", "AUTH", "SEED 2", "TITLE 2", "CONFIG 2",
      ])
    #expect(
      report.changes == [
        .seedWritten(profile: 2), .titleWritten(profile: 2), .configWritten(profile: 2),
      ])
    #expect(report.identity.model == .molto2)
    #expect(report.apduCount == 8)
    #expect(fixture.token.holdsSeed(Molto2Fixture.noteSecret, in: 2))
    #expect(fixture.token.title(2) == "Google")
    #expect(fixture.token.code(2) == Molto2Fixture.noteCode)
    // Slot 0 keeps the factory seed and every other slot stays empty.
    #expect(fixture.token.holdsSeed(SimulatedMolto2Configuration.defaultFactorySeed, in: 0))
    #expect((1..<50).filter { fixture.token.isOccupied($0) } == [2])
  }

  @Test("Settings land: SHA-256, 8 digits, 60 s in slot 49 of a Molto2")
  func settings() throws {
    let fixture = Molto2Fixture()
    let settings = Molto2Settings(algorithm: .sha256, digits: .eight, period: .seconds60)
    _ = try fixture.card.burn(
      fixture.request(profile: 49, settings: settings), key: .factoryDefault)
    #expect(fixture.token.settings(49) == settings)
    let listing = try fixture.card.listProfiles()
    #expect(listing.slots[49].settings == settings)
    #expect(listing.slots[49].title == "Google")
  }

  @Test("An occupied slot is refused without overwrite: no AUTHENTICATE, factory seed kept")
  func occupiedRefused() throws {
    let fixture = Molto2Fixture()
    #expect(throws: Molto2Failure.slotOccupied(profile: 0)) {
      try fixture.card.burn(fixture.request(profile: 0), key: .factoryDefault)
    }
    #expect(fixture.trace == ["INFO", "PUBLIC 50", "PUBLIC 0"])
    #expect(fixture.token.holdsSeed(SimulatedMolto2Configuration.defaultFactorySeed, in: 0))
  }

  @Test("Overwrite deletes first, then writes seed, title and config")
  func overwrite() throws {
    let fixture = Molto2Fixture()
    let report = try fixture.card.burn(
      fixture.request(profile: 0, overwrite: true), key: .factoryDefault)
    #expect(
      fixture.trace == [
        "INFO", "PUBLIC 50", "PUBLIC 0", "CHALLENGE", "AUTH", "DELETE 0", "SEED 0", "TITLE 0",
        "CONFIG 0",
      ])
    #expect(report.changes.first == .seedDeleted(profile: 0))
    #expect(fixture.token.code(0) == Molto2Fixture.noteCode)
  }

  @Test("A wrong customer key: exactly one AUTHENTICATE, tries left reported, nothing written")
  func wrongKey() throws {
    let fixture = Molto2Fixture(key: try Molto2CustomerKey(bytes: Array("ANOTHER-KEY-0001".utf8)))
    #expect(throws: Molto2Failure.keyRefused(triesLeft: 9, state: .unchanged)) {
      try fixture.card.burn(fixture.request(profile: 3), key: .factoryDefault)
    }
    #expect(fixture.recorder.count(ins: 0xCE) == 1)
    #expect(fixture.trace.last == "AUTH")
    #expect(!fixture.token.isOccupied(3))
    #expect(fixture.token.triesLeft == 9)
  }

  @Test("Listing is keyless: 50 or 100 slots, the factory seed in slot 0")
  func listing() throws {
    for model in Molto2Model.allCases {
      let fixture = Molto2Fixture(model: model)
      let listing = try fixture.card.listProfiles()
      #expect(listing.identity.model == model)
      #expect(listing.identity.serial == fixture.token.configuration.serial)
      #expect(listing.slots.map(\.number) == Array(0..<model.slotCount))
      #expect(listing.slots[0].isOccupied && listing.slots[0].title == "Token2")
      #expect(listing.slots.dropFirst().allSatisfy { !$0.isOccupied })
      #expect(fixture.recorder.commands.allSatisfy { $0.cla == 0x80 && $0.ins == 0x41 })
    }
  }

  @Test("Delete: one AUTHENTICATE then DELETE SEED; an empty slot says so")
  func delete() throws {
    let fixture = Molto2Fixture()
    let report = try fixture.card.deleteProfile(0, key: .factoryDefault)
    #expect(report.changes == [.seedDeleted(profile: 0)])
    #expect(fixture.trace == ["INFO", "PUBLIC 50", "CHALLENGE", "AUTH", "DELETE 0"])
    #expect(!fixture.token.isOccupied(0))
    #expect(throws: Molto2Failure.slotEmpty(profile: 0, state: .unchanged)) {
      try fixture.card.deleteProfile(0, key: .factoryDefault)
    }
  }

  @Test("Sync all: one AUTHENTICATE, then SYNC TIME for each of the 100 slots of a Molto2v2")
  func syncAll() throws {
    let fixture = Molto2Fixture(model: .molto2v2)
    let report = try fixture.card.syncTime(.all, key: .factoryDefault)
    #expect(fixture.recorder.count(ins: 0xCE) == 1)
    #expect(fixture.trace.filter { $0.hasPrefix("SYNC") } == (0..<100).map { "SYNC \($0)" })
    #expect(report.changes.count == 100)
    let one = Molto2Fixture()
    _ = try one.card.syncTime(.profile(7), key: .factoryDefault)
    #expect(one.trace.suffix(3) == ["CHALLENGE", "AUTH", "SYNC 7"])
  }

  @Test("The link lost on WRITE TITLE: the seed confirmed, the title in doubt, no retry")
  func linkLost() throws {
    // APDU 7 is WRITE TITLE (INFO, PUBLIC 50, PUBLIC 4, CHALLENGE, AUTH, SEED, TITLE).
    let fixture = Molto2Fixture(
      fault: LinkFaultPlan(commandIndex: 7, commandReachesCard: true))
    let expected = Molto2State(
      confirmed: [.seedWritten(profile: 4)], inDoubt: .titleWritten(profile: 4))
    #expect(
      throws: Molto2Failure.linkLost(during: .writeTitle, cause: .cardRemoved, state: expected)
    ) {
      try fixture.card.burn(fixture.request(profile: 4), key: .factoryDefault)
    }
    #expect(fixture.recorder.count(ins: 0xCE) == 1)
    #expect(fixture.token.title(4) == "Google")
  }

  @Test("The answer to AUTHENTICATE lost: counted as a refusal, nothing written")
  func authenticationAnswerLost() throws {
    let fixture = Molto2Fixture(fault: LinkFaultPlan(commandIndex: 5, commandReachesCard: true))
    #expect(throws: Molto2Failure.authenticationAnswerLost(state: .unchanged)) {
      try fixture.card.burn(fixture.request(profile: 4), key: .factoryDefault)
    }
    #expect(!fixture.token.isOccupied(4))
  }

  @Test("Factory reset waits for ▲; pressing it restores slot 0 and the factory key")
  func factoryResetConfirmation() throws {
    let token = SimulatedMolto2(
      configuration: SimulatedMolto2Configuration(), clock: { Molto2Fixture.time },
      random: FixedChallenge())
    let transport = AppletTransport(applet: token)
    _ = try Molto2Card(transport: transport, clock: { Molto2Fixture.time })
      .deleteProfile(0, key: .factoryDefault)
    let answer = try transport.transmit(Molto2Commands.factoryReset())
    #expect(Molto2Status(answer.status) == .awaitingConfirmation)
    #expect(!token.isOccupied(0))
    token.pressConfirm()
    #expect(token.isOccupied(0) && token.pending == nil)
  }
}
