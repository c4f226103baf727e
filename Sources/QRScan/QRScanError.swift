/// Why an image yielded no QR code. Each case carries the facts and `description` is one
/// sentence for the operator, written to follow the file name (`scan.png: the file is empty.`).
/// Never contains payload bytes.
public enum QRScanError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No file at that path.
  case fileNotFound
  /// The file exists but cannot be opened or read; `reason` is the system's text.
  case notReadable(reason: String)
  /// The path names a directory, device or pipe rather than a file.
  case notAFile
  /// The file has no bytes.
  case emptyFile
  /// The file is larger than `ImageLimits.maximumFileBytes`.
  case fileTooLarge(bytes: Int, limit: Int)
  /// A recognised image format this program does not decode.
  case unsupportedFormat(ImageFormat)
  /// The first bytes match no image format known here.
  case unknownFormat
  /// The file ends before the image does (an interrupted download or copy).
  case truncated(ImageFormat, detail: String)
  /// The decoder rejected the data; `detail` is the library's message.
  case corrupt(ImageFormat, detail: String)
  /// The header announces more pixels than `ImageLimits.maximumPixels`; nothing was allocated.
  case tooManyPixels(width: Int, height: Int, limit: Int)
  /// The image decoded, but no pass found a QR code; `passes` names what was tried.
  case noQRCode(width: Int, height: Int, passes: [String])

  /// One operator sentence, ending with a full stop.
  public var description: String {
    switch self {
    case .fileNotFound:
      "there is no such file."
    case .notReadable(let reason):
      "the file cannot be read (\(reason))."
    case .notAFile:
      "this is a directory or a device, not an image file."
    case .emptyFile:
      "the file is empty (0 bytes); save or copy the image again."
    case .fileTooLarge(let bytes, let limit):
      "the file is \(Self.megabytes(bytes)), more than the \(Self.megabytes(limit)) an image "
        + "may have here."
    case .unsupportedFormat(let format):
      "this is a \(format.rawValue) image, which is not read here; save it as PNG or JPEG "
        + "(a screenshot tool does that)."
    case .unknownFormat:
      "this is not a PNG, JPEG, WebP, GIF, BMP or TIFF image (its first bytes match no known "
        + "image format)."
    case .truncated(let format, let detail):
      "the \(format.rawValue) file is cut off (\(detail)); save or copy the image again."
    case .corrupt(let format, let detail):
      "the \(format.rawValue) file is damaged (\(detail))."
    case .tooManyPixels(let width, let height, let limit):
      "the image is \(width)×\(height) pixels, more than the limit of "
        + "\(Self.megapixels(limit)); crop or shrink it around the QR code."
    case .noQRCode(let width, let height, let passes):
      "no QR code found in the \(width)×\(height) image (tried: "
        + passes.joined(separator: ", ") + ")."
    }
  }

  private static func megabytes(_ bytes: Int) -> String {
    bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }

  private static func megapixels(_ pixels: Int) -> String {
    pixels % 1_000_000 == 0 ? "\(pixels / 1_000_000) megapixels" : "\(pixels) pixels"
  }
}

/// Bounds that keep a hostile or mistaken file from exhausting memory.
public struct ImageLimits: Equatable, Sendable {
  /// Largest `width × height` decoded; checked from the header before any pixel buffer exists.
  /// The default, 40 megapixels, is above any phone camera's 4:3 photo of 2024 (a 48 MP
  /// sensor bins to 12 MP by default) and costs at most 40 MB of grayscale.
  public var maximumPixels: Int
  /// Largest file read into memory, in bytes (default 64 MiB).
  public var maximumFileBytes: Int

  /// Creates limits.
  public init(maximumPixels: Int = 40_000_000, maximumFileBytes: Int = 64 << 20) {
    self.maximumPixels = maximumPixels
    self.maximumFileBytes = maximumFileBytes
  }

  /// The defaults.
  public static let standard = ImageLimits()

  func check(width: Int, height: Int, format: ImageFormat) throws(QRScanError) {
    guard width > 0, height > 0 else {
      throw .corrupt(format, detail: "the header says the image is \(width)×\(height)")
    }
    let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
    if overflow || pixels > maximumPixels {
      throw .tooManyPixels(width: width, height: height, limit: maximumPixels)
    }
  }
}
