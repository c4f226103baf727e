import Foundation

/// Key containers built from the values RFC 6030 publishes in its examples (figure 2, the
/// plaintext container; §6.1, AES-128-CBC under a pre-shared key; §6.2, a PBKDF2-derived key).
/// The element layout is written here; the keys, salts, ciphertexts and MACs are the RFC's.
/// Every example holds the same HOTP secret, the ASCII digits "12345678901234567890".
enum RFC6030 {
  static let secretHex = "3132333435363738393031323334353637383930"
  static let preSharedKeyHex = "12345678901234567890123456789012"
  static let password = "qwerty"
  /// PBKDF2-HMAC-SHA1("qwerty", salt, 1000, 16) as §6.2 states it.
  static let derivedKeyHex = "651e63cd57008476af1ff6422cd02e41"

  static func container(
    encryptionKey: String = "", macMethod: String = "", secret: String, extraNamespaces: String = ""
  ) -> Data {
    Data(
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <pskc:KeyContainer Version="1.0" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc"
        xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
        xmlns:xenc11="http://www.w3.org/2009/xmlenc11#"
        xmlns:pkcs5="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#">
      \(encryptionKey)\(macMethod)
        <pskc:KeyPackage>
          <pskc:DeviceInfo>
            <pskc:Manufacturer>Manufacturer</pskc:Manufacturer>
            <pskc:SerialNo>987654321</pskc:SerialNo>
          </pskc:DeviceInfo>
          <pskc:CryptoModuleInfo><pskc:Id>CM_ID_001</pskc:Id></pskc:CryptoModuleInfo>
          <pskc:Key Id="12345678" Algorithm="urn:ietf:params:xml:ns:keyprov:pskc:hotp">
            <pskc:Issuer>Issuer</pskc:Issuer>
            <pskc:AlgorithmParameters>
              <pskc:ResponseFormat Length="8" Encoding="DECIMAL"/>
            </pskc:AlgorithmParameters>
            <pskc:Data>
              <pskc:Secret>
      \(secret)
              </pskc:Secret>
              <pskc:Counter><pskc:PlainValue>0</pskc:PlainValue></pskc:Counter>
            </pskc:Data>
          </pskc:Key>
        </pskc:KeyPackage>
      </pskc:KeyContainer>
      """.utf8)
  }

  static func macMethod(_ encryptedKey: String) -> String {
    """
      <pskc:MACMethod Algorithm="http://www.w3.org/2000/09/xmldsig#hmac-sha1">
        <pskc:MACKey>
          <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
          <xenc:CipherData>
            <xenc:CipherValue>
              \(encryptedKey)
            </xenc:CipherValue>
          </xenc:CipherData>
        </pskc:MACKey>
      </pskc:MACMethod>
    """
  }

  static func encryptedSecret(_ cipher: String, mac: String) -> String {
    """
              <pskc:EncryptedValue>
                <xenc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>
                <xenc:CipherData>
                  <xenc:CipherValue>
                    \(cipher)
                  </xenc:CipherValue>
                </xenc:CipherData>
              </pskc:EncryptedValue>
              <pskc:ValueMAC>\(mac)
              </pskc:ValueMAC>
    """
  }

  /// Figure 2: the secret in the clear.
  static let plaintext = container(
    secret: "        <pskc:PlainValue>MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=</pskc:PlainValue>")

  /// §6.1 (figure 6): pre-shared AES-128 key.
  static func preShared(mac: String = "Su+NvtQfmvfJzF6bmQiJqoLRExc=") -> Data {
    container(
      encryptionKey:
        "  <pskc:EncryptionKey><ds:KeyName>Pre-shared-key</ds:KeyName></pskc:EncryptionKey>\n",
      macMethod: macMethod("ESIzRFVmd4iZABEiM0RVZgKn6WjLaTC1sbeBMSvIhRejN9vJa2BOlSaMrR7I5wSX"),
      secret: encryptedSecret(
        "AAECAwQFBgcICQoLDA0OD+cIHItlB3Wra1DUpxVvOx2lef1VmNPCMl8jwZqIUqGv", mac: mac))
  }

  /// §6.2 (figure 7): key derived with PBKDF2 from the password "qwerty".
  static func passwordBased(mac: String = "LP6xMvjtypbfT9PdkJhBZ+D6O4w=") -> Data {
    container(
      encryptionKey: """
          <pskc:EncryptionKey>
            <xenc11:DerivedKey>
              <xenc11:KeyDerivationMethod Algorithm="http://www.rsasecurity.com/rsalabs/pkcs/schemas/pkcs-5v2-0#pbkdf2">
                <pkcs5:PBKDF2-params>
                  <Salt><Specified>Ej7/PEpyEpw=</Specified></Salt>
                  <IterationCount>1000</IterationCount>
                  <KeyLength>16</KeyLength>
                  <PRF/>
                </pkcs5:PBKDF2-params>
              </xenc11:KeyDerivationMethod>
              <xenc11:MasterKeyName>My Password 1</xenc11:MasterKeyName>
            </xenc11:DerivedKey>
          </pskc:EncryptionKey>

        """,
      macMethod: macMethod("2GTTnLwM3I4e5IO5FkufoOEiOhNj91fhKRQBtBJYluUDsPOLTfUvoU2dStyOwYZx"),
      secret: encryptedSecret(
        "oTvo+S22nsmS2Z/RtcoF8Hfh+jzMe0RkiafpoDpnoZTjPYZu6V+A4aEn032yCr4f", mac: mac))
  }
}

/// Lower-case hex written out here, not with the package's `Hex`: the oracle of the decrypted
/// secrets stays independent of the code it checks.
func hexString(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
