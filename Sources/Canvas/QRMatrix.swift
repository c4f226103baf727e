/// The modules of a QR code: `true` is a dark module. Pure: `QREncoding` makes one from text
/// (libqrencode), so what draws it links no encoder.
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
}
