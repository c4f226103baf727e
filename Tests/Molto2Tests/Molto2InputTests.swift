import Molto2
import OTP
import Simulator
import TestSupport
import Testing

/// Bad input is refused before any APDU is sent.
@Suite("Molto2 input checks")
struct Molto2InputTests {
  @Test("Titles: at most 12 bytes of printable ASCII")
  func titles() throws {
    #expect(try Molto2Title("ABCDEFGHIJKL").text == "ABCDEFGHIJKL")
    #expect(throws: Molto2InputProblem.titleTooLong(bytes: 13)) { try Molto2Title("ABCDEFGHIJKLM") }
    #expect(throws: Molto2InputProblem.titleNotPrintableASCII) { try Molto2Title("Café") }
    #expect(throws: Molto2InputProblem.titleNotPrintableASCII) { try Molto2Title("a\u{1B}[2J") }
  }

  @Test("The default title from the issuer: printable ASCII cut to 12, flagged when shortened")
  func issuerTitle() {
    let long = Molto2Title.fromIssuer("Atlassian Cloud Services")
    #expect(long.title.text == "Atlassian Cl" && long.shortened)
    let short = Molto2Title.fromIssuer("GitHub")
    #expect(short.title.text == "GitHub" && !short.shortened)
    let accented = Molto2Title.fromIssuer("Société")
    #expect(accented.title.text == "Socit" && accented.shortened)
  }

  @Test("Customer keys must be 16 bytes")
  func keyLength() {
    #expect(throws: Molto2InputProblem.customerKeyLength(actual: 15)) {
      try Molto2CustomerKey(bytes: [UInt8](repeating: 0x41, count: 15))
    }
    #expect(throws: Molto2InputProblem.customerKeyLength(actual: 17)) {
      try Molto2CustomerKey(bytes: [UInt8](repeating: 0x41, count: 17))
    }
  }

  @Test("A profile above 99 and a bad secret are refused before any APDU")
  func beforeAnyAPDU() throws {
    let title = try Molto2Title("Google")
    #expect(throws: Molto2InputProblem.profileOutOfRange(profile: 100, highest: 99)) {
      try Molto2BurnRequest(profile: 100, secret: Molto2Fixture.noteSecret, title: title)
    }
    #expect(throws: Molto2InputProblem.profileOutOfRange(profile: -1, highest: 99)) {
      try Molto2BurnRequest(profile: -1, secret: Molto2Fixture.noteSecret, title: title)
    }
    #expect(throws: Molto2InputProblem.emptySecret) {
      try Molto2BurnRequest(profile: 1, secret: Secret([]), title: title)
    }
    #expect(throws: Molto2InputProblem.secretTooLong(length: 64)) {
      try Molto2BurnRequest(
        profile: 1, secret: Secret([UInt8](repeating: 7, count: 64)), title: title)
    }
    let fixture = Molto2Fixture()
    #expect(throws: Molto2Failure.invalidInput(.profileOutOfRange(profile: 100, highest: 99))) {
      try fixture.card.deleteProfile(100, key: .factoryDefault)
    }
    #expect(throws: Molto2Failure.invalidInput(.profileOutOfRange(profile: 120, highest: 99))) {
      try fixture.card.syncTime(.profile(120), key: .factoryDefault)
    }
    #expect(fixture.recorder.commands.isEmpty)
  }

  @Test("Profile 50 on a Molto2: refused after the keyless reads, before AUTHENTICATE")
  func beyondModel() throws {
    let fixture = Molto2Fixture(model: .molto2)
    #expect(throws: Molto2Failure.invalidInput(.profileOutOfRange(profile: 50, highest: 49))) {
      try fixture.card.burn(fixture.request(profile: 50), key: .factoryDefault)
    }
    #expect(fixture.trace == ["INFO", "PUBLIC 50"])
    let v2 = Molto2Fixture(model: .molto2v2)
    _ = try v2.card.burn(v2.request(profile: 99), key: .factoryDefault)
    #expect(v2.token.code(99) == Molto2Fixture.noteCode)
  }
}
