import OTP
import QRScan

/// Scans an image file and classifies each QR payload: the one path that `decode`,
/// `burn --image`, `code --image` and the wizard share.
public struct ImageCodes {
  /// An image that could not be scanned: the file and why, as one operator sentence.
  public struct ScanFailure: Error, CustomStringConvertible {
    /// The file given.
    public var path: String
    /// What the scanner found wrong.
    public var error: QRScanError

    /// `PATH: reason`.
    public var description: String { "\(path): \(error.description)" }
  }

  /// One payload found in the image.
  public struct Code {
    /// The payload text (strict UTF-8), or `nil` for a binary payload.
    public var text: String?
    /// The payload bytes as the QR code holds them.
    public var byteCount: Int
    /// What the payload is; `.text` for a binary payload.
    public var classified: ClassifiedInput

    /// Whether the payload carries a key the token could be given (an otpauth URI or export
    /// that parses, or a bare key).
    public var holdsSecret: Bool {
      switch classified {
      case .otpauth(.success), .migration(.success), .base32Secret(.success),
        .hexSecret(.success):
        true
      default:
        false
      }
    }
  }

  public var path: String
  public var result: QRScanResult
  public var codes: [Code]

  /// Scans `path`; a failure names the file.
  public static func scan(_ path: String, scanner: QRScanner = QRScanner()) throws(ScanFailure)
    -> ImageCodes
  {
    let result: QRScanResult
    do {
      result = try scanner.scan(fileAt: path)
    } catch {
      throw ScanFailure(path: path, error: error)
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
