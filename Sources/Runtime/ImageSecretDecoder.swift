import QRScan
import Wizard

/// Finds the QR payloads in an image file: the seam between the wizard's `decodeImage` effect
/// and the QR scanning library. Called on a worker thread.
public protocol ImageSecretDecoder: Sendable {
  /// The payload texts of every QR code in the image at `path` (UTF-8), or why there are none.
  func payloads(inImageAt path: String) -> Result<[String], DriverFailure>
}

/// The decoder of this build: `QRScanner` (PNG, JPEG, WebP; the scan passes of `ScanPlan`).
/// The wizard classifies the payloads itself, so wrong QR kinds are explained the same way as
/// pasted text.
public struct QRScanImageDecoder: ImageSecretDecoder {
  var scanner = QRScanner()

  /// The decoder with the QR-only scanner.
  public init() {}

  public func payloads(inImageAt path: String) -> Result<[String], DriverFailure> {
    let codes: [QRCode]
    do {
      codes = try scanner.scan(fileAt: path).codes
    } catch {
      return .failure(.imageUnreadable(path: path, reason: error.description))
    }
    let texts = codes.compactMap(\.text)
    guard !texts.isEmpty else {
      return .failure(.imageHoldsBinaryData(path: path))
    }
    return .success(texts)
  }
}
