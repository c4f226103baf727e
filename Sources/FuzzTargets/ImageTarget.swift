import QRScan

/// The image loader: format detection, the PNG, JPEG, WebP, GIF, BMP and TIFF decoders with their size checks,
/// and the QR scan passes on images small enough to scan quickly.
enum ImageTarget {
  /// Lower than the program's limit so that one input cannot take seconds to decode; the
  /// header checks that enforce the limit are the same code.
  static let scanner = QRScanner(
    limits: ImageLimits(maximumPixels: 4_000_000, maximumFileBytes: 1 << 20))
  /// Decoded images up to this many pixels are also scanned (all passes, zbar included).
  static let scanPixels = 256 * 256

  static func run(_ bytes: [UInt8]) {
    _ = ImageFormat.detect(bytes)
    guard let decoded = try? scanner.decode(bytes) else { return }
    let image = decoded.image
    precondition(image.width > 0 && image.height > 0, "decoded an empty image")
    precondition(image.pixels.count == image.width * image.height, "pixel buffer size mismatch")
    precondition(image.pixelCount <= scanner.limits.maximumPixels, "decoded past the pixel limit")
    if image.pixelCount <= scanPixels {
      _ = try? scanner.scan(image: image, format: decoded.format)
    }
  }
}
