import Foundation
import OTP
import TokenCrypto

/// What unlocks an encrypted PSKC file (RFC 6030 §6): a pre-shared AES key (§6.1) or the
/// password of a PBKDF2-derived key (§6.2). Unused for plaintext files.
public struct PSKCKeys: Sendable {
  public var preSharedKey: Secret?
  public var password: Secret?

  public init(preSharedKey: Secret? = nil, password: Secret? = nil) {
    self.preSharedKey = preSharedKey
    self.password = password
  }
}

/// Why a whole PSKC file was refused (a single bad key package is a `SeedFileProblem`).
public enum PSKCError: Error, Equatable, Sendable, CustomStringConvertible {
  case notXML(line: Int, message: String)
  /// Elements nested deeper than `PSKCReader.maximumDepth`; parsing stopped at `line`.
  case tooDeep(line: Int)
  /// Larger than `PSKCReader.maximumSize`.
  case tooLarge(bytes: Int)
  case notPSKC
  case needsPreSharedKey
  case needsPassword
  case unsupported(String)
  case wrongKey

  public var description: String {
    switch self {
    case .notXML(let line, let message):
      "the file is not well-formed XML (line \(line)): \(message)"
    case .tooDeep(let line):
      "elements are nested more than \(PSKCReader.maximumDepth) deep (line \(line)); PSKC needs 8, so this is no seed file"
    case .tooLarge(let bytes):
      "the file is \(bytes) bytes; PSKC files are read up to \(PSKCReader.maximumSize >> 20) MiB (split it)"
    case .notPSKC: "the file is XML but not a PSKC KeyContainer (RFC 6030)"
    case .needsPreSharedKey:
      "the file is encrypted with a pre-shared key; give it with --pskc-key-file"
    case .needsPassword:
      "the file is encrypted with a password; give it with --pskc-password-file or --pskc-password-env"
    case .unsupported(let what): "unsupported PSKC feature: \(what)"
    case .wrongKey: "the key or password does not decrypt this file's MAC key"
    }
  }
}

/// Reads PSKC key containers (RFC 6030): plaintext secrets (§4), secrets encrypted with
/// AES-CBC under a pre-shared key (§6.1) or a PBKDF2-derived key (§6.2), each checked with
/// the container's HMAC before it is used. Asymmetric encryption (§6.3) is refused.
public enum PSKCReader {
  static let pskcType = "urn:ietf:params:xml:ns:keyprov:pskc:"

  /// The largest PSKC document read: 8 MiB (about 9 000 key packages). Foundation's
  /// `XMLParser` (libxml2 without `XML_PARSE_HUGE`) fails near 10 000 000 bytes with a bare
  /// "error 1", so the reader stops short of that with a clear reason, and the export writer
  /// refuses to make a file this reader would refuse.
  public static let maximumSize = 8 << 20

  /// The deepest element nesting read; deeper files are refused (`PSKCError.tooDeep`).
  public static var maximumDepth: Int { XMLElementNode.maximumDepth }

  /// Parses a PSKC document. Pure: bad key packages are reported (by line) and skipped.
  public static func parse(_ data: Data, keys: PSKCKeys) throws(PSKCError) -> SeedFileContents {
    guard data.count <= maximumSize else { throw .tooLarge(bytes: data.count) }
    let root: XMLElementNode
    switch XMLElementNode.parse(data) {
    case .success(let node): root = node
    case .failure(let error) where error.tooDeep: throw .tooDeep(line: error.line)
    case .failure(let error): throw .notXML(line: error.line, message: error.message)
    }
    guard root.name == "KeyContainer" else { throw .notPSKC }
    var encryptionKey = try containerKey(root, keys: keys)
    defer { if encryptionKey != nil { SecureBytes.zero(&encryptionKey!) } }
    var macKey = try macKey(root, encryptionKey: encryptionKey)
    defer { if macKey != nil { SecureBytes.zero(&macKey!.key) } }

    var problems: [SeedFileProblem] = []
    var parsed: [(line: Int?, entry: SeedFileEntry)] = []
    for package in root.children where package.name == "KeyPackage" {
      for key in package.children where key.name == "Key" {
        let serial = package.path("DeviceInfo", "SerialNo")?.value ?? key.attributes["Id"]
        do throws(PackageProblem) {
          let entry = try readKey(
            key, package: package, serial: serial, encryptionKey: encryptionKey, mac: macKey)
          parsed.append((key.line, entry))
        } catch {
          problems.append(SeedFileProblem(line: key.line, serial: serial, reason: error.reason))
        }
      }
    }
    let entries = SeedRules.dropDuplicates(parsed, problems: &problems)
    return SeedFileContents(format: "pskc", entries: entries, problems: problems)
  }

