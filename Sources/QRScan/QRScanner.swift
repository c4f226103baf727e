/// Finds the QR codes in a PNG, JPEG, WebP, GIF, BMP or TIFF image: reads the file within `limits`, decodes it to
/// grayscale (alpha flattened onto white), then runs the passes of `ScanPlan` until one finds
/// at least one code.
public struct QRScanner: Sendable {
  /// The bounds on file size and pixel count.
  public var limits: ImageLimits
  /// Which codes count: QR only (secrets), or also the barcodes on token labels (serials).
  public var symbols: SymbolKinds

  /// Creates a scanner.
  public init(limits: ImageLimits = .standard, symbols: SymbolKinds = .qrOnly) {
    self.limits = limits
    self.symbols = symbols
  }

  /// Scans the image file at `path`.
  public func scan(fileAt path: String) throws(QRScanError) -> QRScanResult {
    try scan(data: ImageFile.read(path, limits: limits))
  }

  /// Scans an image file's contents.
  public func scan(data: [UInt8]) throws(QRScanError) -> QRScanResult {
    let image = try decode(data)
    return try scan(image: image.image, format: image.format)
  }

  /// Decodes an image file's contents to grayscale without scanning.
  public func decode(_ data: [UInt8]) throws(QRScanError) -> (image: GrayImage, format: ImageFormat)
  {
    guard !data.isEmpty else { throw .emptyFile }
    guard data.count <= limits.maximumFileBytes else {
      throw .fileTooLarge(bytes: data.count, limit: limits.maximumFileBytes)
    }
    if let format = ImageFormat.isTruncatedSignature(data) {
      throw .truncated(format, detail: "only \(data.count) bytes")
    }
    switch ImageFormat.detect(data) {
    case .png: return (try PNGDecoder.decode(data, limits: limits), .png)
    case .jpeg: return (try JPEGDecoder.decode(data, limits: limits), .jpeg)
    case .webp: return (try WebPDecoder.decode(data, limits: limits), .webp)
    case .gif: return (try GIFDecoder.decode(data, limits: limits), .gif)
    case .bmp: return (try BMPDecoder.decode(data, limits: limits), .bmp)
    case .tiff: return (try TIFFDecoder.decode(data, limits: limits), .tiff)
    case .some(let other): throw .unsupportedFormat(other)
    case .none: throw .unknownFormat
    }
  }

  /// Scans a grayscale image with the planned passes, stopping at the first that finds codes.
  /// The finder-like marks the cheap check sees decide how far the plan goes: checked once
  /// the image as it is held no code (so an image read at once never pays for it), or first
  /// for a large photo, whose half-size pass is worth trying only when marks are there.
  public func scan(image: GrayImage, format: ImageFormat? = nil) throws(QRScanError)
    -> QRScanResult
  {
    let photo = format == .jpeg
    var passes = ScanPlan.passes(width: image.width, height: image.height, photo: photo)
    let checkAt = passes.first == ScanPass([]) ? 1 : 0
    var preparer = PassPreparer(image)
    var scans = 0
    var index = 0
    while index < passes.count {
      if index == checkAt, symbols == .qrOnly {
        // Label barcodes have no finder patterns: a serial photo keeps every pass.
        let evidence = FinderPatterns.evidence(in: image)
        passes = ScanPlan.passes(
          width: image.width, height: image.height, photo: photo, evidence: evidence)
        // Nothing code-like in a photo: its half-size pass would only add a scan.
        if checkAt == 0, evidence == .none { passes = [ScanPass([])] }
        if index == passes.count { break }
      }
      let pass = passes[index]
      index += 1
      guard let prepared = preparer.prepare(pass) else { continue }
      scans += 1
      let found = ZBarScanner.scan(prepared, symbols: symbols)
      guard !found.isEmpty else { continue }
      var seen = Set<[UInt8]>()
      let codes = found.filter { seen.insert($0).inserted }.map(QRCode.init(bytes:))
      return QRScanResult(
        codes: codes, pass: pass, passesTried: scans, width: image.width,
        height: image.height, format: format)
    }
    throw .noQRCode(width: image.width, height: image.height, passes: passes.map(\.name))
  }
}

/// What a scan found and how.
public struct QRScanResult: Equatable, Sendable {
  /// The distinct payloads in reading order (top to bottom, left to right).
  public var codes: [QRCode]
  /// The pass that found them.
  public var pass: ScanPass
  /// How many zbar scans ran, this one included (passes that would scan the same pixels as
  /// an earlier one are skipped and not counted).
  public var passesTried: Int
  /// The decoded image's size in pixels.
  public var width: Int
  public var height: Int
  /// The file format, when the scan started from a file.
  public var format: ImageFormat?
}
