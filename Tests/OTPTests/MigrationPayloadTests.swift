import Foundation
import Testing
import TokenCrypto

@testable import OTP

/// A protobuf writer written for the tests from the wire-format description, independent of
/// the decoder under test.
enum Proto {
  static func varint(_ value: UInt64) -> [UInt8] {
    var value = value
    var out: [UInt8] = []
    while value >= 0x80 {
      out.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    out.append(UInt8(value))
    return out
  }

  static func tag(_ field: Int, _ wireType: Int) -> [UInt8] {
    varint(UInt64(field << 3 | wireType))
  }

  static func int(_ field: Int, _ value: Int64) -> [UInt8] {
    tag(field, 0) + varint(UInt64(bitPattern: value))
  }

  static func bytes(_ field: Int, _ value: [UInt8]) -> [UInt8] {
    tag(field, 2) + varint(UInt64(value.count)) + value
  }

  static func string(_ field: Int, _ value: String) -> [UInt8] { bytes(field, Array(value.utf8)) }

  /// One `OtpParameters` message.
  static func entry(
    secret: [UInt8], name: String, issuer: String, algorithm: Int64, digits: Int64, type: Int64,
    counter: Int64? = nil
  ) -> [UInt8] {
    bytes(1, secret) + string(2, name) + string(3, issuer) + int(4, algorithm)
      + int(5, digits) + int(6, type) + (counter.map { int(7, $0) } ?? [])
  }
}

/// The sample export: a TOTP SHA-1 entry, a SHA-512 entry, an HOTP entry and a TOTP SHA-256
/// 8-digit entry, part 2 of 3 of batch -559038737.
let sampleSecrets: [[UInt8]] = [
  keyBytes,
  Array(0..<20).map { UInt8($0) &* 13 &+ 0xF0 },
  Array("12345678901234567890".utf8),
  Array(repeating: 0xFB, count: 32),
]

let samplePayload: [UInt8] =
  Proto.bytes(
    1,
    Proto.entry(
      secret: sampleSecrets[0], name: "Example:alice@example.com", issuer: "Example",
      algorithm: 1, digits: 1, type: 2))
  + Proto.bytes(
    1,
    Proto.entry(
      secret: sampleSecrets[1], name: "bank", issuer: "Big Bank", algorithm: 3, digits: 1, type: 2))
  + Proto.bytes(
    1,
    Proto.entry(
      secret: sampleSecrets[2], name: "Legacy: ops", issuer: "Legacy", algorithm: 1, digits: 1,
      type: 1, counter: 5))
  + Proto.bytes(
    1,
    Proto.entry(
      secret: sampleSecrets[3], name: "山田", issuer: "Café", algorithm: 2, digits: 2, type: 2))
  + Proto.int(2, 1) + Proto.int(3, 3) + Proto.int(4, 1) + Proto.int(5, -559_038_737)
  // An unknown field of each wire type, which a reader must skip.
  + Proto.int(9, 7) + Proto.tag(10, 1) + [1, 2, 3, 4, 5, 6, 7, 8]
  + Proto.bytes(11, [9, 9, 9]) + Proto.tag(12, 5) + [1, 2, 3, 4]

func migrationURI(_ bytes: [UInt8], urlSafe: Bool = false) -> String {
  var base64 = Data(bytes).base64EncodedString()
  if urlSafe {
    base64 = base64.replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }
  let escaped = base64.replacingOccurrences(of: "+", with: "%2B")
    .replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
  return "otpauth-migration://offline?data=" + escaped
}

@Suite struct MigrationPayloadTests {
  @Test func sampleBase64NeedsEscaping() {
    let base64 = Data(samplePayload).base64EncodedString()
    #expect(base64.contains("+") && base64.contains("/"))
  }

  static let encodings: [String] = {
    let base64 = Data(samplePayload).base64EncodedString()
    return [
      migrationURI(samplePayload),
      migrationURI(samplePayload, urlSafe: true),
      "otpauth-migration://offline?data=" + base64,  // + and / raw
      "otpauth-migration://offline?data="
        + base64.replacingOccurrences(of: "+", with: " "),  // + arrived as a space
      "OTPAUTH-MIGRATION://offline?data="
        + base64.replacingOccurrences(of: "=", with: "") + "\n",
    ]
  }()

