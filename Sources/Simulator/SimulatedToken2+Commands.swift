import SmartCard
import Token2
import TokenCrypto

/// Command dispatch and per-command checks, following OT2's `token2.c` (protocol note §4,
/// §4.9): CLA/INS dispatch (`6E 00`/`6D 00`), lengths (`67 00`), parameters (`6A 86`),
/// authentication and MAC (`69 83`), payload (`6A 80`).
extension SimulatedToken2 {
  func respond(to bytes: [UInt8]) -> ResponseAPDU {
    guard let command = CommandAPDU(parsing: bytes) else { return status(.wrongLength) }
    switch (command.cla, command.ins) {
    case (FamilyA.Class.plain, FamilyA.Instruction.getInfo): return getInfo(command)
    case (FamilyA.Class.plain, FamilyA.Instruction.getChallenge): return getChallenge(command)
    case (FamilyA.Class.plain, FamilyA.Instruction.authenticate): return authenticate(command)
    case (FamilyA.Class.secured, FamilyA.Instruction.writeConfig): return writeConfig(command)
    case (FamilyA.Class.secured, FamilyA.Instruction.writeSeed): return writeSeed(command)
    case (0x00, 0xA4): return status(.fileNotFound)  // no applets to select on this token
    case (FamilyA.Class.plain, _), (FamilyA.Class.secured, _):
      return status(.instructionNotSupported)
    default: return status(.classNotSupported)
    }
  }

  private func status(_ word: StatusWord) -> ResponseAPDU { ResponseAPDU(status: word) }

  // GET INFO: `80 41 00 00 02 02 11`, or no data as the Molto2 sends it (§4.2).
  private func getInfo(_ command: CommandAPDU) -> ResponseAPDU {
    guard command.p1 == 0, command.p2 == 0 else { return status(.wrongP1P2) }
    guard command.data.isEmpty || command.data == FamilyA.getInfoData else {
      return status(.wrongData)
    }
    let time = UInt32(clamping: tokenTime)
    // Header and separator are opaque; OT2 fills them with zeros.
    let info = TokenInfo(serial: serial, tokenTime: time, header: [0, 0, 0], separator: [0, 0])
    return ResponseAPDU(data: info.encoded, status: .success)
  }

  // GET CHALLENGE: any framing with P1 = 08 (§4.3). Replaces the challenge, ends the session.
  private func getChallenge(_ command: CommandAPDU) -> ResponseAPDU {
    guard command.p1 == FamilyA.challengeP1 else { return status(.wrongP1P2) }
    isAuthenticated = false
    challenge = nil
    guard let fresh = try? random.bytes(FamilyA.challengeLength),
      fresh.count == FamilyA.challengeLength
    else { return status(StatusWord(0x6F, 0x00)) }
    challenge = fresh
    counters.challenges += 1
    return ResponseAPDU(data: fresh, status: .success)
  }

  // AUTHENTICATE (§4.4): the challenge is used up whatever the outcome.
  private func authenticate(_ command: CommandAPDU) -> ResponseAPDU {
    counters.authenticateCommands += 1
    guard command.data.count == FamilyA.authenticationResponseLength else {
      return status(.wrongLength)
    }
    let pending = challenge
    challenge = nil
    isAuthenticated = false
    guard !isLocked, let pending,
      let expected = try? Token2Crypto.authenticationResponse(
        challenge: pending, key: configuration.key),
      SecureBytes.constantTimeEquals(expected, command.data)
    else { return refuseAuthentication() }
    consecutiveFailures = 0
    isAuthenticated = true
    return status(.success)
  }

  private func refuseAuthentication() -> ResponseAPDU {
    counters.failedAuthentications += 1
    consecutiveFailures += 1
    if let limit = configuration.lockAfterFailedAuthentications, consecutiveFailures >= limit {
      isLocked = true
    }
    return status(.authenticationBlocked)
  }

  // Authentication, then the MAC over `80 INS P1 P2 Lc' body` (§3.4). Returns the body.
  private func securedBody(_ command: CommandAPDU) -> Result<[UInt8], StatusWordError> {
    guard isAuthenticated else { return .failure(.init(configuration.notAuthenticatedStatus)) }
    let body = Array(command.data.dropLast(FamilyA.macLength))
    let mac = Array(command.data.suffix(FamilyA.macLength))
    guard
      Token2Crypto.verifyCommandMAC(
        mac, ins: command.ins, p1: command.p1, p2: command.p2, body: body, key: configuration.key)
    else { return .failure(.init(.authenticationBlocked)) }
    return .success(body)
  }

  // WRITE CONFIG (§4.5): exact TLV; sets the clock; erases the seed on restricted models.
  private func writeConfig(_ command: CommandAPDU) -> ResponseAPDU {
    guard command.p1 == 0, command.p2 == 0 else { return status(.wrongP1P2) }
    guard command.data.count == FamilyA.configTLVLength + FamilyA.macLength else {
      return status(.wrongLength)
    }
    let body: [UInt8]
    switch securedBody(command) {
    case .failure(let refusal): return status(refusal.status)
    case .success(let checked): body = checked
    }
    guard let settings = TokenConfiguration(tlv: body) else { return status(.wrongData) }
    clockOffset = Int64(settings.time) - clock()
    displayTimeout = settings.displayTimeout
    algorithm = settings.algorithm
    period = settings.period
    if configuration.model.isRestricted, var erased = seed {
      SecureBytes.zero(&erased)
      seed = nil
      counters.seedErasures += 1
    }
    counters.configWrites += 1
    if configuration.dropsAuthenticationAfterConfig { isAuthenticated = false }
    return status(.success)
  }

  // WRITE SEED (§4.6): 16...64 bytes of ciphertext in whole blocks, an `80` marker after the
  // seed found by scanning back over zeros.
  private func writeSeed(_ command: CommandAPDU) -> ResponseAPDU {
    guard command.p1 == FamilyA.writeSeedP1, command.p2 == 0 else { return status(.wrongP1P2) }
    guard command.data.count > FamilyA.macLength else { return status(.wrongLength) }
    let body: [UInt8]
    switch securedBody(command) {
    case .failure(let refusal): return status(refusal.status)
    case .success(let checked): body = checked
    }
    guard !body.isEmpty, body.count % 16 == 0,
      body.count <= FamilyA.Seed.maximumCiphertextLength,
      var plaintext = try? Token2Crypto.decryptSeed(body, key: configuration.key)
    else { return status(.wrongData) }
    defer { SecureBytes.zero(&plaintext) }
    guard let marker = plaintext.lastIndex(where: { $0 != 0 }),
      plaintext[marker] == FamilyA.Seed.paddingMarker, marker > 0
    else { return status(.wrongData) }
    if var old = seed { SecureBytes.zero(&old) }
    seed = Array(plaintext[..<marker])
    counters.seedWrites += 1
    return status(.success)
  }
}

/// A refusal carried through `Result`.
struct StatusWordError: Error {
  let status: StatusWord
  init(_ status: StatusWord) { self.status = status }
}
