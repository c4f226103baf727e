import OTP
import TokenCrypto
import YubiKeyOATH

extension SimulatedYubiKey {
  func select(_ aid: [UInt8]) -> [UInt8] {
    isValidated = false
    guard aid == YKOATH.aid else {
      isSelected = false
      return sw(0x6A82)
    }
    isSelected = true
    var data = tlv(YKOATH.Tag.version, configuration.firmware.bytes) + tlv(YKOATH.Tag.name, salt)
    if accessKey != nil {
      let challenge = (try? random.bytes(8)) ?? Array(repeating: 0, count: 8)
      selectChallenge = challenge
      data += tlv(YKOATH.Tag.challenge, challenge) + tlv(YKOATH.Tag.algorithm, [0x01])
    }
    return data + sw(0x9000)
  }

  func put(_ fields: [YKOATHTLV.Element]) -> [UInt8] {
    guard let name = value(YKOATH.Tag.name, in: fields), (1...64).contains(name.count),
      let keyField = value(YKOATH.Tag.key, in: fields), keyField.count >= 2,
      OATHKind(byte: keyField[0]) != nil, (6...8).contains(keyField[1])
    else { return sw(0x6A80) }
    let touch = value(YKOATH.Tag.property, in: fields)?.first.map { $0 & 0x02 != 0 } ?? false
    let credential = Credential(
      name: name, kind: keyField[0], digits: keyField[1], key: Array(keyField.dropFirst(2)),
      touch: touch)
    if let index = credentials.firstIndex(where: { $0.name == name }) {
      credentials[index] = credential
    } else {
      guard credentials.count < configuration.capacity else { return sw(configuration.fullStatus) }
      credentials.append(credential)
    }
    counters.puts += 1
    return sw(0x9000)
  }

  func delete(_ fields: [YKOATHTLV.Element]) -> [UInt8] {
    guard let name = value(YKOATH.Tag.name, in: fields) else { return sw(0x6A80) }
    guard let index = credentials.firstIndex(where: { $0.name == name }) else {
      return sw(0x6984)
    }
    credentials.remove(at: index)
    return sw(0x9000)
  }

  /// SET CODE: `73 11 21 key` with the host's challenge and its proof, or `73 00` to remove.
  func setCode(_ fields: [YKOATHTLV.Element]) -> [UInt8] {
    guard let keyField = value(YKOATH.Tag.key, in: fields) else { return sw(0x6A80) }
    if keyField.isEmpty {
      accessKey = nil
      return sw(0x9000)
    }
    guard keyField.count == 17, let challenge = value(YKOATH.Tag.challenge, in: fields),
      let proof = value(YKOATH.Tag.fullResponse, in: fields)
    else { return sw(0x6A80) }
    let key = Array(keyField.dropFirst())
    guard
      OATHAccessCode.constantTimeEqual(
        proof, HMAC.authenticationCode(.sha1, key: key, message: challenge))
    else { return sw(0x6984) }
    accessKey = key
    return sw(0x9000)
  }

  func reset() -> [UInt8] {
    credentials = []
    accessKey = nil
    salt = (try? random.bytes(8)) ?? salt
    isValidated = false
    return sw(0x9000)
  }

  func list() -> [UInt8] {
    credentials.flatMap { tlv(YKOATH.Tag.nameListEntry, [$0.kind] + $0.name) }
  }

  func calculate(_ fields: [YKOATHTLV.Element], truncated: Bool) -> [UInt8] {
    guard let name = value(YKOATH.Tag.name, in: fields),
      let challenge = value(YKOATH.Tag.challenge, in: fields)
    else { return sw(0x6A80) }
    guard let credential = credentials.first(where: { $0.name == name }) else {
      return sw(0x6984)
    }
    if credential.touch {
      counters.touchRequests += 1
      guard touch() else { return sw(0x6982) }
      counters.touchesReceived += 1
    }
    let mac = self.mac(credential, challenge)
    if truncated {
      return tlv(YKOATH.Tag.truncatedResponse, [credential.digits] + truncate(mac)) + sw(0x9000)
    }
    return tlv(YKOATH.Tag.fullResponse, [credential.digits] + mac) + sw(0x9000)
  }

  func calculateAll(_ fields: [YKOATHTLV.Element]) -> [UInt8] {
    guard let challenge = value(YKOATH.Tag.challenge, in: fields) else { return sw(0x6A80) }
    var data: [UInt8] = []
    for credential in credentials {
      data += tlv(YKOATH.Tag.name, credential.name)
      if credential.kind & 0xF0 == OATHType.hotp.rawValue {
        data += tlv(YKOATH.Tag.hotp, [credential.digits])
      } else if credential.touch {
        data += tlv(YKOATH.Tag.touch, [credential.digits])
      } else {
        data += tlv(
          YKOATH.Tag.truncatedResponse,
          [credential.digits] + truncate(mac(credential, challenge)))
      }
    }
    return respond(data)
  }

  func validate(_ fields: [YKOATHTLV.Element]) -> [UInt8] {
    counters.validateCommands += 1
    guard let accessKey, let selectChallenge else { return sw(0x6984) }
    guard let proof = value(YKOATH.Tag.fullResponse, in: fields),
      let hostChallenge = value(YKOATH.Tag.challenge, in: fields)
    else { return sw(0x6A80) }
    guard
      OATHAccessCode.constantTimeEqual(
        proof, HMAC.authenticationCode(.sha1, key: accessKey, message: selectChallenge))
    else {
      counters.failedValidations += 1
      return sw(0x6984)
    }
    isValidated = true
    self.selectChallenge = nil
    return tlv(
      YKOATH.Tag.fullResponse,
      HMAC.authenticationCode(.sha1, key: accessKey, message: hostChallenge)) + sw(0x9000)
  }

  func mac(_ credential: Credential, _ challenge: [UInt8]) -> [UInt8] {
    let algorithm = OATHKind(byte: credential.kind)?.algorithm ?? .sha1
    return HMAC.authenticationCode(algorithm.digest, key: credential.key, message: challenge)
  }

  /// RFC 4226 dynamic truncation: four bytes at the offset the last nibble names, top bit clear.
  func truncate(_ mac: [UInt8]) -> [UInt8] {
    let offset = Int(mac[mac.count - 1] & 0x0F)
    return [mac[offset] & 0x7F, mac[offset + 1], mac[offset + 2], mac[offset + 3]]
  }
}
