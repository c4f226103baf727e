import CQREncode

/// The modules of a QR code: `true` is a dark module. Built by libqrencode; pure otherwise.
public struct QRMatrix: Equatable, Sendable {
  /// Modules per side, without the quiet zone.
  public let width: Int
  /// Row-major modules, `width * width`.
  public let modules: [Bool]

  /// A matrix from row-major modules; `nil` unless `modules.count == width * width`.
  public init?(width: Int, modules: [Bool]) {
    guard width > 0, modules.count == width * width else { return nil }
    self.width = width
    self.modules = modules
  }

  /// Whether the module at (`row`, `column`) is dark; outside the symbol is light (quiet zone).
  public func isDark(row: Int, column: Int) -> Bool {
    guard (0..<width).contains(row), (0..<width).contains(column) else { return false }
    return modules[row * width + column]
  }

  /// Encodes `text` as 8-bit data with error correction level M (15 %), the smallest version
  /// that fits; `nil` when libqrencode refuses (too long).
  ///
  /// `text` may be secret (an otpauth URI): libqrencode keeps no copy after `QRcode_free`.
  public static func encode(_ text: String) -> QRMatrix? {
    // C interop: QRcode_encodeString copies the NUL-terminated string for the duration of the
    // call and returns a malloc'd QRcode we own; `data` has width*width bytes, bit 0 = dark.
    // QRcode_free releases both, on every path through `defer`.
    guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    guard width > 0, let data = code.pointee.data else { return nil }
    let modules = (0..<width * width).map { data[$0] & 1 == 1 }
    return QRMatrix(width: width, modules: modules)
  }
}

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
