import CZBar

/// One zbar pass over a grayscale image, with every symbology switched off but QR Code (and,
/// for `.qrAndLabelBarcodes`, the linear barcodes printed on token labels), and zbar's text
/// conversion off for QR (binary mode), so the payload comes back as the exact bytes the code
/// holds. A fresh scanner per call: zbar scanners are not shared across threads.
enum ZBarScanner {
  /// The linear symbologies read for `.qrAndLabelBarcodes`.
  static let labelBarcodes: [zbar_symbol_type_t] = [
    ZBAR_CODE128, ZBAR_CODE39, ZBAR_EAN13, ZBAR_I25,
  ]

  /// The payloads zbar finds in reading order (rows top to bottom, left to right within a
  /// row), duplicates included.
  static func scan(_ image: GrayImage, symbols kinds: SymbolKinds = .qrOnly) -> [[UInt8]] {
    ReadingOrder.sorted(symbols(image, kinds)).map(\.payload)
  }

  private static func symbols(_ image: GrayImage, _ kinds: SymbolKinds) -> [ReadingOrder.Symbol] {
    guard let scanner = zbar_image_scanner_create() else { return [] }
    defer { zbar_image_scanner_destroy(scanner) }
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0)
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1)
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1)
    var wanted: Set<UInt32> = [ZBAR_QRCODE.rawValue]
    if kinds == .qrAndLabelBarcodes {
      for kind in labelBarcodes {
        zbar_image_scanner_set_config(scanner, kind, ZBAR_CFG_ENABLE, 1)
        wanted.insert(kind.rawValue)
      }
    }
    guard let zbarImage = zbar_image_create() else { return [] }
    defer { zbar_image_destroy(zbarImage) }
    zbar_image_set_format(zbarImage, grayFourCC)
    zbar_image_set_size(zbarImage, UInt32(image.width), UInt32(image.height))
    return image.pixels.withUnsafeBytes { buffer in
      // zbar only borrows the pixels (no cleanup handler); they outlive the scan.
      zbar_image_set_data(zbarImage, buffer.baseAddress, UInt(buffer.count), nil)
      guard zbar_scan_image(scanner, zbarImage) > 0 else { return [] }
      var found: [ReadingOrder.Symbol] = []
      var symbol = zbar_image_first_symbol(zbarImage)
      while let current = symbol {
        if wanted.contains(zbar_symbol_get_type(current).rawValue),
          let data = zbar_symbol_get_data(current)
        {
          let length = Int(zbar_symbol_get_data_length(current))
          let points = (0..<zbar_symbol_get_loc_size(current)).map {
            (x: Int(zbar_symbol_get_loc_x(current, $0)), y: Int(zbar_symbol_get_loc_y(current, $0)))
          }
          found.append(
            ReadingOrder.Symbol(
              payload: Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(data), count: length)),
              minX: points.map(\.x).min() ?? 0, minY: points.map(\.y).min() ?? 0,
              maxY: points.map(\.y).max() ?? 0))
        }
        symbol = zbar_symbol_next(current)
      }
      return found
    }
  }

  /// `Y800`: 8-bit luminance only, as a little-endian FourCC.
  private static let grayFourCC: UInt = 0x3030_3859
}