  struct PackageProblem: Error { var reason: String }

  /// The container's encryption key, derived or pre-shared; `nil` when it declares none.
  static func containerKey(_ root: XMLElementNode, keys: PSKCKeys) throws(PSKCError) -> [UInt8]? {
    guard let declared = root.child("EncryptionKey") else { return nil }
    if declared.child("X509Data") != nil {
      throw .unsupported("asymmetric key transport (RFC 6030 §6.3)")
    }
    guard let derived = declared.child("DerivedKey") else {
      guard let preShared = keys.preSharedKey else { throw .needsPreSharedKey }
      return preShared.revealedBytes()
    }
    guard let method = derived.child("KeyDerivationMethod"),
      method.attributes["Algorithm"]?.hasSuffix("#pbkdf2") == true,
      let parameters = method.child("PBKDF2-params")
    else { throw .unsupported("a key derivation other than PBKDF2") }
    guard let password = keys.password else { throw .needsPassword }
    guard
      let salt = Data(
        base64Encoded: parameters.path("Salt", "Specified")?.value ?? "",
        options: .ignoreUnknownCharacters),
      let iterations = Int(parameters.child("IterationCount")?.value ?? ""),
      (1...10_000_000).contains(iterations),
      let length = Int(parameters.child("KeyLength")?.value ?? "16"), length == 16 || length == 32
    else {
      throw .unsupported(
        "PBKDF2 parameters without a salt, an iteration count or a 16/32-byte key length")
    }
    let prf = parameters.child("PRF")?.attributes["Algorithm"] ?? ""
    let hash: DigestKind =
      prf.hasSuffix("hmac-sha256") ? .sha256 : prf.hasSuffix("hmac-sha512") ? .sha512 : .sha1
    var passwordBytes = password.revealedBytes()
    defer { SecureBytes.zero(&passwordBytes) }
    do {
      return try KeyDerivation.pbkdf2(
        password: passwordBytes, salt: [UInt8](salt), iterations: iterations, keyLength: length,
        hash: hash)
    } catch {
      throw .unsupported("PBKDF2 failed: \(error)")
    }
  }

  /// The MAC key (decrypted with the container key) and its HMAC hash, when a MACMethod exists.
  static func macKey(_ root: XMLElementNode, encryptionKey: [UInt8]?) throws(PSKCError)
    -> (key: [UInt8], hash: DigestKind)?
  {
    guard let method = root.child("MACMethod") else { return nil }
    let algorithm = method.attributes["Algorithm"] ?? ""
    let hash: DigestKind
    if algorithm.hasSuffix("#hmac-sha1") {
      hash = .sha1
    } else if algorithm.hasSuffix("#hmac-sha256") {
      hash = .sha256
    } else {
      throw .unsupported("MAC algorithm \(algorithm)")
    }
    guard let encrypted = method.child("MACKey") else {
      throw .unsupported("a MACMethod without a MACKey")
    }
    guard let encryptionKey else {
      throw .unsupported("an encrypted MAC key without an EncryptionKey")
    }
    guard let key = try? decrypt(encrypted, key: encryptionKey) else { throw .wrongKey }
    return (key, hash)
  }

  /// Decrypts an XML Encryption element (EncryptionMethod + CipherData/CipherValue, IV first).
  static func decrypt(_ node: XMLElementNode, key: [UInt8]) throws -> [UInt8] {
    let method = node.child("EncryptionMethod")?.attributes["Algorithm"] ?? ""
    guard method.hasSuffix("#aes128-cbc") || method.hasSuffix("#aes256-cbc") else {
      throw PackageProblem(
        reason:
          "encryption \(method.isEmpty ? "not named" : method) is not supported (aes128-cbc, aes256-cbc)"
      )
    }
    guard (method.hasSuffix("#aes128-cbc") ? 16 : 32) == key.count else {
      throw PackageProblem(reason: "the key does not fit the encryption algorithm")
    }
    let bytes = try cipherValue(node)
    guard bytes.count >= 32, bytes.count % 16 == 0 else {
      throw PackageProblem(reason: "the encrypted value has an impossible length")
    }
    var padded = try AESCBC.decrypt(
      key: key, iv: Array(bytes.prefix(16)), Array(bytes.dropFirst(16)))
    defer { SecureBytes.zero(&padded) }
    return try AESCBC.unpad(padded)
  }

  static func cipherValue(_ node: XMLElementNode) throws(PackageProblem) -> [UInt8] {
    guard let text = node.path("CipherData", "CipherValue")?.value,
      let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters)
    else { throw PackageProblem(reason: "no readable CipherValue") }
    return [UInt8](data)
  }
}
