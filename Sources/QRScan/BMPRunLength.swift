/// The run-length encodings of BMP (RLE8 for 8-bit, RLE4 for 4-bit palette images), which
/// ImageMagick writes for palette images: pairs of a count and a palette index (two indices
/// in one byte for RLE4), or an escape — end of line, end of picture, a jump, or a run of
/// literal indices padded to an even length. Rows run bottom-up; pixels the stream skips stay
/// white. Every step consumes input, so a hostile stream ends with the file; a stream that
/// ends without its end-of-picture escape is a cut-off file.
enum BMPRunLength {
  static func decode(_ bytes: [UInt8], header: BMPHeader) throws(QRScanError) -> GrayImage {
    let width = header.width
    let height = header.height
    let fourBit = header.bitsPerPixel == 4
    var pixels = [UInt8](repeating: 255, count: width * height)
    var x = 0
    var row = 0
    var at = header.dataOffset
    func put(_ index: UInt8) {
      if x < width, row < height {
        pixels[(height - 1 - row) * width + x] = header.palette[Int(index)]
      }
      x += 1
    }
    func need(_ count: Int) throws(QRScanError) {
      guard at + count <= bytes.count else {
        throw .truncated(
          .bmp, detail: "the run-length data stops at byte \(bytes.count) before the picture ends")
      }
    }
    while row < height {
      try need(2)
      let count = Int(bytes[at])
      let value = bytes[at + 1]
      at += 2
      if count > 0 {
        for n in 0..<count { put(fourBit ? (n % 2 == 0 ? value >> 4 : value & 0x0F) : value) }
        continue
      }
      switch value {
      case 0:
        x = 0
        row += 1
      case 1:
        return GrayImage(width: width, height: height, pixels: pixels)!
      case 2:
        try need(2)
        x += Int(bytes[at])
        row += Int(bytes[at + 1])
        at += 2
      default:
        let literal = Int(value)
        let used = fourBit ? (literal + 1) / 2 : literal
        try need(used)
        for n in 0..<literal {
          let byte = bytes[at + (fourBit ? n / 2 : n)]
          put(fourBit ? (n % 2 == 0 ? byte >> 4 : byte & 0x0F) : byte)
        }
        at += used + used % 2  // literal runs end on a 16-bit boundary
      }
    }
    return GrayImage(width: width, height: height, pixels: pixels)!
  }
}
