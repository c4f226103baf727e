import Molto2
import TestSupport
import Testing

/// READ PROFILE PUBLIC DATA answers (protocol note §5.2 layout, KRM capture shape).
@Suite("Molto2 public data")
struct Molto2PublicDataTests {
  // 95 1F 70 1D | flag 20 | "Google" zero-padded to 16 | time A | time B | 01 3C 08 | 01
  let written = hex(
    "95 1F 70 1D 20 47 6F 6F 67 6C 65 00 00 00 00 00 00 00 00 00 00"
      + " 65 53 F1 00 65 53 F1 10 01 3C 08 01")

  @Test("An occupied slot: title, occupancy, settings and times")
  func occupied() throws {
    let slot = try Molto2Slot(parsing: written, number: 5)
    #expect(slot.number == 5)
    #expect(slot.title == "Google")
    #expect(slot.isOccupied)
    #expect(slot.flag == 0x20)
    #expect(slot.settings == Molto2Settings(algorithm: .sha1, digits: .eight, period: .seconds60))
    #expect(slot.timeA == 1_700_000_000)
    #expect(slot.timeB == 1_700_000_016)
    #expect(slot.encoded == written)
  }

  @Test("An empty slot reporting default settings has no settings")
  func empty() throws {
    var bytes = written
    bytes[32] = 0x00
    let slot = try Molto2Slot(parsing: bytes, number: 7)
    #expect(!slot.isOccupied)
    #expect(slot.settings == nil)
  }

  @Test("An occupied slot with an unknown algorithm byte shows no settings")
  func unknownSettings() throws {
    var bytes = written
    bytes[29] = 0x07
    #expect(try Molto2Slot(parsing: bytes, number: 1).settings == nil)
  }

  @Test("A full 12-byte title and no zero terminator before the padding")
  func fullTitle() throws {
    var bytes = written
    for (index, byte) in Array("ABCDEFGHIJKL".utf8).enumerated() { bytes[5 + index] = byte }
    #expect(try Molto2Slot(parsing: bytes, number: 1).title == "ABCDEFGHIJKL")
  }

  @Test("Short data, a foreign header and an unknown occupancy byte are refused")
  func malformed() {
    #expect(throws: Molto2PublicDataError.tooShort(length: 32)) {
      try Molto2Slot(parsing: Array(written.prefix(32)), number: 0)
    }
    var header = written
    header[0] = 0x94
    #expect(throws: Molto2PublicDataError.unexpectedHeader(hex("94 1F 70 1D"))) {
      try Molto2Slot(parsing: header, number: 0)
    }
    var occupancy = written
    occupancy[32] = 0x02
    #expect(throws: Molto2PublicDataError.unknownOccupancy(0x02)) {
      try Molto2Slot(parsing: occupancy, number: 0)
    }
  }

  @Test("GET INFO: serial and big-endian clock by offsets")
  func info() {
    let data = hex("00 00 00 0A 31 30 31 30 30 30 30 30 30 31 11 04 65 53 F1 00")
    #expect(Molto2Info(parsing: data) == Molto2Info(serial: "1010000001", tokenTime: 1_700_000_000))
    #expect(Molto2Info(parsing: Array(data.prefix(19))) == nil)
    #expect(Molto2Info(parsing: hex("00 00 00 02 41 42 11 04 65 53 F1 00")) == nil)
  }
}
