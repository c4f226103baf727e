/// How QR modules become text cells.
public enum QRStyle: Equatable, Sendable {
  /// Two modules per cell, stacked, with `▀ ▄ █` (UTF-8 terminals).
  case halfBlocks
  /// One module per two cells with `██` (the Linux console, whose font lacks half blocks).
  case fullBlocks
  /// One module per two cells with `##` (non-UTF-8 locales).
  case ascii
}

/// Renders a QR matrix as lines of text. Pure.
public enum QRRendering {
  /// Light modules around the symbol, in modules (the standard asks for 4; 2 keeps the code
  /// inside 80×24 and scans reliably on a screen).
  public static let quietZone = 2

  /// The lines for `matrix` in `style`, quiet zone included. Draw them with `Role.qr`
  /// (dark on light), so a dark module is a foreground cell.
  public static func lines(_ matrix: QRMatrix, style: QRStyle) -> [String] {
    let range = -quietZone..<(matrix.width + quietZone)
    switch style {
    case .halfBlocks:
      return stride(from: range.lowerBound, to: range.upperBound, by: 2).map { row in
        String(
          range.map { column -> Character in
            let top = matrix.isDark(row: row, column: column)
            let bottom = row + 1 < range.upperBound && matrix.isDark(row: row + 1, column: column)
            switch (top, bottom) {
            case (true, true): return "█"
            case (true, false): return "▀"
            case (false, true): return "▄"
            case (false, false): return " "
            }
          })
      }
    case .fullBlocks, .ascii:
      let dark = style == .ascii ? "##" : "██"
      return range.map { row in
        range.map { matrix.isDark(row: row, column: $0) ? dark : "  " }.joined()
      }
    }
  }

  /// Cells the rendering takes: (columns, rows).
  public static func footprint(width: Int, style: QRStyle) -> (columns: Int, rows: Int) {
    let side = width + 2 * quietZone
    switch style {
    case .halfBlocks: return (side, (side + 1) / 2)
    case .fullBlocks, .ascii: return (side * 2, side)
    }
  }
}
