import Canvas
import QREncoding
import Testing

/// libqrencode behind `QRMatrix.encode`.
@Suite struct QREncodingTests {
  @Test func libqrencodeMakesAVersion1SymbolForShortText() throws {
    let matrix = try #require(QRMatrix.encode("HELLO"))
    #expect(matrix.width == 21)
    // Finder patterns: the three 7×7 corners start with a dark ring.
    for (row, column) in [(0, 0), (0, 14), (14, 0)] {
      #expect((0..<7).allSatisfy { matrix.isDark(row: row, column: column + $0) })
    }
    #expect(!matrix.isDark(row: 7, column: 7), "separator next to the finder is light")
  }
}
