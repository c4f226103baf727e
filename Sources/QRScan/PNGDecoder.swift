import CPNG

/// Decodes PNG through libpng's simplified API (`png_image_*`), which catches libpng's own
/// errors inside C, so no `longjmp` ever crosses a Swift frame. Output is 8-bit grayscale
/// with any alpha composited onto white.
enum PNGDecoder {
  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    let result: Result<GrayImage, QRScanError> = bytes.withUnsafeBytes { data in
      var image = png_image()
      image.version = UInt32(PNG_IMAGE_VERSION)
      guard png_image_begin_read_from_memory(&image, data.baseAddress, data.count) != 0 else {
        return .failure(failure(message(of: &image)))
      }
      let width = Int(image.width)
      let height = Int(image.height)
      do throws(QRScanError) {
        try limits.check(width: width, height: height, format: .png)
      } catch {
        png_image_free(&image)
        return .failure(error)
      }
      image.format = UInt32(PNG_FORMAT_GRAY)
      var pixels = [UInt8](repeating: 255, count: width * height)
      var white = png_color(red: 255, green: 255, blue: 255)
      let finished = pixels.withUnsafeMutableBytes { buffer in
        png_image_finish_read(&image, &white, buffer.baseAddress, Int32(width), nil)
      }
      guard finished != 0 else {
        let text = message(of: &image)
        png_image_free(&image)
        return .failure(failure(text))
      }
      return .success(GrayImage(width: width, height: height, pixels: pixels)!)
    }
    return try result.get()
  }

  /// The `message` field of a `png_image` (a fixed C array) as text.
  private static func message(of image: inout png_image) -> String {
    withUnsafeBytes(of: &image.message) { raw in
      let bytes = raw.prefix { $0 != 0 }
      return String(decoding: bytes, as: UTF8.self)
    }
  }

  /// libpng reports a short file as a read "beyond end of data" (its memory reader ran out)
  /// or as missing image data; everything else is damage.
  private static func failure(_ message: String) -> QRScanError {
    let lowered = message.lowercased()
    let detail = message.isEmpty ? "libpng gave no reason" : "libpng: \(message)"
    if lowered.contains("read error") || lowered.contains("beyond end")
      || lowered.contains("not enough image data")
      || lowered.contains("truncated") || lowered.contains("unexpected end")
    {
      return .truncated(.png, detail: detail)
    }
    return .corrupt(.png, detail: detail)
  }
}
