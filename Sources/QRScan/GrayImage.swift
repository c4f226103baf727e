/// An 8-bit grayscale raster, one byte per pixel, rows top to bottom without padding:
/// 0 is black, 255 is white. The form every scan pass works on and hands to zbar.
public struct GrayImage: Equatable, Sendable {
  /// Width in pixels (at least 1).
  public let width: Int
  /// Height in pixels (at least 1).
  public let height: Int
  /// `width × height` luminance bytes, row-major.
  public internal(set) var pixels: [UInt8]

  /// Wraps `pixels`; `nil` when a side is below 1 or the byte count is not `width × height`.
  public init?(width: Int, height: Int, pixels: [UInt8]) {
    guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).overflow == false,
      pixels.count == width * height
    else { return nil }
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// A `width × height` image filled with one luminance value.
  public init(width: Int, height: Int, filledWith value: UInt8) {
    precondition(width > 0 && height > 0, "an image has at least one pixel")
    self.width = width
    self.height = height
    pixels = [UInt8](repeating: value, count: width * height)
  }

  /// Number of pixels.
  public var pixelCount: Int { width * height }

  /// The luminance at column `x`, row `y` (both from 0).
  public subscript(x: Int, y: Int) -> UInt8 {
    get { pixels[y * width + x] }
    set { pixels[y * width + x] = newValue }
  }

  /// ITU-R BT.601 luma of an 8-bit RGB colour, the gray every colour decoder here uses.
  static func luma(red: Int, green: Int, blue: Int) -> UInt8 {
    let weighted: Int = 299 * red + 587 * green + 114 * blue
    return UInt8(weighted / 1000)
  }
}
