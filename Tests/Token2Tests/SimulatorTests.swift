import OTP
import Simulator
import SmartCard
import TestSupport
import Testing
import Token2
import TokenCrypto

/// APDU-level behaviour of the simulated firmware (protocol note §4, §4.9; OT2).
@Suite("Simulated Token2 firmware")
struct SimulatorTests {
  let key = Token2Key.publicDefault

  private func makeToken(_ configuration: SimulatedToken2Configuration = .init())
    -> (SimulatedToken2, AppletTransport)
  {
    let token = SimulatedToken2(
      configuration: configuration, clock: { hostNow }, random: CountingRandom())
    return (token, AppletTransport(applet: token))
  }

  private func authenticate(_ transport: AppletTransport, key: Token2Key = .publicDefault) throws
    -> StatusWord
  {
    let challenge = try transport.transmit(Token2Commands.getChallenge())
    #expect(challenge.status == .success)
    return try transport.transmit(Token2Commands.authenticate(challenge: challenge.data, key: key))
      .status
  }

  private func secured(ins: UInt8, p1: UInt8, body: [UInt8]) throws -> CommandAPDU {
    let mac = try Token2Crypto.commandMAC(ins: ins, p1: p1, p2: 0, body: body, key: key)
    return CommandAPDU(cla: 0x84, ins: ins, p1: p1, p2: 0, data: body + mac)
  }

