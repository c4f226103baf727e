import HexCoding
import SmartCard
import Testing

/// The one hex helper keeps the outputs of the ones it replaced: spaced upper-case for APDUs
/// and status words, plain lower-case for stored hashes and fingerprints, a lenient and a
/// strict parser. Expected strings are written out by hand.
@Suite struct HexTests {
  @Test func spacedIsUpperCaseWithOneSpaceBetweenBytes() {
    #expect(Hex.spaced([0x80, 0x41, 0x00, 0x0F, 0xA5]) == "80 41 00 0F A5")
    #expect(Hex.spaced([]) == "")
  }

  @Test func statusWordsReadAsTwoSpacedPairs() {
    #expect(StatusWord(0x6A, 0x82).description == "6A 82")
    #expect(StatusWord(0x09, 0x0B).description == "09 0B")
    #expect(StatusWord.success.description == "90 00")
  }

  @Test func lowercaseHasTwoDigitsPerByteAndNothingBetween() {
    #expect(Hex.lowercase([0x00, 0x0A, 0xFF, 0x10, 0x01]) == "000aff1001")
    #expect(Hex.lowercase([UInt8]()) == "")
  }

  @Test func parseSkipsSpacesNewlinesAndColons() {
    #expect(Hex.parse("80 41:00\n0f\tA5") == [0x80, 0x41, 0x00, 0x0F, 0xA5])
    #expect(Hex.parse("") == [])
    #expect(Hex.parse("804") == nil)
    #expect(Hex.parse("8g") == nil)
    #expect(Hex.parse("80-41") == nil)
  }

  @Test func decodeTakesDigitsOnly() {
    #expect(Hex.decode("DEADbeef") == [0xDE, 0xAD, 0xBE, 0xEF])
    #expect(Hex.decode("de ad") == nil)
    #expect(Hex.decode("de:ad") == nil)
    #expect(Hex.decode("abc") == nil)
    #expect(Hex.decode("zz") == nil)
    #expect(Hex.decode("") == [])
  }

  @Test func everyByteRoundTrips() {
    let bytes = (0...255).map { UInt8($0) }
    #expect(Hex.parse(Hex.spaced(bytes)) == bytes)
    #expect(Hex.decode(Hex.lowercase(bytes)) == bytes)
    #expect(Hex.lowercase(bytes).count == 512)
    #expect(Hex.spaced(bytes).count == 256 * 3 - 1)
  }
}
