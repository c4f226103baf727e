import OTP
import QRScan

/// Scans an image file and classifies each QR payload: the one path that `decode`,
/// `burn --image`, `code --image` and the wizard share.
struct ImageCodes {
  /// One payload found in the image.
  struct Code {
    /// The payload text (strict UTF-8), or `nil` for a binary payload.
    var text: String?
    /// The payload bytes as the QR code holds them.
    var byteCount: Int
    /// What the payload is; `.text` for a binary payload.
    var classified: ClassifiedInput

    /// Whether the payload carries a key the token could be given (an otpauth URI or export
    /// that parses, or a bare key).
    var holdsSecret: Bool {
      switch classified {
      case .otpauth(.success), .migration(.success), .base32Secret(.success),
        .hexSecret(.success):
        true
      default:
        false
      }
    }
  }

  var path: String
  var result: QRScanResult
  var codes: [Code]

  /// Scans `path`; a failure is one operator sentence naming the file.
  static func scan(_ path: String, scanner: QRScanner = QRScanner()) throws(OperatorError)
    -> ImageCodes
  {
    let result: QRScanResult
    do {
      result = try scanner.scan(fileAt: path)
    } catch {
      throw OperatorError("\(path): \(error.description)", status: .dataError)
    }
    let codes = result.codes.map { code in
      let text = code.text
      return Code(
        text: text, byteCount: code.bytes.count,
        classified: text.map { InputClassifier.classify($0) } ?? .text)
    }
    return ImageCodes(path: path, result: result, codes: codes)
  }
}
