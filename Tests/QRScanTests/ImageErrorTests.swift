import Foundation
import QRScan
import Testing

/// Every way an image file can fail, each with its own error and sentence.
@Suite struct ImageErrorTests {
  let scanner = QRScanner()

  @Test func missingFile() throws {
    let tools = try ImageTools()
    #expect(throws: QRScanError.fileNotFound) { try scanner.scan(fileAt: tools.path("absent.png")) }
    #expect(QRScanError.fileNotFound.description == "there is no such file.")
  }

  @Test func directoryAndPipeAreNotFiles() throws {
    let tools = try ImageTools()
    #expect(throws: QRScanError.notAFile) { try scanner.scan(fileAt: tools.directory.path) }
    let fifo = tools.path("pipe.png")
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(throws: QRScanError.notAFile) { try scanner.scan(fileAt: fifo) }
  }

  @Test(.enabled(if: geteuid() != 0, "root reads files whatever their mode"))
  func unreadableFile() throws {
    let tools = try ImageTools()
    let path = try tools.qrencode(Array("x".utf8), to: "locked.png")
    #expect(chmod(path, 0) == 0)
    #expect(throws: QRScanError.notReadable(reason: "Permission denied")) {
      try scanner.scan(fileAt: path)
    }
  }

  @Test func emptyFile() throws {
    let tools = try ImageTools()
    let path = try tools.write([], to: "empty.png")
    #expect(throws: QRScanError.emptyFile) { try scanner.scan(fileAt: path) }
  }

  @Test func fileOverTheSizeLimit() throws {
    let tools = try ImageTools()
    let path = try tools.qrencode(Array("size".utf8), to: "code.png")
    let size = try tools.read("code.png").count
    let small = QRScanner(limits: ImageLimits(maximumFileBytes: size - 1))
    #expect(throws: QRScanError.fileTooLarge(bytes: size, limit: size - 1)) {
      try small.scan(fileAt: path)
    }
  }

  @Test func truncatedPNGAndJPEG() throws {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png", arguments: ["-s", "8"])
    try tools.convert(["@code.png", "-quality", "90"], output: "code.jpg")
    let png = try tools.read("code.png")
    let jpeg = try tools.read("code.jpg")
    try tools.convert(["@code.png", "-quality", "80"], output: "code.webp")
    let webp = try tools.read("code.webp")
    for (name, bytes, format) in [
      ("cut.png", png, ImageFormat.png), ("cut.jpg", jpeg, .jpeg), ("cut.webp", webp, .webp),
    ] {
      let path = try tools.write(Array(bytes.prefix(bytes.count / 2)), to: name)
      let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
      guard case .truncated(let found, _) = error else {
        Issue.record("\(name): expected a truncation error, got \(String(describing: error))")
        continue
      }
      #expect(found == format)
      #expect(error?.description.contains("cut off") == true)
    }
    let stub = try tools.write(Array(png.prefix(5)), to: "stub.png")
    #expect(throws: QRScanError.truncated(.png, detail: "only 5 bytes")) {
      try scanner.scan(fileAt: stub)
    }
  }

  @Test func corruptPNGAndJPEG() throws {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png", arguments: ["-s", "8"])
    var png = try tools.read("code.png")
    // Scramble the compressed image data just after the IDAT chunk type.
    let idat = try #require(
      (0..<(png.count - 4)).first { Array(png[$0..<($0 + 4)]) == Array("IDAT".utf8) })
    for index in (idat + 6)..<(idat + 22) { png[index] ^= 0xA5 }
    let badPNG = try tools.write(png, to: "bad.png")
    let pngError = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: badPNG) }
    guard case .corrupt(.png, let detail) = pngError else {
      Issue.record("expected a damaged-PNG error, got \(String(describing: pngError))")
      return
    }
    #expect(detail.hasPrefix("libpng: "))

    // A JPEG whose start-of-frame marker is destroyed has no image to decode.
    try tools.convert(["@code.png", "-quality", "90"], output: "code.jpg")
    var jpeg = try tools.read("code.jpg")
    let frame = try #require(jpegFrameOffset(jpeg))
    jpeg.replaceSubrange(frame..<(frame + 12), with: [UInt8](repeating: 0x55, count: 12))
    let badJPEG = try tools.write(jpeg, to: "bad.jpg")
    let jpegError = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: badJPEG) }
    guard case .corrupt(.jpeg, let jpegDetail) = jpegError else {
      Issue.record("expected a damaged-JPEG error, got \(String(describing: jpegError))")
      return
    }
    #expect(jpegDetail.hasPrefix("libjpeg: "))
  }

  @Test(arguments: ["ico", "psd"])
  func unsupportedFormatIsNamed(_ suffix: String) throws {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png")
    let path = try tools.convert(["@code.png"], output: "code.\(suffix)")
    let expected: ImageFormat = ["ico": .icon, "psd": .photoshop][suffix]!
    #expect(throws: QRScanError.unsupportedFormat(expected)) { try scanner.scan(fileAt: path) }
    #expect(QRScanError.unsupportedFormat(expected).description.contains(expected.rawValue))
  }

  @Test func pdfAndUnknownBytes() throws {
    let tools = try ImageTools()
    let pdf = try tools.write(Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n".utf8), to: "scan.png")
    #expect(throws: QRScanError.unsupportedFormat(.pdf)) { try scanner.scan(fileAt: pdf) }
    let text = try tools.write(Array("otpauth://totp/x?secret=AAAA\n".utf8), to: "uri.png")
    #expect(throws: QRScanError.unknownFormat) { try scanner.scan(fileAt: text) }
  }

  /// Decompression bombs: a tiny file whose header announces 50 000 × 50 000 pixels is refused
  /// from the header, before any pixel buffer exists (2.5 GB of grayscale otherwise).
  @Test func headerBeyondThePixelLimitIsRefused() throws {
    let tools = try ImageTools()
    let bomb = try tools.write(pngHeader(width: 50_000, height: 50_000), to: "bomb.png")
    #expect(throws: QRScanError.tooManyPixels(width: 50_000, height: 50_000, limit: 40_000_000)) {
      try scanner.scan(fileAt: bomb)
    }
    try tools.qrencode(setupURI(), to: "code.png")
    try tools.convert(["@code.png"], output: "code.jpg")
    var jpeg = try tools.read("code.jpg")
    let frame = try #require(jpegFrameOffset(jpeg))
    // SOFn: marker (2), length (2), precision (1), height (2), width (2).
    jpeg.replaceSubrange((frame + 5)..<(frame + 9), with: [0xEA, 0x60, 0xEA, 0x60])  // 60000²
    let jpegBomb = try tools.write(jpeg, to: "bomb.jpg")
    #expect(throws: QRScanError.tooManyPixels(width: 60_000, height: 60_000, limit: 40_000_000)) {
      try scanner.scan(fileAt: jpegBomb)
    }
    #expect(
      QRScanError.tooManyPixels(width: 60_000, height: 60_000, limit: 40_000_000).description
        .contains("limit of 40 megapixels"))
  }

  @Test func smallerPixelLimitApplies() throws {
    let tools = try ImageTools()
    let path = try tools.qrencode(setupURI(), to: "code.png", arguments: ["-s", "4"])
    let limited = QRScanner(limits: ImageLimits(maximumPixels: 10_000))
    let error = #expect(throws: QRScanError.self) { try limited.scan(fileAt: path) }
    guard case .tooManyPixels(_, _, 10_000) = error else {
      Issue.record("expected the pixel limit, got \(String(describing: error))")
      return
    }
  }

  @Test func noCodeSaysWhatWasTried() throws {
    let tools = try ImageTools()
    let path = try tools.convert(
      ["-size", "300x200", "xc:white", "-fill", "black", "-draw", "rectangle 40,40 120,120"],
      output: "blank.png")
    let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
    guard case .noQRCode(300, 200, let passes) = error else {
      Issue.record("expected no QR code, got \(String(describing: error))")
      return
    }
    // A square is no finder pattern: nothing code-like, so only the image as it is.
    #expect(passes == ["as is"])
    #expect(error?.description.contains("(tried: as is).") == true)
  }
}

/// The offset of the first start-of-frame marker (FFC0…FFC2) of a JPEG.
func jpegFrameOffset(_ bytes: [UInt8]) -> Int? {
  (2..<(bytes.count - 1)).first { bytes[$0] == 0xFF && (0xC0...0xC2).contains(bytes[$0 + 1]) }
}

/// A PNG signature, a valid IHDR chunk (8-bit grayscale) for the given size, the start of an
/// IDAT chunk and IEND: the shape of a compressed bomb, whose header is all a decoder reads
/// before allocating.
func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
  func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
  func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
  }
  return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    + chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0])
    + chunk("IDAT", [0x78, 0x9C]) + chunk("IEND", [])
}

/// CRC-32 as PNG chunks use it (ISO 3309, reflected polynomial 0xEDB88320).
func crc32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}
