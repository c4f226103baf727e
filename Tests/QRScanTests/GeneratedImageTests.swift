import Foundation
import QRScan
import Testing

/// Codes made at test time with qrencode, then changed with ImageMagick the way screenshots
/// and photos change them. Each scan must give back exactly the bytes handed to qrencode.
@Suite struct GeneratedImageTests {
  let scanner = QRScanner()

  /// Encodes a random setup URI, applies `convert` arguments (empty: the PNG as is) and
  /// returns what the scan found, with the payload for comparison.
  func scanTransformed(_ arguments: [String], output: String = "out.png", qrencode: [String] = [])
    throws -> (payload: [UInt8], result: QRScanResult)
  {
    let tools = try ImageTools()
    let payload = setupURI()
    try tools.qrencode(payload, to: "code.png", arguments: qrencode)
    let path =
      arguments.isEmpty
      ? tools.path("code.png") : try tools.convert(["@code.png"] + arguments, output: output)
    return (payload, try scanner.scan(fileAt: path))
  }

  @Test func plainPNGIsReadInTheFirstPass() throws {
    let (payload, result) = try scanTransformed([])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.passesTried == 1)
    #expect(result.format == .png)
  }

  @Test(arguments: [95, 75, 50, 25, 10])
  func jpegAtQuality(_ quality: Int) throws {
    let (payload, result) = try scanTransformed(
      ["-quality", "\(quality)"], output: "q\(quality).jpg", qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.format == .jpeg)
  }

  /// Module sizes from one pixel (qrencode -s 1) up, and resampled sizes.
  @Test(arguments: [["-s", "1"], ["-s", "2"], ["-s", "12"]])
  func moduleSizes(_ qrencode: [String]) throws {
    let (payload, result) = try scanTransformed([], qrencode: qrencode)
    #expect(result.codes.map(\.bytes) == [payload])
  }

  /// From 5 px modules: 40% leaves 2 px per module (1.6 px, from 4 px modules, failed for
  /// some random payloads: below what a screenshot of a setup page ever shows).
  @Test(arguments: ["40%", "70%", "150%", "333%"])
  func resampled(_ scale: String) throws {
    let (payload, result) = try scanTransformed(["-resize", scale], qrencode: ["-s", "5"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test(arguments: [10, 30, 45, 90, 135, 180, 200])
  func rotated(_ degrees: Int) throws {
    let (payload, result) = try scanTransformed(
      ["-background", "white", "-rotate", "\(degrees)"], qrencode: ["-s", "6"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test func cmykJPEGFromAPrintWorkflow() throws {
    let (payload, result) = try scanTransformed(
      ["-colorspace", "CMYK", "-quality", "90"], output: "cmyk.jpg", qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test(arguments: [["-quality", "75"], ["-define", "webp:lossless=true"]])
  func webp(_ options: [String]) throws {
    let (payload, result) = try scanTransformed(
      options, output: "code.webp", qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.format == .webp)
  }

  @Test func webpWithTransparentBackground() throws {
    let (payload, result) = try scanTransformed(
      ["-define", "webp:lossless=true"], output: "clear.webp",
      qrencode: ["-s", "4", "--foreground=000000FF", "--background=00000000"])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.passesTried == 1)
  }

  @Test func invertedCodeNeedsTheInvertedPass() throws {
    let (payload, result) = try scanTransformed(["-negate"], qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.pass == ScanPass([.invert]))
  }

  @Test func noisyPhotoOfACode() throws {
    let (payload, result) = try scanTransformed(
      ["-attenuate", "1.2", "+noise", "Gaussian", "-blur", "0x1"], qrencode: ["-s", "6"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test func lowContrastGreyOnGrey() throws {
    let (payload, result) = try scanTransformed(["+level", "42%,58%"], qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  /// A transparent background whose hidden colour is black: without flattening onto white
  /// the whole image is black.
  @Test func transparentBackgroundIsFlattenedOntoWhite() throws {
    let (payload, result) = try scanTransformed(
      [], qrencode: ["--foreground=000000FF", "--background=00000000"])
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.passesTried == 1)
  }

  @Test func halfTransparentDarkCodeOnTransparentCanvas() throws {
    // Grey-alpha PNG: dark modules at 60 % opacity, background fully transparent black.
    let (payload, result) = try scanTransformed(
      [
        "-alpha", "set", "-channel", "A", "-fx", "u.r < 0.5 ? 0.6 : 0", "+channel",
        "-channel", "RGB", "-evaluate", "set", "0", "+channel",
      ],
      qrencode: ["-s", "4"])
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test func smallCodeInALargeCanvasWithText() throws {
    let tools = try ImageTools()
    let payload = setupURI()
    try tools.qrencode(payload, to: "code.png", arguments: ["-s", "3"])
    let path = try tools.convert(
      [
        "-size", "3000x2000", "xc:white", "-fill", "black", "-font", "DejaVu-Sans", "-pointsize",
        "48",
        "-annotate", "+100+150", "Two-step verification: scan this code with your app",
        "-annotate", "+100+1800", "Reference 8659600123 — do not share",
        "@code.png", "-geometry", "+2200+900", "-composite",
      ],
      output: "page.png")
    let result = try scanner.scan(fileAt: path)
    #expect(result.codes.map(\.bytes) == [payload])
  }

  @Test func phonePhotoSizedJPEGWithASmallCode() throws {
    let tools = try ImageTools()
    let payload = setupURI()
    try tools.qrencode(payload, to: "code.png", arguments: ["-s", "4"])
    let path = try tools.convert(
      [
        "-size", "4000x3000", "plasma:fractal", "-blur", "0x3",
        "(", "@code.png", "-resize", "260x260", ")", "-geometry", "+2500+1800", "-composite",
        "-quality", "85",
      ],
      output: "photo.jpg")
    let result = try scanner.scan(fileAt: path)
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.width == 4000 && result.height == 3000)
  }

  @Test func severalCodesAreAllReturnedOnceEach() throws {
    let tools = try ImageTools()
    let first = setupURI(account: "alice")
    let second = setupURI(account: "bob")
    try tools.qrencode(first, to: "a.png", arguments: ["-s", "4"])
    try tools.qrencode(second, to: "b.png", arguments: ["-s", "4"])
    // a, b and a again: the repeat is reported once.
    let path = try tools.convert(["@a.png", "@b.png", "@a.png", "+append"], output: "three.png")
    let result = try scanner.scan(fileAt: path)
    #expect(Set(result.codes.map(\.bytes)) == [first, second])
    #expect(result.codes.count == 2)
  }

  @Test(arguments: [
    "otpauth://totp/Caf%C3%A9:bob?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Café",
    "otpauth://totp/山田商事:山田太郎?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=山田商事",
    "Zoë · Ødegård · Ñandú · Straße",
  ])
  func utf8PayloadsKeepTheirCharacters(_ text: String) throws {
    let tools = try ImageTools()
    let path = try tools.qrencode(Array(text.utf8), to: "utf8.png")
    let result = try scanner.scan(fileAt: path)
    #expect(result.codes.map(\.bytes) == [Array(text.utf8)])
    #expect(result.codes.first?.text == text)
  }

  /// Binary mode: bytes that are not UTF-8 come back unchanged and have no text.
  @Test func binaryPayloadComesBackByteForByte() throws {
    let tools = try ImageTools()
    let payload: [UInt8] = (0..<64).map { UInt8(0x80 + $0 * 2 % 0x7F) }
    let path = try tools.qrencode(payload, to: "binary.png")
    let result = try scanner.scan(fileAt: path)
    #expect(result.codes.map(\.bytes) == [payload])
    #expect(result.codes.first?.text == nil)
  }
}
