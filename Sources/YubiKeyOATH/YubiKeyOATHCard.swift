import OTP
import SmartCard
import TokenCrypto

/// The YubiKey OATH driver over any `CardTransport`: SELECT, one VALIDATE per run when the
/// applet has a password, then LIST, PUT, DELETE, CALCULATE and CALCULATE ALL. Answers ending in
/// `61 XX` are continued with SEND REMAINING.
///
/// One instance is one run: its `AuthenticationGate` lets at most one VALIDATE whose answer was
/// not an acceptance go to the card, so a wrong password is tried exactly once.
public final class YubiKeyOATHCard {
  /// The most SEND REMAINING commands sent for one command before giving up.
  public static let maximumContinuations = 64

  private let transport: any CardTransport
  private let random: any RandomSource
  /// The VALIDATE retry rule of this run.
  public private(set) var gate = AuthenticationGate()
  /// What the last SELECT reported.
  public private(set) var info: OATHAppletInfo?
  /// Whether VALIDATE succeeded since the last SELECT.
  public private(set) var isValidated = false

  /// A driver for the card behind `transport`; `random` draws the host's VALIDATE challenge.
  public init(transport: any CardTransport, random: any RandomSource = SystemRandom()) {
    self.transport = transport
    self.random = random
  }

  /// SELECT of the OATH applet: version, salt, whether a password is set.
  @discardableResult
  public func select() throws(YubiKeyOATHFailure) -> OATHAppletInfo {
    isValidated = false
    let response = try exchange(YKOATHCommands.select(), .select)
    guard response.status.isSuccess else { throw .noOATHApplet(status: response.status) }
    guard let info = OATHAppletInfo(selectResponse: response.data) else {
      throw .malformedResponse(.select)
    }
    self.info = info
    return info
  }

  /// SELECT, then VALIDATE with `password` (UTF-8 bytes) when the applet has one. A password
  /// given for an applet without one is not used.
  @discardableResult
  public func open(password: [UInt8]?) throws(YubiKeyOATHFailure) -> OATHAppletInfo {
    let info = try select()
    guard let cardChallenge = info.challenge else { return info }
    guard let password else { throw .passwordRequired }
    try validate(password: password, info: info, cardChallenge: cardChallenge)
    return info
  }

  private func validate(password: [UInt8], info: OATHAppletInfo, cardChallenge: [UInt8])
    throws(YubiKeyOATHFailure)
  {
    if let closure = gate.closure { throw .validateNotRetried(closure) }
    var key: [UInt8]
    let hostChallenge: [UInt8]
    do {
      key = try OATHAccessCode.key(password: password, salt: info.salt)
      hostChallenge = try random.bytes(8)
    } catch {
      throw .hostCryptoFailed
    }
    defer { SecureBytes.zero(&key) }
    let command = YKOATHCommands.validate(
      response: OATHAccessCode.response(
        key: key, challenge: cardChallenge, algorithm: info.algorithm),
      challenge: hostChallenge)
    do {
      try gate.begin()
    } catch {
      throw .validateNotRetried(error)
    }
    // A key proof is sent once and never resent: no continuation handling for it.
    let response: ResponseAPDU
    do {
      response = try transport.transmit(command)
    } catch {
      gate.answerLost()
      throw error.isLinkLoss ? .linkLost(.validate, error) : .cardUnavailable(error)
    }
    guard response.status.isSuccess else {
      gate.refused()
      if response.status == .referencedDataInvalid || response.status == .wrongData {
        throw .wrongPassword
      }
      throw .unexpectedStatus(.validate, response.status)
    }
    let expected = OATHAccessCode.response(
      key: key, challenge: hostChallenge, algorithm: info.algorithm)
    let proof = YKOATHTLV.parse(response.data)?.first { $0.tag == YKOATH.Tag.fullResponse }
    guard let proof, OATHAccessCode.constantTimeEqual(proof.value, expected) else {
      gate.refused()
      throw .cardProofMismatch
    }
    gate.accepted()
    isValidated = true
  }

  /// Every credential's name and kind (LIST), continued over `61 XX`.
  public func list() throws(YubiKeyOATHFailure) -> [OATHListedCredential] {
    let data = try successfulData(YKOATHCommands.list(), .list)
    guard let elements = YKOATHTLV.parse(data) else { throw .malformedResponse(.list) }
    var credentials: [OATHListedCredential] = []
    for element in elements where element.tag == YKOATH.Tag.nameListEntry {
      guard let kindByte = element.value.first, let kind = OATHKind(byte: kindByte),
        let id = OATHCredentialID.parse(
          Array(element.value.dropFirst()), isTOTP: kind.type == .totp)
      else { throw .malformedResponse(.list) }
      credentials.append(OATHListedCredential(id: id, kind: kind))
    }
    return credentials
  }

  /// Writes `credential` (PUT). A credential of the same name is replaced: callers ask first.
  public func put(_ credential: OATHNewCredential) throws(YubiKeyOATHFailure) {
    guard OATHNewCredential.supportedDigits.contains(credential.digits) else {
      throw .unsupportedDigits(credential.digits)
    }
    let response = try exchange(YKOATHCommands.put(credential), .put)
    switch response.status {
    case .success: return
    case .notEnoughMemory, .noPreciseDiagnosis:
      throw .full(used: nil, capacity: info?.capacity ?? 32)
    default: throw statusFailure(.put, response.status)
    }
  }

