import Molto2
import SmartCard
import TokenCrypto

extension SimulatedMolto2 {
  typealias Instruction = Molto2Wire.Instruction

  /// Status words the simulator answers beyond those of protocol note §5.6 (which lists no
  /// more): ISO meanings, chosen so each refusal is told apart in tests.
  enum Refusal {
    static let notAuthenticated = StatusWord.securityStatusNotSatisfied
    static let badMAC = StatusWord(0x69, 0x88)
    static let noChallenge = StatusWord(0x69, 0x85)
    static let locked = StatusWord.authenticationBlocked
    /// A seed write into an occupied slot. Whether the device refuses it is not documented
    /// (§5.4 item 4); the simulator does, so a driver that skips the delete fails its tests.
    static let slotOccupied = StatusWord(0x6A, 0x89)
  }

  func respond(to raw: [UInt8]) -> ResponseAPDU {
    guard let command = CommandAPDU(parsing: raw) else { return ResponseAPDU(status: .wrongLength) }
    switch command.cla {
    case Molto2Wire.Class.plain: return plain(command)
    case Molto2Wire.Class.secured: return secured(command)
    default: return ResponseAPDU(status: .classNotSupported)
    }
  }

  private func plain(_ command: CommandAPDU) -> ResponseAPDU {
    switch command.ins {
    case Instruction.getInfo:
      if command.data == [Molto2Wire.publicDataSelector] { return publicData(command) }
      // `80 41 00 00 00` (Molto2) or the family-A form with data `02 11`.
      guard command.p2 == 0, command.data.isEmpty || command.data == [0x02, 0x11] else {
        return ResponseAPDU(status: .wrongP1P2)
      }
      let time = UInt32(clamping: tokenTime)
      return ResponseAPDU(
        data: Molto2Info(serial: configuration.serial, tokenTime: time).encoded, status: .success)
    case Instruction.getChallenge:
      guard command.p1 == Molto2Wire.challengeP1 else { return ResponseAPDU(status: .wrongP1P2) }
      isAuthenticated = false
      guard let bytes = try? random.bytes(Molto2Wire.challengeLength) else {
        return ResponseAPDU(status: StatusWord(0x6F, 0x00))
      }
      challenge = bytes
      return ResponseAPDU(data: bytes, status: .success)
    case Instruction.authenticate: return authenticate(command)
    case Instruction.deleteSeed:
      // KRM found on hardware that DELETE SEED needs no authentication.
      guard let profile = slot(command.p2) else { return ResponseAPDU(status: .wrongP1P2) }
      guard slots[profile].seed != nil else {
        return ResponseAPDU(status: Molto2Status.slotEmptyWord)
      }
      SecureBytes.zero(&slots[profile].seed!)
      slots[profile].seed = nil
      counters.seedDeletes += 1
      return ResponseAPDU(status: .success)
    case Instruction.factoryReset:
      pending = .factoryReset
      return ResponseAPDU(status: Molto2Status.awaitingConfirmationWord)
    default: return ResponseAPDU(status: .instructionNotSupported)
    }
  }

  private func publicData(_ command: CommandAPDU) -> ResponseAPDU {
    guard command.le == nil else { return ResponseAPDU(status: Molto2Status.caseFourRefusedWord) }
    guard let profile = slot(command.p2) else { return ResponseAPDU(status: .wrongP1P2) }
    counters.publicDataReads += 1
    let stored = slots[profile]
    let time = UInt32(clamping: clock() + stored.clockOffset)
    let view = Molto2Slot(
      number: profile, title: String(decoding: stored.title, as: UTF8.self),
      isOccupied: stored.seed != nil, wireSettings: Molto2Slot.wire(stored.settings),
      flag: stored.seed != nil ? 0x20 : 0x00, timeA: time, timeB: time)
    return ResponseAPDU(data: view.encoded, status: .success)
  }

