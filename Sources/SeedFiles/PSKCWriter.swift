import Foundation
import OTP
import TokenCrypto

/// Writes a PSKC key container (RFC 6030) protected as §6.2 describes: a key derived from a
/// password with PBKDF2-HMAC-SHA1, every secret encrypted with AES-128-CBC under it (fresh IV
/// each), and an HMAC-SHA1 over each ciphertext under a random MAC key that travels encrypted
/// too. This is the profile authentication servers import most widely.
public enum PSKCWriter {
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

  /// PBKDF2 iterations for exports: far above the RFC example's 1000, affordable for an import.
  public static let defaultIterations = 210_000

  /// The document text. Pure: randomness comes from `random`.
  public static func write(
    _ items: [Item], password: Secret, iterations: Int = defaultIterations, random: any RandomSource
  ) throws(CryptoError) -> String {
    let salt = try random.bytes(16)
    var passwordBytes = password.revealedBytes()
    defer { SecureBytes.zero(&passwordBytes) }
    var key = try KeyDerivation.pbkdf2(
      password: passwordBytes, salt: salt, iterations: iterations, keyLength: 16, hash: .sha1)
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
                <PRF/>
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
    let manufacturer = entry.manufacturer.map { "      <Manufacturer>\(escape($0))</Manufacturer>\n" } ?? ""
    let suite = entry.algorithm == "sha1" ? "" : "        <Suite>HMAC-\(entry.algorithm.uppercased())</Suite>\n"
    let user = item.user.map { "      <UserId>\(escape($0))</UserId>\n" } ?? ""
    let interval = entry.type == "totp"
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
  private static func encrypt(_ plaintext: [UInt8], key: [UInt8], random: any RandomSource) throws(CryptoError) -> [UInt8] {
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

/// Tells the two supported layouts apart by their first bytes.
public enum SeedFileFormat {
  /// `true` for XML (a PSKC file), `false` for CSV text.
  public static func looksLikeXML(_ data: Data) -> Bool {
    let start = data.prefix(256).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    return start.first == UInt8(ascii: "<")
  }
}
