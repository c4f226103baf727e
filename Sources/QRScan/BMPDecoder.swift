/// Decodes Windows BMP files in Swift (docs/decisions/0007-bmp-decoder.md): the uncompressed
/// forms screenshot tools and ImageMagick write — 1, 4 and 8 bits per pixel with a palette,
/// 16, 24 and 32 bits direct, bit-field masks, top-down or bottom-up rows, RLE8 and RLE4
/// (`BMPRunLength`), the OS/2 core header and the info headers up to V5. Embedded JPEG/PNG is
/// refused with a sentence. Every offset and length is checked against the file before it is read, and the
/// pixel limit from the header before the raster exists. Alpha (a mask in V4/V5 headers) is
/// composited onto white; grayscale is BT.601 luma.
enum BMPDecoder {
  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    let header = try BMPHeader(bytes)
    try limits.check(width: header.width, height: header.height, format: .bmp)
    if header.isRunLength { return try BMPRunLength.decode(bytes, header: header) }
    let rowBytes = (header.width * header.bitsPerPixel + 31) / 32 * 4
    let (needed, overflow) = rowBytes.multipliedReportingOverflow(by: header.height)
    guard !overflow, header.dataOffset <= bytes.count, needed <= bytes.count - header.dataOffset
    else {
      throw .truncated(
        .bmp,
        detail:
          "the pixels need \(needed) bytes from byte \(header.dataOffset), the file has \(bytes.count)"
      )
    }
    var pixels = [UInt8](repeating: 255, count: header.width * header.height)
    for row in 0..<header.height {
      let start = header.dataOffset + row * rowBytes
      let y = header.topDown ? row : header.height - 1 - row
      for x in 0..<header.width {
        pixels[y * header.width + x] = header.gray(of: bytes, row: start, x: x)
      }
    }
    return GrayImage(width: header.width, height: header.height, pixels: pixels)!
  }
}

/// What a BMP's file and info headers say, checked for the forms `BMPDecoder` reads.
struct BMPHeader {
  var width = 0
  var height = 0
  var topDown = false
  var bitsPerPixel = 0
  var dataOffset = 0
  /// RLE8 or RLE4 (compression 1 or 2) rather than plain rows.
  var isRunLength = false
  /// Gray value of each palette entry (indexed formats).
  var palette: [UInt8] = []
  /// Channel masks for 16 and 32 bits (red, green, blue, alpha; alpha 0 when absent).
  var masks: [UInt32] = []