  @Test(arguments: encodings)
  func decodesTheSample(_ uri: String) throws {
    let payload = try MigrationPayload.parse(uri)
    #expect(payload.version == 1)
    #expect(payload.batchSize == 3)
    #expect(payload.batchIndex == 1)
    #expect(payload.batchId == -559_038_737)
    #expect(payload.entries.count == 4)
    #expect(payload.entries.map { $0.secret.revealedBytes() } == sampleSecrets)

    let first = payload.entries[0]
    #expect(first.name == "Example:alice@example.com")
    #expect(first.account == "alice@example.com")
    #expect(first.issuer == "Example")
    #expect(first.algorithm == .sha1)
    #expect(first.digits == 6)
    #expect(first.type == .totp)

    #expect(payload.entries[1].algorithm == .sha512)
    #expect(payload.entries[2].type == .hotp)
    #expect(payload.entries[2].counter == 5)
    #expect(payload.entries[2].account == "ops")
    let last = payload.entries[3]
    #expect(last.name == "山田")
    #expect(last.issuer == "Café")
    #expect(last.algorithm == .sha256)
    #expect(last.digits == 8)
  }

  @Test func capabilityCheckReportsEveryEntry() throws {
    let payload = try MigrationPayload.parse(migrationURI(samplePayload))
    let checks = TokenCapabilities.token2SingleProfile.check(payload)
    #expect(checks.map(\.index) == [0, 1, 2, 3])
    #expect(checks[0].result.plan?.algorithm == .sha1)
    #expect(checks[0].result.plan?.warnings == [.shortSecret(bytes: 10, recommended: 16)])
    #expect(
      checks[1].result.problems == [.unsupportedAlgorithm(.sha512, supported: [.sha1, .sha256])])
    #expect(checks[2].result.problems == [.unsupportedType(.hotp)])
    #expect(checks[3].result.problems == [.unsupportedDigits(8, supported: [6])])
    for check in checks {
      for problem in check.result.problems {
        #expect(!problem.description.isEmpty)
      }
    }
  }