  @Test("GET INFO reports serial and the drifted clock")
  func info() throws {
    let (token, transport) = makeToken(.init(model: .otpcP2i, clockOffset: -75))
    let response = try transport.transmit(Token2Commands.getInfo())
    #expect(response.status == .success)
    let info = try TokenInfo(parsing: response.data)
    #expect(info.serial == "8659622000001")
    #expect(info.serial == token.serial)
    #expect(info.tokenTime == UInt32(hostNow - 75))
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x80, ins: 0x41, p1: 0, p2: 0, le: 256)).status
        == .success)
  }

  @Test("Dispatch errors: 6E 00, 6D 00, 67 00, 6A 86, 6A 82")
  func dispatch() throws {
    let (_, transport) = makeToken()
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x90, ins: 0x41, p1: 0, p2: 0)).status
        == .classNotSupported)
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x80, ins: 0x99, p1: 0, p2: 0)).status
        == .instructionNotSupported)
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x80, ins: 0xCE, p1: 0, p2: 0, data: [1, 2])).status
        == .wrongLength)
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x80, ins: 0x4B, p1: 0, p2: 0, data: [0])).status
        == .wrongP1P2)
    #expect(
      try transport.transmit(SecurityKeyProbe.select(FamilyA.ForeignAID.fido)).status
        == .fileNotFound)
    #expect(
      try transport.transmit(CommandAPDU(cla: 0x84, ins: 0xD4, p1: 0, p2: 0, data: [1, 2, 3]))
        .status == .wrongLength)
  }

  @Test("AUTHENTICATE: right key accepted, wrong key 69 83 and the challenge is used up")
  func authentication() throws {
    let (token, transport) = makeToken()
    #expect(try authenticate(transport) == .success)
    #expect(token.isAuthenticated)

    let challenge = try transport.transmit(Token2Commands.getChallenge()).data
    #expect(!token.isAuthenticated, "a new challenge ends the session")
    let wrong = Token2Key(bytes: [UInt8](repeating: 1, count: 16))!
    #expect(
      try transport.transmit(Token2Commands.authenticate(challenge: challenge, key: wrong)).status
        == .authenticationBlocked)
    // The right answer to the used-up challenge is refused too.
    #expect(
      try transport.transmit(Token2Commands.authenticate(challenge: challenge, key: key)).status
        == .authenticationBlocked)
    // AUTHENTICATE without any challenge.
    try transport.reconnect()
    #expect(
      try transport.transmit(Token2Commands.authenticate(challenge: challenge, key: key)).status
        == .authenticationBlocked)
    #expect(token.counters.authenticateCommands == 4)
    #expect(token.counters.failedAuthentications == 2 + 1)
  }

  @Test("Power cycle loses authentication")
  func powerCycle() throws {
    let (token, transport) = makeToken()
    #expect(try authenticate(transport) == .success)
    try transport.reconnect()
    #expect(!token.isAuthenticated)
    let config = TokenConfiguration(
      displayTimeout: .seconds30, time: 5, algorithm: .sha1, period: .seconds30)
    #expect(
      try transport.transmit(Token2Commands.writeConfig(config, key: key)).status
        == .authenticationBlocked)
  }

  @Test("Secured commands without authentication: 69 83, or 69 82 when configured")
  func notAuthenticated() throws {
    let config = TokenConfiguration(
      displayTimeout: .seconds30, time: 5, algorithm: .sha1, period: .seconds30)
    let (_, plain) = makeToken()
    #expect(
      try plain.transmit(Token2Commands.writeConfig(config, key: key)).status
        == .authenticationBlocked)
    let (_, other) = makeToken(.init(notAuthenticatedStatus: .securityStatusNotSatisfied))
    #expect(
      try other.transmit(Token2Commands.writeSeed(secretBytes(20), key: key)).status
        == .securityStatusNotSatisfied)
  }

  @Test("Bad MAC 69 83; malformed TLV 6A 80")
  func macAndTLV() throws {
    let (token, transport) = makeToken()
    #expect(try authenticate(transport) == .success)
    let config = TokenConfiguration(
      displayTimeout: .seconds30, time: 5, algorithm: .sha1, period: .seconds30)
    var tampered = try Token2Commands.writeConfig(config, key: key)
    tampered.data[tampered.data.count - 1] ^= 1
    #expect(try transport.transmit(tampered).status == .authenticationBlocked)
    var badTLV = config.tlv
    badTLV[17] = 0x02
    #expect(try transport.transmit(secured(ins: 0xD4, p1: 0, body: badTLV)).status == .wrongData)
    var badStep = config.tlv
    badStep[18] = 0x2D
    #expect(try transport.transmit(secured(ins: 0xD4, p1: 0, body: badStep)).status == .wrongData)
    #expect(token.counters.configWrites == 0)
  }

  @Test("Seed ciphertext checks: block multiple, at most 64 bytes, 80 marker")
  func seedChecks() throws {
    let (token, transport) = makeToken()
    #expect(try authenticate(transport) == .success)
    #expect(
      try transport.transmit(secured(ins: 0xC5, p1: 1, body: [UInt8](repeating: 1, count: 20)))
        .status == .wrongData)
    #expect(
      try transport.transmit(secured(ins: 0xC5, p1: 1, body: [UInt8](repeating: 1, count: 80)))
        .status == .wrongData)
    let noMarker = try SM4.encryptECB(
      key: hex("8AD206883CA369482AB27182B6E83224"), [UInt8](repeating: 0x11, count: 16))
    #expect(try transport.transmit(secured(ins: 0xC5, p1: 1, body: noMarker)).status == .wrongData)
    let zeros = try SM4.encryptECB(
      key: hex("8AD206883CA369482AB27182B6E83224"), [UInt8](repeating: 0, count: 16))
    #expect(try transport.transmit(secured(ins: 0xC5, p1: 1, body: zeros)).status == .wrongData)
    #expect(try transport.transmit(secured(ins: 0xC5, p1: 2, body: zeros)).status == .wrongP1P2)
    #expect(token.counters.seedWrites == 0)
    let secret = secretBytes(48)
    #expect(try transport.transmit(Token2Commands.writeSeed(secret, key: key)).status == .success)
    #expect(token.holdsSeed(of: secret))
  }

  @Test(
    "Config sets the clock and settings; restricted models erase the seed",
    arguments: [Token2Model.c302i, .otpcP2i])
  func configEffects(model: Token2Model) throws {
    let (token, transport) = makeToken(.init(model: model, clockOffset: 500))
    #expect(token.hasSeed)
    #expect(try authenticate(transport) == .success)
    let config = TokenConfiguration(
      displayTimeout: .seconds120, time: UInt32(hostNow - 3), algorithm: .sha256, period: .seconds60
    )
    #expect(try transport.transmit(Token2Commands.writeConfig(config, key: key)).status == .success)
    #expect(token.clockOffset == -3)
    #expect(token.tokenTime == hostNow - 3)
    #expect(
      token.algorithm == .sha256 && token.period == .seconds60
        && token.displayTimeout == .seconds120)
    #expect(token.hasSeed == !model.isRestricted)
    #expect(token.display().hasSeed == !model.isRestricted)
  }

  @Test("Lock after N failed authentications: even the right key is refused")
  func lock() throws {
    let (token, transport) = makeToken(.init(lockAfterFailedAuthentications: 2))
    let wrong = Token2Key(bytes: [UInt8](repeating: 9, count: 16))!
    #expect(try authenticate(transport, key: wrong) == .authenticationBlocked)
    #expect(!token.isLocked)
    #expect(try authenticate(transport, key: wrong) == .authenticationBlocked)
    #expect(token.isLocked)
    try transport.reconnect()
    #expect(try authenticate(transport) == .authenticationBlocked)
  }

  @Test("Display shows the TOTP code of the stored seed")
  func display() throws {
    let secret = Secret(Array("12345678901234567890".utf8))
    let (token, _) = makeToken(.init(factorySeed: secret))
    let shown = token.display(atTokenTime: 59)
    #expect(shown.code == "287082")  // RFC 6238 appendix B, SHA-1, T = 59 (last 6 digits)
    #expect(shown.secondsLeft == 1)
    let (empty, _) = makeToken(.init(factorySeed: nil))
    #expect(empty.display().code == nil)
  }

  @Test("The fake security keys answer only their own SELECT")
  func securityKeys() throws {
    for kind in [SecurityKeyKind.fido, .yubiKeyOATH] {
      let key = SimulatedSecurityKey(kind: kind)
      let transport = AppletTransport(applet: key)
      #expect(try transport.transmit(Token2Commands.getInfo()).status == .classNotSupported)
      let fido = try transport.transmit(SecurityKeyProbe.select(FamilyA.ForeignAID.fido)).status
      let oath = try transport.transmit(SecurityKeyProbe.select(FamilyA.ForeignAID.yubiKeyOATH))
        .status
      #expect(fido.isSuccess == (kind == .fido))
      #expect(oath.isSuccess == (kind == .yubiKeyOATH))
    }
  }
}
