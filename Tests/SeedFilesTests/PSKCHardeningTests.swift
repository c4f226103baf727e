import Foundation
import OTP
import Testing
import TokenCrypto

@testable import SeedFiles

/// Hostile and oversized PSKC: nesting that once overflowed the stack, and the export writer
/// keeping to what the reader reads back, with its PBKDF2 PRF and iteration count.
@Suite("PSKC limits: element depth, export size, export PBKDF2")
struct PSKCHardeningTests {
  /// A KeyContainer holding `depth` nested `<a>` elements.
  static func nested(_ depth: Int) -> Data {
    Data(
      ("<?xml version=\"1.0\"?>\n<KeyContainer Version=\"1.0\" xmlns=\"urn:ietf:params:xml:ns:keyprov:pskc\">\n"
        + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        + "</KeyContainer>\n").utf8)
  }

  static func item(_ index: Int, user: String? = nil) -> PSKCWriter.Item {
    PSKCWriter.Item(
      entry: SeedFileEntry(
        serial: "SN-\(index)", secret: Secret(Array(repeating: UInt8(index & 0xFF), count: 20)),
        type: "totp",
        algorithm: "sha1", digits: 6, period: 30, manufacturer: "Token2"),
      keyId: "K\(index)", user: user)
  }

  @Test("50 000 nested elements: refused as too deep at line 3, no crash")
  func fiftyThousandDeep() {
    #expect(throws: PSKCError.tooDeep(line: 3)) {
      try PSKCReader.parse(Self.nested(50_000), keys: PSKCKeys())
    }
  }

  @Test("The depth cap is 32: 31 levels under KeyContainer read as XML, 32 do not")
  func depthBoundary() {
    #expect(PSKCReader.maximumDepth == 32)
    // 31 nested under the root make 32 levels: the tree is read, and it is simply not a
    // KeyPackage (no entries, no problems).
    let contents = try? PSKCReader.parse(Self.nested(31), keys: PSKCKeys())
    #expect(contents?.entries.isEmpty == true)
    #expect(throws: PSKCError.tooDeep(line: 3)) {
      try PSKCReader.parse(Self.nested(32), keys: PSKCKeys())
    }
  }

  @Test("Exports name HMAC-SHA256 as the PBKDF2 PRF with 600 000 iterations, and read back")
  func prfAndIterations() throws {
    let password = Secret(Array("export passphrase".utf8))
    let text = try PSKCWriter.write([Self.item(7)], password: password, random: SystemRandom())
    #expect(text.contains("<IterationCount>600000</IterationCount>"))
    #expect(
      text.contains("<PRF Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#hmac-sha256\"/>"))
    let contents = try PSKCReader.parse(Data(text.utf8), keys: PSKCKeys(password: password))
    #expect(contents.problems.isEmpty, "\(contents.problems)")
    #expect(contents.entries.map { $0.secret.revealedBytes() } == [Array(repeating: 7, count: 20)])
  }

  @Test(
    "The key is PBKDF2-HMAC-SHA256: a reader told the PRF is SHA-1 has a wrong key and reads nothing"
  )
  func prfReallyUsed() throws {
    let password = Secret(Array("export passphrase".utf8))
    let text = try PSKCWriter.write(
      [Self.item(1)], password: password, iterations: 1000, random: SystemRandom())
    let asSHA1 = text.replacingOccurrences(
      of: "xmldsig-more#hmac-sha256", with: "xmldsig#hmac-sha1")
    // The key derived with the wrong PRF is a wrong key: it fails to unpad the MAC key
    // (wrongKey) or, about one time in 256 when that padding happens to be valid, yields a MAC
    // that does not verify. Either way nothing is read; a reader ignoring PRF would read it.
    do {
      let contents = try PSKCReader.parse(Data(asSHA1.utf8), keys: PSKCKeys(password: password))
      #expect(contents.entries.isEmpty)
      #expect(contents.problems.count == 1)
      #expect(contents.problems.first?.reason.contains("MAC does not verify") == true)
    } catch {
      #expect(error == .wrongKey)
    }
  }

  @Test(
    "An export larger than the reader's 8 MiB is refused, not produced; one just under reads back")
  func tooLargeRefused() throws {
    let password = Secret(Array("pw".utf8))
    let big = String(repeating: "u", count: 1 << 20)
    let items = (0..<8).map { Self.item($0, user: big) }
    #expect(PSKCReader.maximumSize == 8 << 20)
    #expect {
      _ = try PSKCWriter.write(items, password: password, iterations: 1000, random: SystemRandom())
    } throws: { error in
      guard case .tooLarge(let bytes)? = error as? PSKCWriter.Failure else { return false }
      return bytes > PSKCReader.maximumSize
    }
    // The same size given to the reader is refused by the same limit.
    let over = Data(repeating: 0x20, count: PSKCReader.maximumSize + 1)
    #expect(throws: PSKCError.tooLarge(bytes: PSKCReader.maximumSize + 1)) {
      try PSKCReader.parse(over, keys: PSKCKeys())
    }
    // Seven of them plus a filler just under the limit: written, and read back whole.
    var fits = Array(items.prefix(7))
    let written = try PSKCWriter.write(
      fits, password: password, iterations: 1000, random: SystemRandom())
    fits.append(
      Self.item(
        8, user: String(repeating: "v", count: PSKCReader.maximumSize - written.utf8.count - 2_000))
    )
    let full = try PSKCWriter.write(
      fits, password: password, iterations: 1000, random: SystemRandom())
    #expect(
      full.utf8.count > PSKCReader.maximumSize - 2_000 && full.utf8.count <= PSKCReader.maximumSize)
    #expect(
      try PSKCReader.parse(Data(full.utf8), keys: PSKCKeys(password: password)).entries.count == 8)
  }
}
