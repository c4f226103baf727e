import CQREncode
import Canvas

/// libqrencode behind one call: text to the modules that `QRRendering` draws. Its own target,
/// so the screens and their tests draw QR codes without linking the encoder.
extension QRMatrix {
  /// Encodes `text` as 8-bit data with error correction level M (15 %), the smallest version
  /// that fits; `nil` when libqrencode refuses (too long).
  ///
  /// `text` may be secret (an otpauth URI): libqrencode keeps no copy after `QRcode_free`.
  public static func encode(_ text: String) -> QRMatrix? {
    // C interop: QRcode_encodeString copies the NUL-terminated string for the duration of the
    // call and returns a malloc'd QRcode we own; `data` has width*width bytes, bit 0 = dark.
    // QRcode_free releases both, on every path through `defer`.
    guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    guard width > 0, let data = code.pointee.data else { return nil }
    let modules = (0..<width * width).map { data[$0] & 1 == 1 }
    return QRMatrix(width: width, modules: modules)
  }
}
