/// Puts codes found in one image in the order a person reads them, so that "code 2" in a
/// list means the same code on every run: rows top to bottom (codes whose vertical extents
/// overlap share a row), left to right within a row.
enum ReadingOrder {
  /// A found code with its bounding box in pixels of the scanned image.
  struct Symbol: Equatable {
    var payload: [UInt8]
    var minX: Int
    var minY: Int
    var maxY: Int
  }

  static func sorted(_ symbols: [Symbol]) -> [Symbol] {
    var rows: [[Symbol]] = []
    var rowBottom = Int.min
    for symbol in symbols.sorted(by: { ($0.minY, $0.minX) < ($1.minY, $1.minX) }) {
      if rows.isEmpty || symbol.minY > rowBottom {
        rows.append([symbol])
        rowBottom = symbol.maxY
      } else {
        rows[rows.count - 1].append(symbol)
        rowBottom = max(rowBottom, symbol.maxY)
      }
    }
    return rows.flatMap { $0.sorted { $0.minX < $1.minX } }
  }
}
