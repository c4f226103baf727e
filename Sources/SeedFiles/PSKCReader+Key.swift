import Foundation
import OTP
import TokenCrypto

extension PSKCReader {
  /// One `<Key>` of a `<KeyPackage>`: type, digits, time step, hash and the secret.
  static func readKey(
    _ key: XMLElementNode, package: XMLElementNode, serial: String?, encryptionKey: [UInt8]?,
    mac: (key: [UInt8], hash: DigestKind)?
  ) throws(PackageProblem) -> SeedFileEntry {
    guard let serial, SeedRules.isValidSerial(serial) else {
      throw PackageProblem(reason: "no usable serial (DeviceInfo/SerialNo or the Key Id)")
    }
    let uri = key.attributes["Algorithm"] ?? ""
    let type = uri.hasPrefix(pskcType) ? String(uri.dropFirst(pskcType.count)).lowercased() : ""
    guard type == "totp" || type == "hotp" else {
      throw PackageProblem(
        reason: "algorithm \(uri.isEmpty ? "(none)" : uri) is neither HOTP nor TOTP")
    }
    let format = key.path("AlgorithmParameters", "ResponseFormat")
    guard let digits = Int(format?.attributes["Length"] ?? "6"), SeedRules.digits.contains(digits)
    else {
      throw PackageProblem(reason: "the response length must be 6 or 8 digits")
    }
    guard (format?.attributes["Encoding"] ?? "DECIMAL").uppercased() == "DECIMAL" else {
      throw PackageProblem(reason: "only decimal codes are supported")
    }
    let suite = key.path("AlgorithmParameters", "Suite")?.value.uppercased() ?? ""
    let algorithm =
      suite.contains("SHA512") ? "sha512" : suite.contains("SHA256") ? "sha256" : "sha1"
    var period = 30
    if let interval = key.path("Data", "TimeInterval", "PlainValue")?.value {
      guard let seconds = Int(interval), SeedRules.periods.contains(seconds) else {
        throw PackageProblem(reason: "the time interval must be 10 to 300 seconds")
      }
      period = seconds
    }
    guard let secretNode = key.path("Data", "Secret") else {
      throw PackageProblem(reason: "no secret")
    }
    var bytes = try secretBytes(secretNode, encryptionKey: encryptionKey, mac: mac)
    defer { SecureBytes.zero(&bytes) }
    guard SeedRules.secretLengths.contains(bytes.count) else {
      throw PackageProblem(reason: "the secret is \(bytes.count) bytes; 10 to 128 are accepted")
    }
    return SeedFileEntry(
      serial: serial, secret: Secret(bytes), type: type, algorithm: algorithm, digits: digits,
      period: period, manufacturer: package.path("DeviceInfo", "Manufacturer")?.value)
  }

  /// A plaintext (base64) secret, or an encrypted one whose MAC verifies first.
  static func secretBytes(
    _ node: XMLElementNode, encryptionKey: [UInt8]?, mac: (key: [UInt8], hash: DigestKind)?
  ) throws(PackageProblem) -> [UInt8] {
    if let plain = node.child("PlainValue") {
      guard let data = Data(base64Encoded: plain.value, options: .ignoreUnknownCharacters),
        !data.isEmpty
      else {
        throw PackageProblem(reason: "the plaintext secret is not base64")
      }
      return [UInt8](data)
    }
    guard let encrypted = node.child("EncryptedValue") else {
      throw PackageProblem(reason: "the secret has neither a PlainValue nor an EncryptedValue")
    }
    guard let encryptionKey else {
      throw PackageProblem(reason: "the secret is encrypted but the file declares no EncryptionKey")
    }
    guard let mac else {
      throw PackageProblem(
        reason: "the encrypted secret is not authenticated (no MACMethod); refused")
    }
    let cipher = try cipherValue(encrypted)
    guard
      let expected = node.child("ValueMAC").flatMap({
        Data(base64Encoded: $0.value, options: .ignoreUnknownCharacters)
      })
    else { throw PackageProblem(reason: "the encrypted secret has no ValueMAC") }
    let computed = HMAC.authenticationCode(mac.hash, key: mac.key, message: cipher)
    guard SecureBytes.constantTimeEquals(computed, [UInt8](expected)) else {
      throw PackageProblem(reason: "the secret's MAC does not verify (altered, or another key)")
    }
    do {
      return try decrypt(encrypted, key: encryptionKey)
    } catch let problem as PackageProblem {
      throw problem
    } catch {
      throw PackageProblem(reason: "the secret does not decrypt with this key")
    }
  }
}
