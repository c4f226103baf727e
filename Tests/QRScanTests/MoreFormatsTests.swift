import Foundation
import QRScan
import Testing

/// GIF (giflib), BMP (BMPDecoder) and TIFF (libtiff): PNG codes of the corpus converted by
/// ImageMagick in the variants its writers produce, each read back to the payload handed to
/// qrencode; and each format cut off, refused as truncated.
@Suite struct MoreFormatsTests {
  let scanner = QRScanner()

  /// A code made by qrencode with `qrencode` arguments, changed by `prepare` (convert
  /// arguments on the PNG, or none), then written by `convert` with `write` arguments to
  /// `output` (an ImageMagick `FORMAT:name` picks the writer's variant).
  func roundTrip(
    output: String, write: [String] = [], prepare: [String] = [], qrencode: [String] = ["-s", "4"]
  ) throws -> (payload: [UInt8], result: QRScanResult) {
    let tools = try ImageTools()
    let payload = setupURI()
    try tools.qrencode(payload, to: "code.png", arguments: qrencode)
    let source = prepare.isEmpty ? "code.png" : "prepared.png"
    if !prepare.isEmpty { try tools.convert(["@code.png"] + prepare, output: "prepared.png") }
    let (format, name) =
      output.contains(":")
      ? (String(output.prefix { $0 != ":" }) + ":", String(output.drop { $0 != ":" }.dropFirst()))
      : ("", output)
    try tools.run("convert", [tools.path(source)] + write + [format + tools.path(name)])
    return (payload, try scanner.scan(fileAt: tools.path(name)))
  }

  static let variants: [(output: String, write: [String], format: ImageFormat)] = [
    ("code.gif", [], .gif),
    ("code.gif", ["-interlace", "GIF"], .gif),
    ("code.bmp", [], .bmp),  // BMP4: a V5 header
    ("BMP3:code.bmp", [], .bmp),  // a 40-byte info header
    ("BMP2:code.bmp", [], .bmp),  // the OS/2 core header
    ("code.bmp", ["-type", "TrueColor"], .bmp),  // 24 bits
    ("code.bmp", ["-type", "TrueColorAlpha"], .bmp),  // 32 bits with an alpha mask
    ("code.bmp", ["-type", "Palette", "-colors", "16"], .bmp),  // 4 bits
    ("code.bmp", ["-define", "bmp:subtype=RGB565"], .bmp),  // 16 bits, bit fields
    ("code.tiff", [], .tiff),
    ("code.tiff", ["-compress", "LZW"], .tiff),
    ("code.tiff", ["-compress", "Zip"], .tiff),
    ("code.tiff", ["-monochrome", "-compress", "Group4"], .tiff),  // fax, 1 bit
    ("code.tiff", ["-endian", "MSB", "-type", "TrueColor"], .tiff),
  ]

  @Test(arguments: variants.indices)
  func convertedCodeReadsBack(_ index: Int) throws {
    let variant = Self.variants[index]
    let (payload, result) = try roundTrip(output: variant.output, write: variant.write)
    #expect(result.codes.map(\.bytes) == [payload], "\(variant)")
    #expect(result.format == variant.format)
    #expect(result.passesTried == 1)
  }

  /// The corpus variants that need more than the plain pass, in each new format.
  @Test(arguments: ["code.gif", "code.bmp", "code.tiff"])
  func harderCorpusVariants(_ output: String) throws {
    for (prepare, qrencode) in [
      (["-negate"], ["-s", "4"]),  // light on dark
      (["-background", "white", "-rotate", "30", "+repage"], ["-s", "4"]),
      ([String](), ["-s", "1", "-m", "2"]),  // one pixel per module
      (["-attenuate", "1.2", "+noise", "Gaussian"], ["-s", "6"]),
    ] {
      let (payload, result) = try roundTrip(output: output, prepare: prepare, qrencode: qrencode)
      #expect(result.codes.map(\.bytes) == [payload], "\(output) \(prepare) \(qrencode)")
    }
  }

  @Test(arguments: ["code.gif", "code.bmp", "code.tiff"])
  func transparentBackgroundIsWhite(_ output: String) throws {
    let (payload, result) = try roundTrip(
      output: output, qrencode: ["-s", "4", "--foreground=000000FF", "--background=00000000"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test(arguments: [("code.gif", ImageFormat.gif), ("code.bmp", .bmp), ("code.tiff", .tiff)])
  func truncatedFileIsCutOff(_ name: String, _ format: ImageFormat) throws {
    let tools = try ImageTools()
    try tools.qrencode(setupURI(), to: "code.png", arguments: ["-s", "8"])
    try tools.convert(["@code.png"], output: name)
    let bytes = try tools.read(name)
    for length in [bytes.count / 2, 20, 4] {
      let path = try tools.write(Array(bytes.prefix(length)), to: "cut-\(length)-\(name)")
      let error = #expect(throws: QRScanError.self) { try scanner.scan(fileAt: path) }
      guard case .truncated(let found, _) = error else {
        Issue.record(
          "\(name) cut to \(length): expected a truncation error, got \(String(describing: error))")
        continue
      }
      #expect(found == format)
      #expect(error?.description.contains("cut off") == true)
    }
  }

  /// A BMP header announcing 60 000 × 60 000 pixels is refused before any pixel buffer.
  @Test func bmpHeaderBeyondThePixelLimit() throws {
    var header = [UInt8](repeating: 0, count: 54)
    header[0] = 0x42
    header[1] = 0x4D
    header[10] = 54
    header[14] = 40
    for (offset, value) in [(18, 60_000), (22, 60_000)] {
      for byte in 0..<4 { header[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
    }
    header[26] = 1
    header[28] = 24
    #expect(throws: QRScanError.tooManyPixels(width: 60_000, height: 60_000, limit: 40_000_000)) {
      try scanner.scan(data: header)
    }
  }
}
