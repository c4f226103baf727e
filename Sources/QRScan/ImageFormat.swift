/// An image file format, recognised from the file's first bytes (its magic number), never from
/// its name: a screenshot saved as `.png` that is really a JPEG is still read.
public enum ImageFormat: String, Equatable, Sendable, CaseIterable {
  case png = "PNG"
  case jpeg = "JPEG"
  case gif = "GIF"
  case bmp = "BMP"
  case webp = "WebP"
  case tiff = "TIFF"
  case pdf = "PDF"
  case heif = "HEIF/HEIC"
  case avif = "AVIF"
  case jpeg2000 = "JPEG 2000"
  case icon = "Windows icon (ICO)"
  case photoshop = "Photoshop (PSD)"
  case svg = "SVG"

  /// The formats this module decodes.
  public static let supported: [ImageFormat] = [.png, .jpeg, .webp, .gif, .bmp, .tiff]

  /// Whether `QRScanner` can decode this format.
  public var isSupported: Bool { Self.supported.contains(self) }

  /// The format whose signature starts `bytes`, or `nil` when none matches.
  public static func detect(_ bytes: some Collection<UInt8>) -> ImageFormat? {
    let head = Array(bytes.prefix(32))
    func starts(_ signature: [UInt8], at offset: Int = 0) -> Bool {
      head.count >= offset + signature.count
        && Array(head[offset..<(offset + signature.count)]) == signature
    }
    if starts(pngSignature) { return .png }
    if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
    if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return .gif }
    if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .webp }
    if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
    if starts(Array("%PDF".utf8)) { return .pdf }
    if starts(Array("ftyp".utf8), at: 4) {
      let brand = head.count >= 12 ? String(decoding: head[8..<12], as: UTF8.self) : ""
      if brand.hasPrefix("avi") { return .avif }
      if ["heic", "heix", "hevc", "heim", "heis", "mif1", "msf1"].contains(brand) { return .heif }
    }
    if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51])
    {
      return .jpeg2000
    }
    if starts(Array("8BPS".utf8)) { return .photoshop }
    if starts([0x00, 0x00, 0x01, 0x00]) { return .icon }
    if starts(Array("BM".utf8)) && head.count >= 14 { return .bmp }
    let text = String(decoding: head, as: UTF8.self).drop { $0.isWhitespace || $0 == "\u{FEFF}" }
    if text.hasPrefix("<svg") || (text.hasPrefix("<?xml") && bytes.count < 1 << 24) {
      let whole = String(decoding: bytes.prefix(4096), as: UTF8.self)
      if whole.contains("<svg") { return .svg }
    }
    return nil
  }

  /// Whether `bytes` are a proper prefix of a supported format's signature: a file cut off
  /// within its first bytes.
  static func isTruncatedSignature(_ bytes: [UInt8]) -> ImageFormat? {
    if !bytes.isEmpty, bytes.count < pngSignature.count,
      Array(pngSignature.prefix(bytes.count)) == bytes
    {
      return .png
    }
    if !bytes.isEmpty, bytes.count < 3, Array([0xFF, 0xD8, 0xFF].prefix(bytes.count)) == bytes {
      return .jpeg
    }
    for signature in [Array("GIF87a".utf8), Array("GIF89a".utf8)]
    where bytes.count >= 3 && bytes.count < signature.count
      && Array(signature.prefix(bytes.count)) == bytes
    {
      return .gif
    }
    // "BM" and fewer bytes than the 14-byte file header (detect() wants all 14).
    if bytes.count >= 2, bytes.count < 14, bytes.starts(with: Array("BM".utf8)) { return .bmp }
    for signature: [UInt8] in [[0x49, 0x49, 0x2A, 0x00], [0x4D, 0x4D, 0x00, 0x2A]]
    where bytes.count >= 3 && bytes.count < signature.count
      && Array(signature.prefix(bytes.count)) == bytes
    {
      return .tiff
    }
    return nil
  }

  static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
}