  init(_ bytes: [UInt8]) throws(QRScanError) {
    func short(_ detail: String) -> QRScanError { .truncated(.bmp, detail: detail) }
    guard bytes.count >= 18 else { throw short("only \(bytes.count) bytes") }
    dataOffset = Int(Self.u32(bytes, 10))
    let infoSize = Int(Self.u32(bytes, 14))
    guard [12, 40, 52, 56, 64, 108, 124].contains(infoSize) else {
      throw .corrupt(.bmp, detail: "its header is \(infoSize) bytes long, not a known BMP header")
    }
    guard bytes.count >= 14 + infoSize else { throw short("the header is cut off") }
    var compression: UInt32 = 0
    var paletteSize = 0
    let entryBytes = infoSize == 12 ? 3 : 4
    if infoSize == 12 {
      width = Int(Self.u16(bytes, 18))
      height = Int(Self.u16(bytes, 20))
      bitsPerPixel = Int(Self.u16(bytes, 24))
    } else {
      width = Int(Int32(bitPattern: Self.u32(bytes, 18)))
      let signedHeight = Int(Int32(bitPattern: Self.u32(bytes, 22)))
      topDown = signedHeight < 0
      height = abs(signedHeight)
      bitsPerPixel = Int(Self.u16(bytes, 28))
      compression = Self.u32(bytes, 30)
      paletteSize = Int(Self.u32(bytes, 46))
    }
    guard width > 0, height > 0 else {
      throw .corrupt(.bmp, detail: "the header says the image is \(width)×\(height)")
    }
    switch (compression, bitsPerPixel) {
    case (0, 1), (0, 4), (0, 8), (0, 16), (0, 24), (0, 32), (3, 16), (3, 32), (6, 16), (6, 32):
      break
    case (1, 8), (2, 4):
      isRunLength = !topDown
      guard isRunLength else {
        throw .corrupt(.bmp, detail: "its RLE rows run top-down, which BMP does not allow")
      }
    case (4, _), (5, _):
      throw .corrupt(.bmp, detail: "it holds an embedded JPEG or PNG; save it as PNG")
    default:
      throw .corrupt(.bmp, detail: "\(bitsPerPixel) bits per pixel with compression \(compression)")
    }
    if bitsPerPixel == 16 { masks = [0x7C00, 0x03E0, 0x001F, 0] }
    if bitsPerPixel == 32 { masks = [0x00FF_0000, 0x0000_FF00, 0x0000_00FF, 0] }
    var paletteStart = 14 + infoSize
    if compression == 3 || compression == 6 {
      // Masks sit at byte 54 either way: in a V2+ header, or right after a 40-byte one.
      let count = compression == 6 ? 4 : 3
      let maskStart = 54
      guard bytes.count >= maskStart + 4 * count else {
        throw short("the colour masks are cut off")
      }
      masks = (0..<4).map { $0 < count ? Self.u32(bytes, maskStart + 4 * $0) : 0 }
      if infoSize == 40 { paletteStart += 4 * count }
    }
    if infoSize >= 56, bitsPerPixel == 32 || bitsPerPixel == 16, compression == 3 {
      masks[3] = Self.u32(bytes, 66)  // V3+ headers carry an alpha mask too
    }
    if bitsPerPixel <= 8 {
      let count = paletteSize == 0 ? 1 << bitsPerPixel : min(paletteSize, 1 << bitsPerPixel)
      guard bytes.count >= paletteStart + count * entryBytes else {
        throw short("the palette is cut off")
      }
      palette = (0..<(1 << bitsPerPixel)).map { index in
        guard index < count else { return 0 }
        let entry = paletteStart + index * entryBytes  // blue, green, red (, reserved)
        return GrayImage.luma(
          red: Int(bytes[entry + 2]), green: Int(bytes[entry + 1]), blue: Int(bytes[entry]))
      }
    }
  }

  /// Gray value of pixel `x` of the row starting at byte `row` (bounds checked by the caller).
  func gray(of bytes: [UInt8], row: Int, x: Int) -> UInt8 {
    switch bitsPerPixel {
    case 1, 4, 8:
      let bit = x * bitsPerPixel
      let shift = 8 - bitsPerPixel - bit % 8
      return palette[Int(bytes[row + bit / 8] >> shift) & ((1 << bitsPerPixel) - 1)]
    case 24:
      let at = row + 3 * x
      return GrayImage.luma(
        red: Int(bytes[at + 2]), green: Int(bytes[at + 1]), blue: Int(bytes[at]))
    default:
      let value =
        bitsPerPixel == 16 ? UInt32(Self.u16(bytes, row + 2 * x)) : Self.u32(bytes, row + 4 * x)
      let channels = masks.map { Self.channel(value, mask: $0) }
      let luma = Int(GrayImage.luma(red: channels[0], green: channels[1], blue: channels[2]))
      let alpha = masks[3] == 0 ? 255 : channels[3]
      return UInt8((luma * alpha + 255 * (255 - alpha)) / 255)
    }
  }

  /// The bits under `mask`, scaled to 0...255.
  static func channel(_ value: UInt32, mask: UInt32) -> Int {
    guard mask != 0 else { return 0 }
    let shifted = (value & mask) >> mask.trailingZeroBitCount
    let maximum = mask >> mask.trailingZeroBitCount
    return Int(UInt64(shifted) * 255 / UInt64(maximum))
  }

  static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
    UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
  }

  static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(
      bytes[at + 3]) << 24
  }
}
