import Foundation
import OTP
import TokenCrypto

/// The vault's envelope: a random 256-bit data key encrypts every secret with AES-256-GCM
/// (a fresh 96-bit nonce each time); the data key itself is stored wrapped by AES-256-GCM under
/// a key derived from the passphrase with scrypt (docs/decisions/0003-vault-keys.md).
///
/// Associated data binds each ciphertext to its row's meaning, so a blob copied onto another
/// enrollment or serial, or with altered parameters, fails authentication.
enum VaultCrypto {
  static let saltLength = 16
  static let keyDomain = "tokenburner vault key v1"
  static let secretDomain = "tokenburner vault secret v1"
  static let secretDomainV2 = "tokenburner vault secret v2"

  /// scrypt(passphrase) → 32-byte wrapping key. The caller zeroes the result.
  static func wrappingKey(passphrase: Secret, salt: [UInt8], parameters: VaultParameters)
    throws(VaultError) -> [UInt8]
  {
    try parameters.validateForVault()
    var password = passphrase.revealedBytes()
    defer { SecureBytes.zero(&password) }
    do {
      return try KeyDerivation.scrypt(
        password: password, salt: salt, cost: parameters, keyLength: AESGCM.keyLength,
        maxMemory: parameters.memoryBytes + (64 << 20))
    } catch {
      throw .crypto("scrypt: \(error)")
    }
  }

  /// The wrapped key's associated data: the domain, the KDF costs and the salt.
  static func keyAD(parameters: VaultParameters, salt: [UInt8]) -> [UInt8] {
    Array("\(keyDomain)\0scrypt\0\(parameters.n)\0\(parameters.r)\0\(parameters.p)\0".utf8) + salt
  }

  /// A secret's associated data: domain, kind, the enrollment id or serial, and the settings.
  static func secretAD(
    kind: String, binding: String, type: String, algorithm: String, digits: Int, period: Int
  ) -> [UInt8] {
    Array("\(secretDomain)\0\(kind)\0\(binding)\0\(type)\0\(algorithm)\0\(digits)\0\(period)".utf8)
  }

  /// A secret's associated data in format 2 (ADR 0003, addendum): format 1's fields plus the
  /// user, service and serial the secret belongs to, so an edited `enrollment` row no longer
  /// opens it. Each text is length-prefixed (or marked absent): a name holding a separator
  /// cannot make two different rows share one encoding.
  static func secretADv2(
    kind: String, binding: String, user: String?, service: String?, serial: String?, type: String,
    algorithm: String, digits: Int, period: Int
  ) -> [UInt8] {
    var bytes = Array(secretDomainV2.utf8) + [0]
    for field in [
      kind, binding, user, service, serial, type, algorithm, String(digits), String(period),
    ] {
      guard let field else {
        bytes.append(0)
        continue
      }
      let utf8 = Array(field.utf8)
      let length = UInt32(utf8.count)
      bytes += [
        1, UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF),
        UInt8(length & 0xFF),
      ]
      bytes += utf8
    }
    return bytes
  }

  /// Encrypts under `key` with a fresh random nonce; returns (nonce, ciphertext ‖ tag).
  static func seal(
    _ plaintext: [UInt8], key: [UInt8], associatedData: [UInt8], random: any RandomSource
  )
    throws(VaultError) -> (nonce: Data, sealed: Data)
  {
    do {
      let nonce = try random.bytes(AESGCM.nonceLength)
      let box = try AESGCM.seal(plaintext, key: key, nonce: nonce, associatedData: associatedData)
      return (Data(nonce), Data(box.ciphertext + box.tag))
    } catch {
      throw .crypto("AES-256-GCM seal: \(error)")
    }
  }

  /// Verifies and decrypts; `nil` when authentication fails (wrong key, altered or moved blob).
  static func open(nonce: Data, sealed: Data, key: [UInt8], associatedData: [UInt8]) -> [UInt8]? {
    guard sealed.count >= AESGCM.tagLength else { return nil }
    let bytes = [UInt8](sealed)
    let box = AESGCM.SealedBox(
      ciphertext: Array(bytes.dropLast(AESGCM.tagLength)),
      tag: Array(bytes.suffix(AESGCM.tagLength)))
    return try? AESGCM.open(box, key: key, nonce: [UInt8](nonce), associatedData: associatedData)
  }

  /// Seals `secret` under the vault key for one row.
  static func sealSecret(
    _ secret: Secret, key: VaultKey, associatedData: [UInt8], random: any RandomSource
  ) throws(VaultError) -> (nonce: Data, sealed: Data) {
    var dataKey = key.dataKey.revealedBytes()
    var plaintext = secret.revealedBytes()
    defer {
      SecureBytes.zero(&dataKey)
      SecureBytes.zero(&plaintext)
    }
    return try seal(plaintext, key: dataKey, associatedData: associatedData, random: random)
  }

  /// Opens one row's blob under the vault key.
  static func openSecret(
    nonce: Data, sealed: Data, key: VaultKey, associatedData: [UInt8], what: String
  )
    throws(VaultError) -> Secret
  {
    var dataKey = key.dataKey.revealedBytes()
    defer { SecureBytes.zero(&dataKey) }
    guard
      var plaintext = open(
        nonce: nonce, sealed: sealed, key: dataKey, associatedData: associatedData)
    else { throw .damaged(what) }
    defer { SecureBytes.zero(&plaintext) }
    return Secret(plaintext)
  }
}
