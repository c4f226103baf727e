import CTurboJPEG

/// Decodes JPEG through libjpeg-turbo's TurboJPEG API, which handles libjpeg's fatal errors
/// inside C (no `longjmp` crosses a Swift frame), straight to 8-bit grayscale.
enum JPEGDecoder {
  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    guard let handle = tjInitDecompress() else {
      throw .corrupt(.jpeg, detail: "the JPEG decoder could not start")
    }
    defer { tjDestroy(handle) }
    let result: Result<GrayImage, QRScanError> = bytes.withUnsafeBytes { data in
      let source = data.baseAddress!.assumingMemoryBound(to: UInt8.self)
      var width: Int32 = 0
      var height: Int32 = 0
      var subsampling: Int32 = 0
      var colorspace: Int32 = 0
      guard
        tjDecompressHeader3(
          handle, source, UInt(data.count), &width, &height, &subsampling, &colorspace) == 0
      else {
        return .failure(failure(handle))
      }
      do throws(QRScanError) {
        try limits.check(width: Int(width), height: Int(height), format: .jpeg)
      } catch {
        return .failure(error)
      }
      // CMYK files (from print workflows) cannot be decoded to gray directly; they come out
      // as four bytes per pixel and are converted below.
      let isCMYK =
        colorspace == Int32(TJCS_CMYK.rawValue) || colorspace == Int32(TJCS_YCCK.rawValue)
      let format = isCMYK ? TJPF_CMYK : TJPF_GRAY
      var pixels = [UInt8](repeating: 255, count: Int(width) * Int(height) * (isCMYK ? 4 : 1))
      // LIMITSCANS refuses progressive files with absurd scan counts (a CPU bomb).
      let flags = Int32(TJFLAG_LIMITSCANS)
      let status = pixels.withUnsafeMutableBufferPointer { buffer in
        tjDecompress2(
          handle, source, UInt(data.count), buffer.baseAddress, width, 0, height,
          Int32(format.rawValue), flags)
      }
      if status != 0 {
        let isWarning = tjGetErrorCode(handle) == Int32(TJERR_WARNING.rawValue)
        let text = String(cString: tjGetErrorStr2(handle))
        // A warning still leaves a full image, except when the data ran out: then the rest
        // of the picture is grey filler and the operator must know the file is incomplete.
        if !isWarning || text.lowercased().contains("premature end") {
          return .failure(failure(handle))
        }
      }
      if isCMYK { pixels = grayFromCMYK(pixels) }
      return .success(GrayImage(width: Int(width), height: Int(height), pixels: pixels)!)
    }
    return try result.get()
  }

  /// Luma (ITU-R BT.601 weights) of CMYK samples as Adobe applications store them in JPEG,
  /// inverted (255 is no ink). A file using the other convention comes out as a negative,
  /// which the inverted scan pass reads.
  static func grayFromCMYK(_ samples: [UInt8]) -> [UInt8] {
    stride(from: 0, to: samples.count, by: 4).map { index in
      let black = Int(samples[index + 3])
      let red = Int(samples[index]) * black / 255
      let green = Int(samples[index + 1]) * black / 255
      let blue = Int(samples[index + 2]) * black / 255
      return UInt8((299 * red + 587 * green + 114 * blue) / 1000)
    }
  }

  private static func failure(_ handle: tjhandle) -> QRScanError {
    let message = String(cString: tjGetErrorStr2(handle))
    let lowered = message.lowercased()
    let detail = "libjpeg: \(message)"
    if lowered.contains("premature end") || lowered.contains("empty input")
      || lowered.contains("unexpected end")
    {
      return .truncated(.jpeg, detail: detail)
    }
    return .corrupt(.jpeg, detail: detail)
  }
}
