import Testing

@testable import QRScan

/// Codes of one image come out rows first, then left to right.
@Suite struct ReadingOrderTests {
  func symbol(_ name: String, x: Int, y: Int, size: Int = 100) -> ReadingOrder.Symbol {
    ReadingOrder.Symbol(payload: Array(name.utf8), minX: x, minY: y, maxY: y + size)
  }

  @Test func sideBySideCodesWithSlightlyDifferentTopsShareARow() {
    let sorted = ReadingOrder.sorted([
      symbol("right", x: 400, y: 10), symbol("left", x: 0, y: 40),
      symbol("below", x: 200, y: 300),
    ])
    #expect(
      sorted.map { String(decoding: $0.payload, as: UTF8.self) } == ["left", "right", "below"])
  }

  @Test func aCodeBelowTheRowStartsANewRow() {
    let sorted = ReadingOrder.sorted([
      symbol("second row", x: 0, y: 111), symbol("first row", x: 900, y: 0),
    ])
    #expect(
      sorted.map { String(decoding: $0.payload, as: UTF8.self) } == ["first row", "second row"])
  }
}
