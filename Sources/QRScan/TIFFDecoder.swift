import CTIFF
import Glibc

/// Decodes the first page of a TIFF through libtiff's RGBA interface, reading from memory via
/// client callbacks. Errors and warnings go to handlers of this open only (never stderr); the
/// size comes from `TIFFRGBAImageBegin` and is checked before the raster exists, and libtiff's
/// own single allocations are capped. Alpha is composited onto white, then BT.601 luma.
enum TIFFDecoder {
  /// Largest single allocation libtiff may make for its own buffers (strips, tiles, tables).
  static let libraryAllocationLimit = 256 << 20

  static func decode(_ bytes: [UInt8], limits: ImageLimits) throws(QRScanError) -> GrayImage {
    if let problem = truncatedDirectory(bytes) { throw .truncated(.tiff, detail: problem) }
    let source = MemorySource(bytes)
    return try withExtendedLifetime(source) { () throws(QRScanError) -> GrayImage in
      guard let options = TIFFOpenOptionsAlloc() else {
        throw .corrupt(.tiff, detail: "the TIFF decoder could not start")
      }
      defer { TIFFOpenOptionsFree(options) }
      TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t(libraryAllocationLimit))
      TIFFOpenOptionsSetErrorHandlerExtR(options, errorCallback, source.opaque)
      TIFFOpenOptionsSetWarningHandlerExtR(options, warningCallback, nil)
      guard
        let tiff = TIFFClientOpenExt(
          "image", "rm", source.opaque, readCallback, writeCallback, seekCallback, closeCallback,
          sizeCallback, mapCallback, unmapCallback, options)
      else { throw failure(source) }
      defer { TIFFClose(tiff) }
      var message = [CChar](repeating: 0, count: 1024)
      var image = TIFFRGBAImage()
      guard TIFFRGBAImageBegin(&image, tiff, 0, &message) != 0 else {
        throw .corrupt(.tiff, detail: "libtiff: \(text(message))")
      }
      defer { TIFFRGBAImageEnd(&image) }
      let width = Int(image.width)
      let height = Int(image.height)
      try limits.check(width: width, height: height, format: .tiff)
      image.req_orientation = UInt16(ORIENTATION_TOPLEFT)
      var raster = [UInt32](repeating: 0xFFFF_FFFF, count: width * height)
      let read = raster.withUnsafeMutableBufferPointer {
        TIFFRGBAImageGet(&image, $0.baseAddress, UInt32(width), UInt32(height))
      }
      guard read != 0 else { throw failure(source) }
      return GrayImage(width: width, height: height, pixels: raster.map(gray))!
    }
  }

  /// A NUL-terminated C buffer as text.
  static func text(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// An ABGR raster pixel (R in the low byte) composited onto white, as BT.601 luma.
  static func gray(_ pixel: UInt32) -> UInt8 {
    let alpha = Int(pixel >> 24)
    let luma = Int(
      GrayImage.luma(
        red: Int(pixel & 0xFF), green: Int((pixel >> 8) & 0xFF), blue: Int((pixel >> 16) & 0xFF)))
    return UInt8((luma * alpha + 255 * (255 - alpha)) / 255)
  }

  /// A classic TIFF header whose first directory lies past the end: the file was cut off
  /// (writers such as ImageMagick put the directory after the pixel data).
  static func truncatedDirectory(_ bytes: [UInt8]) -> String? {
    guard bytes.count >= 8 else { return "only \(bytes.count) bytes" }
    let little = bytes[0] == 0x49
    let offset = (4..<8).reduce(0) { value, index in
      little ? value | Int(bytes[index]) << (8 * (index - 4)) : value << 8 | Int(bytes[index])
    }
    return offset + 2 > bytes.count
      ? "its directory at byte \(offset) is past the end (\(bytes.count) bytes)" : nil
  }

  private static func failure(_ source: MemorySource) -> QRScanError {
    let detail =
      source.messages.isEmpty ? "libtiff gave no reason" : "libtiff: \(source.messages[0])"
    let lowered = source.messages.joined(separator: " ").lowercased()
    if lowered.contains("read error") || lowered.contains("seek error")
      || lowered.contains("past end")
      || lowered.contains("unexpected end") || lowered.contains("not enough data")
    {
      return .truncated(.tiff, detail: detail)
    }
    return .corrupt(.tiff, detail: detail)
  }
}

// libtiff's client callbacks over a `MemorySource` (read-only: writes fail, no mapping).
private func readCallback(
  _ handle: thandle_t?, _ buffer: UnsafeMutableRawPointer?, _ count: tmsize_t
) -> tmsize_t {
  guard let handle, let buffer, count > 0 else { return 0 }
  return tmsize_t(MemorySource.from(handle).read(into: buffer, count: Int(count)))
}

private func writeCallback(_: thandle_t?, _: UnsafeMutableRawPointer?, _: tmsize_t) -> tmsize_t {
  -1
}

private func seekCallback(_ handle: thandle_t?, _ offset: toff_t, _ whence: Int32) -> toff_t {
  guard let handle else { return toff_t.max }
  let source = MemorySource.from(handle)
  let base: Int
  switch whence {
  case SEEK_SET: base = 0
  case SEEK_CUR: base = source.offset
  case SEEK_END: base = source.bytes.count
  default: return toff_t.max
  }
  let (target, overflow) = base.addingReportingOverflow(Int(truncatingIfNeeded: offset))
  guard !overflow, target >= 0 else { return toff_t.max }
  source.offset = target  // past the end is allowed; reads there return nothing
  return toff_t(target)
}

private func closeCallback(_: thandle_t?) -> Int32 { 0 }

private func sizeCallback(_ handle: thandle_t?) -> toff_t {
  handle.map { toff_t(MemorySource.from($0).bytes.count) } ?? 0
}

private func mapCallback(
  _: thandle_t?, _: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
  _: UnsafeMutablePointer<toff_t>?
) -> Int32 { 0 }

private func unmapCallback(_: thandle_t?, _: UnsafeMutableRawPointer?, _: toff_t) {}

/// Keeps libtiff's error text for the operator's sentence; returning 1 keeps it off stderr.
private func errorCallback(
  _: OpaquePointer?, _ user: UnsafeMutableRawPointer?, _: UnsafePointer<CChar>?,
  _ format: UnsafePointer<CChar>?, _ arguments: CVaListPointer?
) -> Int32 {
  guard let user, let format, let arguments else { return 1 }
  var text = [CChar](repeating: 0, count: 512)
  _ = vsnprintf(&text, text.count, format, arguments)
  MemorySource.from(user).messages.append(TIFFDecoder.text(text))
  return 1
}

/// Warnings (unknown tags and the like) are not the operator's business.
private func warningCallback(
  _: OpaquePointer?, _: UnsafeMutableRawPointer?, _: UnsafePointer<CChar>?,
  _: UnsafePointer<CChar>?, _: CVaListPointer?
) -> Int32 { 1 }
