import Foundation
import OTP
import TestSupport
import Testing
import TokenCrypto

@testable import SeedFiles

@Suite("PSKC (RFC 6030): the published examples, tampering, wrong keys, round trip")
struct PSKCReaderTests {
  static let psk = PSKCKeys(preSharedKey: Secret(hex(RFC6030.preSharedKeyHex)))
  static let password = PSKCKeys(password: Secret(Array(RFC6030.password.utf8)))

  static func onlyEntry(_ contents: SeedFileContents) throws -> SeedFileEntry {
    #expect(contents.problems.isEmpty, "\(contents.problems)")
    try #require(contents.entries.count == 1)
    return contents.entries[0]
  }

  @Test("Figure 2: plaintext secret, serial, HOTP, 8 digits, manufacturer")
  func plaintext() throws {
    let entry = try Self.onlyEntry(try PSKCReader.parse(RFC6030.plaintext, keys: PSKCKeys()))
    #expect(hexString(entry.secret.revealedBytes()) == RFC6030.secretHex)
    #expect(entry.serial == "987654321")
    #expect(entry.type == "hotp" && entry.digits == 8 && entry.algorithm == "sha1")
    #expect(entry.manufacturer == "Manufacturer")
  }

  @Test("§6.1: AES-128-CBC under the pre-shared key, MAC checked")
  func preSharedKey() throws {
    let entry = try Self.onlyEntry(try PSKCReader.parse(RFC6030.preShared(), keys: Self.psk))
    #expect(hexString(entry.secret.revealedBytes()) == RFC6030.secretHex)
  }

  @Test("§6.2: PBKDF2 from the password gives the RFC's key, and the secret decrypts")
  func passwordBased() throws {
    let root = try XMLElementNode.parse(RFC6030.passwordBased()).get()
    let key = try PSKCReader.containerKey(root, keys: Self.password)
    #expect(key.map(hexString) == RFC6030.derivedKeyHex)
    let entry = try Self.onlyEntry(
      try PSKCReader.parse(RFC6030.passwordBased(), keys: Self.password))
    #expect(hexString(entry.secret.revealedBytes()) == RFC6030.secretHex)
  }

  @Test("A changed MAC skips the key package and reports its line; nothing is returned")
  func tamperedMAC() throws {
    for (data, keys) in [
      (RFC6030.preShared(mac: "Tu+NvtQfmvfJzF6bmQiJqoLRExc="), Self.psk),
      (RFC6030.passwordBased(mac: "MP6xMvjtypbfT9PdkJhBZ+D6O4w="), Self.password),
    ] {
      let contents = try PSKCReader.parse(data, keys: keys)
      #expect(contents.entries.isEmpty)
      #expect(contents.problems.count == 1)
      #expect(contents.problems.first?.reason.contains("MAC") == true)
      #expect((contents.problems.first?.line ?? 0) > 1)
      #expect(contents.problems.first?.serial == "987654321")
    }
  }

  @Test("Wrong or missing keys are refused for the whole file")
  func wrongKeys() throws {
    #expect(throws: PSKCError.needsPreSharedKey) {
      try PSKCReader.parse(RFC6030.preShared(), keys: PSKCKeys())
    }
    #expect(throws: PSKCError.needsPassword) {
      try PSKCReader.parse(RFC6030.passwordBased(), keys: PSKCKeys())
    }
    // A wrong key either fails to unpad the MAC key (wrongKey) or yields a MAC that does not verify.
    let wrongPSK = PSKCKeys(preSharedKey: Secret(hex("00112233445566778899aabbccddeeff")))
    let wrongPassword = PSKCKeys(password: Secret(Array("qwertz".utf8)))
    for (data, keys) in [(RFC6030.preShared(), wrongPSK), (RFC6030.passwordBased(), wrongPassword)]
    {
      do {
        let contents = try PSKCReader.parse(data, keys: keys)
        #expect(contents.entries.isEmpty)
      } catch {
        #expect(error == .wrongKey)
      }
    }
  }

  @Test("Not XML, and XML that is not PSKC, are told apart")
  func notPSKC() {
    #expect(throws: PSKCError.self) {
      try PSKCReader.parse(Data("<KeyContainer><a></b></KeyContainer>".utf8), keys: PSKCKeys())
    }
    #expect(throws: PSKCError.notPSKC) {
      try PSKCReader.parse(Data("<Tokens/>".utf8), keys: PSKCKeys())
    }
    #expect(SeedFileFormat.looksLikeXML(RFC6030.plaintext))
    #expect(!SeedFileFormat.looksLikeXML(Data("123,abcd".utf8)))
  }

  @Test("The writer's file reads back with the password (TOTP, SHA-256, 60 s), not with another")
  func roundTrip() throws {
    let secrets = (0..<3).map { _ in try! SystemRandom().bytes(20) }
    let items = secrets.enumerated().map { index, bytes in
      PSKCWriter.Item(
        entry: SeedFileEntry(
          serial: "SN-\(index)", secret: Secret(bytes), type: "totp",
          algorithm: index == 1 ? "sha256" : "sha1",
          digits: 6, period: index == 2 ? 60 : 30, manufacturer: "Token2 <Sàrl> & \"Co\""),
        keyId: "K\(index)", user: "user \(index)")
    }
    let password = Secret(Array("correct horse".utf8))
    let text = try PSKCWriter.write(
      items, password: password, iterations: 1000, random: SystemRandom())
    for bytes in secrets {
      #expect(!text.contains(Data(bytes).base64EncodedString()))
      #expect(!text.lowercased().contains(hexString(bytes)))
    }
    let contents = try PSKCReader.parse(Data(text.utf8), keys: PSKCKeys(password: password))
    #expect(contents.problems.isEmpty, "\(contents.problems)")
    #expect(contents.entries.map(\.serial) == ["SN-0", "SN-1", "SN-2"])
    #expect(contents.entries.allSatisfy { $0.manufacturer == "Token2 <Sàrl> & \"Co\"" })
    #expect(contents.entries.map { hexString($0.secret.revealedBytes()) } == secrets.map(hexString))
    #expect(contents.entries.map(\.algorithm) == ["sha1", "sha256", "sha1"])
    #expect(contents.entries.map(\.period) == [30, 30, 60])
    let wrong = try? PSKCReader.parse(
      Data(text.utf8), keys: PSKCKeys(password: Secret(Array("wrong".utf8))))
    #expect(wrong?.entries.isEmpty ?? true)
  }
}
