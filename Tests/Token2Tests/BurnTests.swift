import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2

/// The burn procedure (protocol note §4.8) against the simulated token, happy paths.
@Suite("Burn: success paths")
struct BurnTests {
  static let cases: [(Token2Model, Token2Algorithm, Token2Period, Int)] = {
    var all: [(Token2Model, Token2Algorithm, Token2Period, Int)] = []
    for model in [Token2Model.c302i, .otpcP2i] {
      for (algorithm, period) in [
        (Token2Algorithm.sha1, Token2Period.seconds30), (.sha256, .seconds60),
      ] {
        for length in [10, 20, 32, 63] { all.append((model, algorithm, period, length)) }
      }
    }
    return all
  }()

  @Test("Burned token shows the TOTP code of the secret", arguments: cases)
  func burn(model: Token2Model, algorithm: Token2Algorithm, period: Token2Period, length: Int)
    throws
  {
    let bench = Bench(.init(model: model, clockOffset: 137))
    let secret = secretBytes(length)
    var stages: [BurnStage] = []
    let report = try bench.card().burn(
      BurnRequest(secret: secret, algorithm: algorithm, period: period, displayTimeout: .seconds60)
    ) { stages.append($0) }

    #expect(report.apduCount == 6)
    #expect(bench.recorder.commands.count == 6)
    #expect(bench.recorder.commands.map(\.ins) == [0x41, 0x4B, 0xCE, 0xD4, 0xC5, 0x41])
    #expect(stages == [.readInfo, .authenticate, .writeConfig, .writeSeed, .verify])
    #expect(report.recoveries.isEmpty)
    #expect(report.state == .burned)
    #expect(report.model == model)
    #expect(report.isRestricted == model.isRestricted)
    #expect(report.clockDriftBefore == 137)
    #expect(report.clockDriftAfter == 0)
    #expect(report.writtenTime == UInt32(hostNow))
    #expect(
      report.algorithm == algorithm && report.period == period
        && report.displayTimeout == .seconds60)
    #expect(report.after?.serial == report.serial)

    #expect(bench.token.holdsSeed(of: secret))
    #expect(bench.authenticateCount == 1)
    for offset: Int64 in [0, 29, 30, 61, 3600] {
      let shown = bench.token.display(atTokenTime: hostNow + offset)
      #expect(shown.code == expectedCode(secret, at: hostNow + offset, algorithm, period))
    }
    #expect(bench.token.display().algorithm == algorithm)
    #expect(bench.token.display().period == period)
    #expect(bench.token.displayTimeout == .seconds60)
  }

  @Test("The §4.10 secret shows 324550 at t = 1700000000")
  func workedExample() throws {
    let bench = Bench(.init(model: .otpcP2i))
    let secret = Secret(hex("48 65 6C 6C 6F 21 DE AD BE EF"))
    _ = try bench.card().burn(BurnRequest(secret: secret))
    #expect(bench.token.display(atTokenTime: 1_700_000_000).code == "324550")
  }

  @Test("A customer key works when the token carries it")
  func customerKey() throws {
    let key = Token2Key(bytes: Array(0x40...0x4F))!
    let bench = Bench(.init(model: .c302i, key: key))
    let secret = secretBytes(20)
    let report = try bench.card().burn(BurnRequest(secret: secret, key: key))
    #expect(report.state == .burned)
    #expect(bench.token.holdsSeed(of: secret))
  }

  @Test("Burning twice replaces the seed")
  func reburn() throws {
    let bench = Bench(.init(model: .otpcP2i))
    _ = try bench.card().burn(BurnRequest(secret: secretBytes(20, start: 1)))
    let second = secretBytes(20, start: 2)
    _ = try bench.card().burn(BurnRequest(secret: second, algorithm: .sha256))
    #expect(bench.token.holdsSeed(of: second))
    #expect(bench.token.display().code == expectedCode(second, at: hostNow, .sha256, .seconds30))
  }

  @Test("identify reads serial, model and drift without authenticating")
  func identify() throws {
    let bench = Bench(.init(model: .miniOTP3iNB, clockOffset: -42))
    let identity = try bench.card().identify()
    #expect(identity.serial == "8659609000001")
    #expect(identity.model == .miniOTP3iNB)
    #expect(identity.isRestricted)
    #expect(identity.clockDrift == -42)
    #expect(identity.warnings == [.restrictedModel])
    #expect(bench.recorder.commands == [Token2Commands.getInfo()])
    #expect(bench.authenticateCount == 0)
  }

  @Test("identify of an unknown prefix is not an error, but warns")
  func identifyUnknown() throws {
    let bench = Bench(.init(serial: "1234567000009"))
    let identity = try bench.card().identify()
    #expect(identity.model == nil)
    #expect(identity.warnings.first == .unknownModel)
  }

  @Test("Invalid secrets are refused before any APDU")
  func invalidSecret() {
    let bench = Bench()
    #expect(throws: Token2Failure.invalidSecret(.empty)) {
      try bench.card().burn(BurnRequest(secret: Secret([])))
    }
    #expect(throws: Token2Failure.invalidSecret(.tooLong(length: 64))) {
      try bench.card().burn(BurnRequest(secret: secretBytes(64)))
    }
    #expect(bench.recorder.commands.isEmpty)
  }

  @Test("A host clock outside u32 is refused before any APDU")
  func clockRange() {
    let bench = Bench()
    #expect(throws: Token2Failure.hostClockOutOfRange(-1)) {
      try bench.card(hostTime: -1).burn(BurnRequest(secret: secretBytes(20)))
    }
    #expect(bench.recorder.commands.isEmpty)
  }
}
