import QRScan
import Testing

/// Format detection from magic bytes, and the UTF-8 payload text.
@Suite struct ImageFormatTests {
  @Test(
    arguments: [
      ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], ImageFormat.png),
      ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], .jpeg),
      (Array("GIF89a\u{1}\u{0}".utf8), .gif),
      (Array("BM".utf8) + [UInt8](repeating: 0, count: 20), .bmp),
      (Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8), .webp),
      ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff),
      ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff),
      (Array("%PDF-1.7\n".utf8), .pdf),
      ([0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0], .heif),
      ([0, 0, 0, 24] + Array("ftypavif".utf8) + [0, 0, 0, 0], .avif),
      (Array("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), .svg),
    ] as [([UInt8], ImageFormat)])
  func detectsByMagicBytes(bytes: [UInt8], format: ImageFormat) {
    #expect(ImageFormat.detect(bytes) == format)
  }

  @Test func unknownBytesAreNoFormat() {
    #expect(ImageFormat.detect(Array("otpauth://totp/x?secret=AAAA".utf8)) == nil)
    #expect(ImageFormat.detect([0xFF, 0xD8]) == nil)
  }

  @Test func pngJPEGWebPGIFBMPAndTIFFAreDecoded() {
    #expect(ImageFormat.allCases.filter(\.isSupported) == [.png, .jpeg, .gif, .bmp, .webp, .tiff])
  }

  @Test func payloadTextIsStrictUTF8() {
    let cafe: [UInt8] = [0x43, 0x61, 0x66, 0xC3, 0xA9]
    #expect(QRCode(bytes: cafe).text == "Café")
    #expect(QRCode(bytes: [0xE5, 0xB1, 0xB1, 0xE7, 0x94, 0xB0]).text == "山田")
    #expect(QRCode(bytes: [0xEF, 0xBB, 0xBF] + cafe).text == "Café")  // byte-order mark dropped
    #expect(QRCode(bytes: [0x43, 0x61, 0x66, 0xE9]).text == nil)  // Latin-1 é is not UTF-8
    #expect(QRCode(bytes: [0x82, 0xA0]).text == nil)  // Shift-JIS is not guessed either
  }

  @Test func payloadDescriptionNeverShowsTheBytes() {
    let code = QRCode(bytes: Array("otpauth://totp/a?secret=JBSWY3DPEHPK3PXP".utf8))
    #expect("\(code)" == "QRCode(40 bytes)")
  }
}
