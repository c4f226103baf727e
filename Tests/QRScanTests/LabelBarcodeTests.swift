import Foundation
import QRScan
import Testing

/// Serial labels: linear barcodes made at test time with zint, photographed the way
/// ImageMagick can imitate. Read only when the scan asks for label barcodes, so a barcode in
/// a screenshot never stands in for a service's QR code.
@Suite struct LabelBarcodeTests {
  let labels = QRScanner(symbols: .qrAndLabelBarcodes)

  /// (zint symbology, data, what the scan gives back: EAN-13 adds its check digit).
  static let symbologies: [(Int, String, String)] = [
    (20, "8651000042", "8651000042"),  // Code 128
    (20, "TB-42/A:7", "TB-42/A:7"),
    (8, "8651000042", "8651000042"),  // Code 39
    (3, "86510000", "86510000"),  // Interleaved 2 of 5
    (13, "865962200000", "8659622000008"),  // EAN-13 adds the check digit 8 (zbarimg agrees)
  ]

  @Test(arguments: symbologies.indices)
  func eachLabelSymbologyIsRead(index: Int) throws {
    let (symbology, data, expected) = Self.symbologies[index]
    let tools = try ImageTools()
    let path = try tools.zint(data, symbology: symbology, to: "label.png")
    #expect(try labels.scan(fileAt: path).codes.map(\.text) == [expected])
    #expect(throws: QRScanError.self, "a QR-only scan ignores barcodes") {
      try QRScanner().scan(fileAt: path)
    }
  }

  @Test func aPhotographedLabelIsRead() throws {
    let tools = try ImageTools()
    try tools.zint("8651000042", symbology: 20, to: "label.png", arguments: ["--scale=3"])
    let photo = try tools.convert(
      [
        "@label.png", "-bordercolor", "white", "-border", "60", "-rotate", "4", "-blur", "0x1",
        "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "70",
      ],
      output: "photo.jpg")
    #expect(try labels.scan(fileAt: photo).codes.map(\.text) == ["8651000042"])
  }

  @Test func aLabelWithAQRCodeAndABarcodeGivesBoth() throws {
    let tools = try ImageTools()
    try tools.zint("8651000042", symbology: 20, to: "bar.png", arguments: ["--scale=2"])
    try tools.qrencode(Array("8651000042".utf8), to: "qr.png", arguments: ["-s", "4"])
    let label = try tools.convert(
      ["@qr.png", "@bar.png", "-background", "white", "-append"], output: "label.png")
    let found = try labels.scan(fileAt: label).codes.compactMap(\.text)
    #expect(found == ["8651000042"], "the same serial twice is one code")
  }
}
