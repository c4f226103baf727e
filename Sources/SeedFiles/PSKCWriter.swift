import Foundation
import OTP
import TokenCrypto

/// Writes a PSKC key container (RFC 6030) protected as §6.2 describes: a key derived from a
/// password with PBKDF2-HMAC-SHA256 (named in the `PRF` element), every secret encrypted with
/// AES-128-CBC under it (fresh IV each), and an HMAC-SHA1 over each ciphertext under a random
/// MAC key that travels encrypted too. The MAC and the cipher are the profile authentication
/// servers import most widely; the PRF follows OWASP's password storage figures.
public enum PSKCWriter {
  /// Why no document was produced.
  public enum Failure: Error, Equatable, Sendable {
    /// The CSPRNG, PBKDF2 or the cipher failed.
    case crypto(CryptoError)
    /// The document would be `bytes` long, more than `PSKCReader.maximumSize`: the import
    /// would refuse it.
    case tooLarge(bytes: Int)
  }

  /// One key package to write.
  public struct Item: Sendable {
    public var entry: SeedFileEntry
    /// The Key `Id`; unique in the file (the serial for factory seeds).
    public var keyId: String
    /// Written as the key's `UserId`.
    public var user: String?

    public init(entry: SeedFileEntry, keyId: String, user: String? = nil) {
      self.entry = entry
      self.keyId = keyId
      self.user = user
    }
  }

  /// PBKDF2-HMAC-SHA256 iterations for exports, and the fewest allowed: OWASP's figure for
  /// that PRF (600 000; 1 300 000 for SHA-1).
  public static let defaultIterations = 600_000

  /// How exports are protected, in the words of the commands that write them.
  public static let protectionSummary = "PBKDF2-HMAC-SHA256 + AES-128-CBC + HMAC-SHA1"

  /// The `PRF` algorithm URI (RFC 6030 §6.2 via the XML Signature identifiers).
  static let prfAlgorithm = "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256"

  /// The document text. Pure: randomness comes from `random`.
  ///
  /// - Throws: `.tooLarge` when the text would exceed what `seeds import` reads back.
  public static func write(
    _ items: [Item], password: Secret, iterations: Int = defaultIterations, random: any RandomSource
  ) throws(Failure) -> String {
    let text: String
    do {
      text = try document(items, password: password, iterations: iterations, random: random)
    } catch {
      throw .crypto(error)
    }
    guard text.utf8.count <= PSKCReader.maximumSize else { throw .tooLarge(bytes: text.utf8.count) }
    return text
  }

  private static func document(
    _ items: [Item], password: Secret, iterations: Int, random: any RandomSource
  ) throws(CryptoError) -> String {
    let salt = try random.bytes(16)
    var passwordBytes = password.revealedBytes()
    defer { SecureBytes.zero(&passwordBytes) }
    var key = try KeyDerivation.pbkdf2(
      password: passwordBytes, salt: salt, iterations: iterations, keyLength: 16, hash: .sha256)
    defer { SecureBytes.zero(&key) }
    var macKey = try random.bytes(20)
    defer { SecureBytes.zero(&macKey) }
    let encryptedMACKey = try encrypt(macKey, key: key, random: random)

    var xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
          xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"
          xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#"
          xmlns:xenc="http://www.w3.org/2001/04/xmlenc#">
        <EncryptionKey>
          <xenc11:DerivedKey>
            <xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">
              <pkcs5:PBKDF2-params>
                <Salt><Specified>\(Data(salt).base64EncodedString())</Specified></Salt>
                <IterationCount>\(iterations)</IterationCount>
                <KeyLength>16</KeyLength>
                <PRF Algorithm="\(prfAlgorithm)"/>
              </pkcs5:PBKDF2-params>
            </xenc11:KeyDerivationMethod>
            <xenc11:MasterKeyName>tokenburner export</xenc11:MasterKeyName>
          </xenc11:DerivedKey>
        </EncryptionKey>
        <MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
          <MACKey>
            <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
            <xenc:CipherData><xenc:CipherValue>\(Data(encryptedMACKey).base64EncodedString())</xenc:CipherValue></xenc:CipherData>
          </MACKey>
        </MACMethod>

      """
    for item in items {
      var secret = item.entry.secret.revealedBytes()
      defer { SecureBytes.zero(&secret) }
      let cipher = try encrypt(secret, key: key, random: random)
      let mac = HMAC.authenticationCode(.sha1, key: macKey, message: cipher)
      xml += package(item, cipher: cipher, mac: mac)
    }
    return xml + "</KeyContainer>\n"
  }

  private static func package(_ item: Item, cipher: [UInt8], mac: [UInt8]) -> String {
    let entry = item.entry
    let manufacturer =
      entry.manufacturer.map { "      <Manufacturer>\(escape($0))</Manufacturer>\n" } ?? ""
    let suite =
      entry.algorithm == "sha1"
      ? "" : "        <Suite>HMAC-\(entry.algorithm.uppercased())</Suite>\n"
    let user = item.user.map { "      <UserId>\(escape($0))</UserId>\n" } ?? ""
    let interval =
      entry.type == "totp"
      ? "        <TimeInterval><PlainValue>\(entry.period)</PlainValue></TimeInterval>\n" : ""
    return """
        <KeyPackage>
          <DeviceInfo>
      \(manufacturer)      <SerialNo>\(escape(entry.serial))</SerialNo>
          </DeviceInfo>
          <Key Id="\(escape(item.keyId))" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:\(entry.type)">
            <AlgorithmParameters>
      \(suite)        <ResponseFormat Length="\(entry.digits)" Encoding="DECIMAL"/>
            </AlgorithmParameters>
            <Data>
              <Secret>
                <EncryptedValue>
                  <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                  <xenc:CipherData><xenc:CipherValue>\(Data(cipher).base64EncodedString())</xenc:CipherValue></xenc:CipherData>
                </EncryptedValue>
                <ValueMAC>\(Data(mac).base64EncodedString())</ValueMAC>
              </Secret>
      \(interval)      </Data>
      \(user)    </Key>
        </KeyPackage>

      """
  }

  /// IV ‖ AES-128-CBC(padded plaintext).
  private static func encrypt(_ plaintext: [UInt8], key: [UInt8], random: any RandomSource)
    throws(CryptoError) -> [UInt8]
  {
    let iv = try random.bytes(16)
    var padded = AESCBC.pad(plaintext)
    defer { SecureBytes.zero(&padded) }
    return iv + (try AESCBC.encrypt(key: key, iv: iv, padded))
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }
}

/// Tells the two supported layouts apart by their first bytes, and bounds their size.
public enum SeedFileFormat {
  /// The largest seed file read from disk (16 MiB; vendor files for thousands of tokens stay
  /// well under it). A PSKC file has the lower `PSKCReader.maximumSize`.
  public static let maximumFileSize = 16 << 20

  /// `true` for XML (a PSKC file), `false` for CSV text.
  public static func looksLikeXML(_ data: Data) -> Bool {
    let start = data.prefix(256).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return start.first == UInt8(ascii: "<")
  }
}