  @Test func unspecifiedAndUnknownCodes() throws {
    let entries =
      Proto.bytes(1, Proto.bytes(1, keyBytes + keyBytes) + Proto.string(2, "defaults"))
      + Proto.bytes(
        1,
        Proto.entry(
          secret: keyBytes + keyBytes, name: "odd", issuer: "", algorithm: 9, digits: 3, type: 7))
    let payload = try MigrationPayload.decode(protobuf: entries)
    let defaults = payload.entries[0]
    #expect(defaults.algorithm == nil && defaults.algorithmCode == 0)
    #expect(defaults.digits == nil && defaults.digitsCode == 0)
    #expect(defaults.type == .unknown(0))
    let capabilities = TokenCapabilities.token2SingleProfile
    #expect(capabilities.check(defaults).problems == [.unknownType(code: 0)])
    #expect(
      capabilities.check(payload.entries[1]).problems
        == [.unknownType(code: 7), .unknownAlgorithm(code: 9), .unknownDigits(code: 3)])
    // Proto3 defaults for an absent batch: zeros.
    #expect(payload.batchSize == 0 && payload.version == 0)
  }

  @Test func entryBuiltByHandMatchesTheDecodedOne() throws {
    let bytes = Proto.bytes(
      1,
      Proto.entry(
        secret: keyBytes, name: "n", issuer: "i", algorithm: 2, digits: 2, type: 2))
    let decoded = try MigrationPayload.decode(protobuf: bytes).entries[0]
    let built = MigrationEntry(
      secret: Secret(keyBytes), name: "n", issuer: "i", algorithm: .sha256, digits: 8)
    #expect(decoded == built)
  }

  static let damaged: [(String, [UInt8], MigrationError)] = [
    ("empty", [], .noEntries),
    ("only a version", Proto.int(2, 1), .noEntries),
    ("truncated length", Array(samplePayload.prefix(20)), .malformed(.truncated(offset: 0))),
    ("entry length past the end", [0x0A, 0x05, 0x0A], .malformed(.truncated(offset: 0))),
    (
      "secret length past the entry", [0x0A, 0x02, 0x0A, 0x09],
      .malformed(.truncated(offset: 2))
    ),
    (
      "varint never ends", [0x10] + Array(repeating: 0xFF, count: 12),
      .malformed(.varintTooLong(offset: 1))
    ),
    ("varint runs off the end", [0x10, 0xFF, 0xFF], .malformed(.truncated(offset: 1))),
    (
      "varint above 64 bits", [0x10] + Array(repeating: 0xFF, count: 9) + [0x02],
      .malformed(.varintTooLong(offset: 1))
    ),
    ("field number 0", [0x00, 0x01], .malformed(.invalidFieldNumber(offset: 0))),
    ("group wire type", [0x0B], .malformed(.unsupportedWireType(3, offset: 0))),
    ("wire type 7", [0x0F], .malformed(.unsupportedWireType(7, offset: 0))),
    ("fixed64 cut short", [0x51, 1, 2, 3], .malformed(.truncated(offset: 0))),
    ("fixed32 cut short", [0x55, 1], .malformed(.truncated(offset: 0))),
    (
      "entries as a varint", [0x08, 0x01],
      .malformed(.wrongWireType(field: 1, wireType: 0, offset: 0))
    ),
    (
      "version as bytes", [0x12, 0x00], .malformed(.wrongWireType(field: 2, wireType: 2, offset: 0))
    ),
    (
      "name not UTF-8", Proto.bytes(1, Proto.bytes(2, [0xC3, 0x28])),
      .invalidText(field: "name", entry: 0)
    ),
  ]

  @Test(arguments: damaged)
  func damagedPayloadsFailCleanly(_ name: String, _ bytes: [UInt8], _ expected: MigrationError) {
    #expect(throws: expected) { try MigrationPayload.decode(protobuf: bytes) }
  }

  @Test func everyTruncationOfTheSampleFailsOrDecodesWithoutCrashing() {
    for length in 0..<samplePayload.count {
      _ = try? MigrationPayload.decode(protobuf: Array(samplePayload.prefix(length)))
    }
    // Pseudo-random garbage and bit flips: errors or values, never a trap.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for round in 0..<2_000 {
      var bytes = samplePayload
      for _ in 0..<(1 + round % 4) {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        bytes[Int(state >> 33) % bytes.count] ^= UInt8(truncatingIfNeeded: state >> 7) | 1
      }
      _ = try? MigrationPayload.decode(protobuf: bytes)
      let garbage = (0..<(round % 64)).map { UInt8(truncatingIfNeeded: ($0 &* 131) ^ round) }
      _ = try? MigrationPayload.decode(protobuf: garbage)
    }
  }

  static let badURIs: [(String, MigrationError)] = [
    ("otpauth://totp/x?secret=JBSWY3DPEHPK3PXP", .notMigrationURI),
    ("otpauth-migration://offline", .missingData),
    ("otpauth-migration://offline?data=", .missingData),
    ("otpauth-migration://offline?data=CgA&data=CgA", .duplicateData),
    ("otpauth-migration://offline?data=Cg*A", .invalidBase64Character(position: 3)),
    ("otpauth-migration://offline?data=Cg==Cg", .invalidBase64Character(position: 3)),
    ("otpauth-migration://offline?data=CgAAC", .invalidBase64Length),
    ("otpauth-migration://offline?data=%FF", .invalidPercentEncoding),
    ("otpauth-migration://offline?data=Cg", .malformed(.truncated(offset: 1))),
    (
      "otpauth-migration://offline?data=" + String(repeating: "A", count: 70_000),
      .tooLarge(characters: 70_000)
    ),
  ]

  @Test(arguments: badURIs)
  func badURIsFailWithAReason(_ uri: String, _ expected: MigrationError) {
    #expect(throws: expected) { try MigrationPayload.parse(uri) }
    #expect(expected.description.hasSuffix("."))
  }
}
