import CGIF

/// Decodes the first frame of a GIF through giflib's record-by-record API, one line at a time,
/// so the only allocations before the pixel limit is checked are giflib's small headers. The
/// frame is drawn onto a white canvas of the logical screen's size; transparent pixels and
/// pixels outside the frame stay white. Grayscale is the palette entry's luma.
enum GIFDecoder {
  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    let source = MemorySource(bytes)
    var error: Int32 = 0
    let opened = withExtendedLifetime(source) { DGifOpen(source.opaque, readCallback, &error) }
    guard let gif = opened else { throw failure(error) }
    defer { DGifCloseFile(gif, &error) }
    return try withExtendedLifetime(source) { () throws(QRScanError) -> GrayImage in
      let width = Int(gif.pointee.SWidth)
      let height = Int(gif.pointee.SHeight)
      try limits.check(width: width, height: height, format: .gif)
      var transparent: Int?
      while true {
        var record = UNDEFINED_RECORD_TYPE
        guard DGifGetRecordType(gif, &record) == GIF_OK else { throw failure(gif.pointee.Error) }
        switch record {
        case EXTENSION_RECORD_TYPE:
          transparent = try readExtension(gif) ?? transparent
        case IMAGE_DESC_RECORD_TYPE:
          return try readFrame(
            gif, width: width, height: height, transparent: transparent, limits: limits)
        case TERMINATE_RECORD_TYPE:
          throw .corrupt(.gif, detail: "it holds no image")
        default:
          throw .corrupt(.gif, detail: "giflib: unexpected record")
        }
      }
    }
  }

  /// Skips one extension; returns the transparent palette index of a graphic control block.
  private static func readExtension(_ gif: UnsafeMutablePointer<GifFileType>) throws(QRScanError)
    -> Int?
  {
    var code: Int32 = 0
    var block: UnsafeMutablePointer<GifByteType>?
    guard DGifGetExtension(gif, &code, &block) == GIF_OK else { throw failure(gif.pointee.Error) }
    var transparent: Int?
    // Graphic control: length 4, flags, delay (2 bytes), transparent index; bit 0 = has one.
    if code == GRAPHICS_EXT_FUNC_CODE, let data = block, data[0] >= 4, data[1] & 1 == 1 {
      transparent = Int(data[4])
    }
    while block != nil {
      guard DGifGetExtensionNext(gif, &block) == GIF_OK else { throw failure(gif.pointee.Error) }
    }
    return transparent
  }

  private static func readFrame(
    _ gif: UnsafeMutablePointer<GifFileType>, width: Int, height: Int, transparent: Int?,
    limits: ImageLimits
  ) throws(QRScanError) -> GrayImage {
    guard DGifGetImageDesc(gif) == GIF_OK else { throw failure(gif.pointee.Error) }
    let frame = gif.pointee.Image
    let frameWidth = Int(frame.Width)
    let frameHeight = Int(frame.Height)
    try limits.check(width: frameWidth, height: frameHeight, format: .gif)
    guard let map = frame.ColorMap ?? gif.pointee.SColorMap, let colors = map.pointee.Colors else {
      throw .corrupt(.gif, detail: "it has no colour table")
    }
    let colorCount = Int(map.pointee.ColorCount)
    var palette = [UInt8](repeating: 255, count: 256)
    for index in 0..<min(colorCount, 256) where index != transparent {
      let color = colors[index]
      palette[index] = GrayImage.luma(
        red: Int(color.Red), green: Int(color.Green), blue: Int(color.Blue))
    }
    var pixels = [UInt8](repeating: 255, count: width * height)
    var line = [GifPixelType](repeating: 0, count: frameWidth)
    let left = Int(frame.Left)
    let top = Int(frame.Top)
    for row in rowOrder(height: frameHeight, interlaced: frame.Interlace) {
      let status = line.withUnsafeMutableBufferPointer {
        DGifGetLine(gif, $0.baseAddress, Int32(frameWidth))
      }
      guard status == GIF_OK else { throw failure(gif.pointee.Error) }
      let y = top + row
      guard y >= 0, y < height else { continue }
      for x in 0..<frameWidth where left + x >= 0 && left + x < width {
        pixels[y * width + left + x] = palette[Int(line[x])]
      }
    }
    return GrayImage(width: width, height: height, pixels: pixels)!
  }

  /// The rows in the order the file stores them: top to bottom, or GIF's four interlace passes
  /// (every 8th row from 0, every 8th from 4, every 4th from 2, every 2nd from 1).
  static func rowOrder(height: Int, interlaced: Bool) -> [Int] {
    guard interlaced else { return Array(0..<height) }
    return [(0, 8), (4, 8), (2, 4), (1, 2)].flatMap { start, step in
      Array(stride(from: start, to: height, by: step))
    }
  }

  private static func failure(_ code: Int32) -> QRScanError {
    let text = GifErrorString(code).map { String(cString: $0) } ?? "error \(code)"
    switch code {
    case D_GIF_ERR_READ_FAILED, D_GIF_ERR_EOF_TOO_SOON:
      return .truncated(.gif, detail: "giflib: \(text)")
    default:
      return .corrupt(.gif, detail: "giflib: \(text)")
    }
  }
}

/// giflib's input callback: the next `count` bytes of the file, fewer at its end.
private func readCallback(
  _ gif: UnsafeMutablePointer<GifFileType>?, _ buffer: UnsafeMutablePointer<GifByteType>?,
  _ count: Int32
) -> Int32 {
  guard let gif, let buffer, let user = gif.pointee.UserData, count > 0 else { return 0 }
  return Int32(MemorySource.from(user).read(into: buffer, count: Int(count)))
}