  private func authenticate(_ command: CommandAPDU) -> ResponseAPDU {
    counters.authenticateCommands += 1
    guard !isLocked else { return ResponseAPDU(status: Refusal.locked) }
    guard let challenge else { return ResponseAPDU(status: Refusal.noChallenge) }
    self.challenge = nil
    guard let expected = try? Molto2Crypto.authenticationResponse(challenge: challenge, key: key),
      SecureBytes.constantTimeEquals(expected, command.data)
    else {
      counters.failedAuthentications += 1
      triesLeft -= 1
      return ResponseAPDU(status: Molto2Status.keyRefusedWord(triesLeft: triesLeft))
    }
    triesLeft = configuration.tries
    isAuthenticated = true
    return ResponseAPDU(status: .success)
  }

  private func secured(_ command: CommandAPDU) -> ResponseAPDU {
    guard isAuthenticated else { return ResponseAPDU(status: Refusal.notAuthenticated) }
    guard command.data.count > Molto2Wire.macLength else {
      return ResponseAPDU(status: .wrongLength)
    }
    let body = Array(command.data.dropLast(Molto2Wire.macLength))
    let mac = Array(command.data.suffix(Molto2Wire.macLength))
    guard
      Molto2Crypto.verifyCommandMAC(
        mac, ins: command.ins, p1: command.p1, p2: command.p2, body: body, key: key)
    else { return ResponseAPDU(status: Refusal.badMAC) }
    guard let profile = slot(command.p2) else { return ResponseAPDU(status: .wrongP1P2) }
    switch (command.ins, command.p1) {
    case (Instruction.writeSeed, Molto2Wire.writeSeedP1): return writeSeed(body, profile)
    case (Instruction.writeTitle, 0):
      guard let title = Molto2Crypto.decryptPadded(body, key: key),
        title.count <= Molto2Title.maximumLength
      else { return ResponseAPDU(status: .wrongData) }
      slots[profile].title = title
      counters.titleWrites += 1
      return ResponseAPDU(status: .success)
    case (Instruction.writeConfig, Molto2Wire.writeConfigP1): return writeConfig(body, profile)
    // CHANGE CUSTOMER KEY is not simulated: the driver does not send it yet.
    case (Instruction.changeKey, _): return ResponseAPDU(status: .instructionNotSupported)
    default: return ResponseAPDU(status: .wrongP1P2)
    }
  }

  private func writeSeed(_ body: [UInt8], _ profile: Int) -> ResponseAPDU {
    guard (16...64).contains(body.count), body.count % 16 == 0 else {
      return ResponseAPDU(status: .wrongData)
    }
    if var raw = Molto2Crypto.decryptRaw(body, key: key), raw.allSatisfy({ $0 == 0 }) {
      // CLEAR SEED: an all-zero seed with no `80` marker (§5.2).
      SecureBytes.zero(&raw)
      slots[profile].seed = nil
      counters.seedDeletes += 1
      return ResponseAPDU(status: .success)
    }
    guard var seed = Molto2Crypto.decryptPadded(body, key: key) else {
      return ResponseAPDU(status: .wrongData)
    }
    guard (Molto2Wire.Seed.minimumLength...Molto2Wire.Seed.maximumLength).contains(seed.count)
    else {
      SecureBytes.zero(&seed)
      return ResponseAPDU(status: .wrongData)
    }
    guard slots[profile].seed == nil else {
      SecureBytes.zero(&seed)
      return ResponseAPDU(status: Refusal.slotOccupied)
    }
    slots[profile].seed = seed
    counters.seedWrites += 1
    return ResponseAPDU(status: .success)
  }

  private func writeConfig(_ body: [UInt8], _ profile: Int) -> ResponseAPDU {
    if let time = Molto2Configuration.syncTime(tlv: body) {
      setClock(time, profile)
      counters.timeSyncs += 1
      return ResponseAPDU(status: .success)
    }
    guard let config = Molto2Configuration(tlv: body) else {
      return ResponseAPDU(status: .wrongData)
    }
    setClock(config.time, profile)
    slots[profile].settings = config.settings
    slots[profile].displayTimeout = config.displayTimeout
    slots[profile].configured = true
    counters.configWrites += 1
    return ResponseAPDU(status: .success)
  }

  private func setClock(_ time: UInt32, _ profile: Int) {
    let offset = Int64(time) - clock()
    slots[profile].clockOffset = offset
    clockOffset = offset
  }

  private func slot(_ p2: UInt8) -> Int? {
    configuration.model.profiles.contains(Int(p2)) ? Int(p2) : nil
  }
}
