import CWebP

/// Decodes still WebP images (lossy and lossless) through libwebp, which reports errors by
/// status code. Output is 8-bit grayscale from the luma plane (rescaled from the video range
/// 16–235 to 0–255), with any alpha composited onto white.
enum WebPDecoder {
  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    var config = WebPDecoderConfig()
    guard WebPInitDecoderConfig(&config) != 0 else {
      throw .corrupt(.webp, detail: "the WebP decoder could not start")
    }
    let features = bytes.withUnsafeBufferPointer { data in
      WebPGetFeatures(data.baseAddress, data.count, &config.input)
    }
    guard features == VP8_STATUS_OK else { throw failure(features) }
    let width = Int(config.input.width)
    let height = Int(config.input.height)
    try limits.check(width: width, height: height, format: .webp)
    if config.input.has_animation != 0 {
      throw .corrupt(.webp, detail: "it is animated; save one frame as PNG")
    }
    config.output.colorspace = MODE_YUVA
    let status = bytes.withUnsafeBufferPointer { data in
      WebPDecode(data.baseAddress, data.count, &config)
    }
    defer { WebPFreeDecBuffer(&config.output) }
    guard status == VP8_STATUS_OK else { throw failure(status) }
    let planes = config.output.u.YUVA
    guard let luma = planes.y else { throw .corrupt(.webp, detail: "no image data") }
    var pixels = [UInt8](repeating: 255, count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        let value = (Int(luma[y * Int(planes.y_stride) + x]) - 16) * 255 / 219
        let gray = min(max(value, 0), 255)
        let alpha = planes.a.map { Int($0[y * Int(planes.a_stride) + x]) } ?? 255
        pixels[y * width + x] = UInt8((gray * alpha + 255 * (255 - alpha)) / 255)
      }
    }
    return GrayImage(width: width, height: height, pixels: pixels)!
  }

  private static func failure(_ status: VP8StatusCode) -> QRScanError {
    switch status {
    case VP8_STATUS_NOT_ENOUGH_DATA:
      .truncated(.webp, detail: "libwebp: not enough data")
    case VP8_STATUS_UNSUPPORTED_FEATURE:
      .corrupt(.webp, detail: "libwebp: a feature this decoder does not support")
    case VP8_STATUS_OUT_OF_MEMORY:
      .corrupt(.webp, detail: "libwebp: out of memory")
    default:
      .corrupt(.webp, detail: "libwebp: bitstream error (status \(status.rawValue))")
    }
  }
}
