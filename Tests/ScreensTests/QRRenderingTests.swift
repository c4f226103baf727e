import Canvas
import Testing

@Suite struct QRRenderingTests {
  /// A 2×2 matrix drawn by hand: dark, light / light, dark.
  let diagonal = QRMatrix(width: 2, modules: [true, false, false, true])

  @Test func halfBlocksStackTwoModulesPerCell() throws {
    let matrix = try #require(diagonal)
    let lines = QRRendering.lines(matrix, style: .halfBlocks)
    // Quiet zone 2: 6 modules per side → 6 columns, 3 rows; the symbol sits in the middle row.
    #expect(lines == ["      ", "  ▀▄  ", "      "])
  }

  @Test func fullBlocksAndASCIIUseTwoCellsPerModule() throws {
    let matrix = try #require(diagonal)
    #expect(QRRendering.lines(matrix, style: .fullBlocks)[2] == "    ██      ")
    #expect(QRRendering.lines(matrix, style: .ascii)[3] == "      ##    ")
    #expect(QRRendering.footprint(width: 2, style: .ascii) == (12, 6))
  }
}
