import OTP
import Testing

@testable import SeedFiles

@Suite("OATH CSV seed files: version 1 and 2, bad rows reported by line")
struct OATHCSVTests {
  static let seedA = "3132333435363738393031323334353637383930"
  static let seedB = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"

  @Test("Version 1: defaults, TOTP with digits, step and hash, comments and blank lines")
  func versionOne() throws {
    let text = """
      # vendor export
      1000001, \(Self.seedA)
      1000002, \(Self.seedA.uppercased()), totp, 6, 30

      1000003,0x\(Self.seedB),TOTP,8,60,sha256
      """
    let contents = OATHCSV.parse(text)
    #expect(contents.format == "oath-csv")
    #expect(contents.problems.isEmpty)
    #expect(contents.entries.map(\.serial) == ["1000001", "1000002", "1000003"])
    #expect(contents.entries.map(\.type) == ["hotp", "totp", "totp"])
    #expect(contents.entries.map(\.digits) == [6, 6, 8])
    #expect(contents.entries.map(\.period) == [30, 30, 60])
    #expect(contents.entries.map(\.algorithm) == ["sha1", "sha1", "sha256"])
    #expect(hexString(contents.entries[2].secret.revealedBytes()) == Self.seedB)
    #expect(contents.entries.allSatisfy { $0.user == nil })
  }

  @Test("Version 2: the three user columns come first")
  func versionTwo() throws {
    let text = """
      # version: 2
      alice, ldap, helpdesk, 2000001, \(Self.seedA), totp, 6, 30
      , , , 2000002, \(Self.seedB), totp, 6, 60
      """
    let contents = OATHCSV.parse(text)
    #expect(contents.format == "oath-csv-v2")
    #expect(contents.problems.isEmpty, "\(contents.problems)")
    #expect(contents.entries.map(\.serial) == ["2000001", "2000002"])
    #expect(contents.entries.map(\.user) == ["alice", nil])
    #expect(contents.entries.map(\.period) == [30, 60])
  }

  @Test("Bad rows are skipped with their line and a reason that never quotes the seed")
  func badRows() throws {
    let text = """
      serial,seed,type,digits,step
      3000001, \(Self.seedA), totp, 6, 30
      3000002, 12345, totp, 6, 30
      3000003, zz\(Self.seedA.dropFirst(2)), totp
      3000004, \(Self.seedA), motp
      3000005, \(Self.seedA), totp, 7
      3000006, \(Self.seedA), totp, 6, 45000
      3000007
      3000001, \(Self.seedB), totp
      bad serial!, \(Self.seedA)
      3000008, 0102030405, totp
      3000009, \(Self.seedA), totp, 6, 30, md5
      3000010, \(Self.seedB), totp, 6, 30, sha1
      """
    let contents = OATHCSV.parse(text)
    #expect(contents.entries.map(\.serial) == ["3000001", "3000010"])
    #expect(contents.problems.map(\.line) == [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    #expect(contents.problems[7].reason.contains("earlier"))
    for problem in contents.problems {
      let sentence = problem.description.lowercased()
      #expect(
        !sentence.contains(Self.seedA) && !sentence.contains(Self.seedB)
          && !sentence.contains("0102030405"))
    }
  }
}