  /// Removes the credential named `id` (DELETE).
  public func delete(_ id: OATHCredentialID) throws(YubiKeyOATHFailure) {
    let response = try exchange(YKOATHCommands.delete(id), .delete)
    guard response.status.isSuccess else {
      if response.status == .referencedDataInvalid { throw .noSuchCredential(name: id.description) }
      throw statusFailure(.delete, response.status)
    }
  }

  /// The TOTP code of `id` at `unixTime` (CALCULATE with its own period). For a touch
  /// credential the card waits for the touch; `69 82` after validation means none came.
  public func calculate(_ id: OATHCredentialID, at unixTime: Int64) throws(YubiKeyOATHFailure)
    -> String
  {
    let counter = TOTP.step(at: unixTime, period: id.period)
    let response = try exchange(YKOATHCommands.calculate(id, counter: counter), .calculate)
    switch response.status {
    case .success: break
    case .securityStatusNotSatisfied where isValidated || info?.hasAccessCode == false:
      throw .touchNotReceived(name: id.description)
    case .referencedDataInvalid: throw .noSuchCredential(name: id.description)
    default: throw statusFailure(.calculate, response.status)
    }
    guard
      let value = YKOATHTLV.parse(response.data)?.first(where: {
        $0.tag == YKOATH.Tag.truncatedResponse
      }), let code = OATHCode.truncated(value.value)
    else { throw .malformedResponse(.calculate) }
    return code
  }

  /// CALCULATE ALL with the 30 s time step of `unixTime`. Codes of credentials with another
  /// period are computed with the wrong step, so they come back as `.otherPeriod`.
  public func calculateAll(at unixTime: Int64) throws(YubiKeyOATHFailure) -> [OATHCode] {
    let counter = TOTP.step(at: unixTime, period: OATHCredentialID.defaultPeriod)
    let data = try successfulData(YKOATHCommands.calculateAll(counter: counter), .calculateAll)
    guard let elements = YKOATHTLV.parse(data), elements.count % 2 == 0 else {
      throw .malformedResponse(.calculateAll)
    }
    var codes: [OATHCode] = []
    for pair in stride(from: 0, to: elements.count, by: 2) {
      let (nameElement, answer) = (elements[pair], elements[pair + 1])
      guard nameElement.tag == YKOATH.Tag.name else { throw .malformedResponse(.calculateAll) }
      let isTOTP = answer.tag != YKOATH.Tag.hotp
      guard let id = OATHCredentialID.parse(nameElement.value, isTOTP: isTOTP) else {
        throw .malformedResponse(.calculateAll)
      }
      switch answer.tag {
      case YKOATH.Tag.truncatedResponse:
        guard let code = OATHCode.truncated(answer.value) else {
          throw .malformedResponse(.calculateAll)
        }
        if id.period == OATHCredentialID.defaultPeriod {
          codes.append(OATHCode(id: id, value: .code(code)))
        } else {
          codes.append(OATHCode(id: id, value: .otherPeriod))
        }
      case YKOATH.Tag.touch: codes.append(OATHCode(id: id, value: .touchRequired))
      case YKOATH.Tag.hotp: codes.append(OATHCode(id: id, value: .hotp))
      default: throw .malformedResponse(.calculateAll)
      }
    }
    return codes
  }

  /// Every TOTP code at `unixTime`: CALCULATE ALL, then one CALCULATE for each credential with
  /// another period, and (when `touching`) for each touch credential, which waits for a touch.
  public func codes(at unixTime: Int64, touching: Bool) throws(YubiKeyOATHFailure) -> [OATHCode] {
    var codes = try calculateAll(at: unixTime)
    for index in codes.indices {
      let value = codes[index].value
      guard value == .otherPeriod || (touching && value == .touchRequired) else { continue }
      codes[index].value = .code(try calculate(codes[index].id, at: unixTime))
    }
    return codes
  }

  // MARK: - Exchanges

  /// Sends `command`, follows `61 XX` with SEND REMAINING, and returns the assembled answer.
  private func exchange(_ command: CommandAPDU, _ name: OATHCommand) throws(YubiKeyOATHFailure)
    -> ResponseAPDU
  {
    var data: [UInt8] = []
    var response = try send(command, name)
    var continuations = 0
    while response.status.sw1 == 0x61 {
      data += response.data
      continuations += 1
      guard continuations <= Self.maximumContinuations else {
        throw .linkLost(name, .unresponsive("more than \(Self.maximumContinuations) continuations"))
      }
      response = try send(YKOATHCommands.sendRemaining(), name)
    }
    return ResponseAPDU(data: data + response.data, status: response.status)
  }

  private func send(_ command: CommandAPDU, _ name: OATHCommand) throws(YubiKeyOATHFailure)
    -> ResponseAPDU
  {
    do {
      return try transport.transmit(command)
    } catch {
      throw error.isLinkLoss ? .linkLost(name, error) : .cardUnavailable(error)
    }
  }

  private func successfulData(_ command: CommandAPDU, _ name: OATHCommand)
    throws(YubiKeyOATHFailure) -> [UInt8]
  {
    let response = try exchange(command, name)
    guard response.status.isSuccess else { throw statusFailure(name, response.status) }
    return response.data
  }

  /// `69 82` before a VALIDATE means the applet wants its password.
  private func statusFailure(_ name: OATHCommand, _ status: StatusWord) -> YubiKeyOATHFailure {
    if status == .securityStatusNotSatisfied && !isValidated { return .passwordRequired }
    return .unexpectedStatus(name, status)
  }
}
