import Foundation
import ImagePayloads
import OTP
import QRScan

/// Reads a token serial from a photo or scan of its label: the image path that `decode` uses,
/// with the label barcodes (Code 128, Code 39, EAN-13, Interleaved 2 of 5) read besides QR codes.
enum SerialImage {
  /// The one serial-looking payload in the image.
  ///
  /// - Parameter typing: how the operator types a serial instead, for the error sentences
  ///   (the command line's `--serial`, or the wizard's field).
  /// - Throws: `OperatorError` 65 when the image holds none, or several different ones.
  static func serial(in path: String, typing: String = "with --serial") throws(OperatorError)
    -> String
  {
    let scanned: ImageCodes
    do {
      scanned = try ImageCodes.scan(path, scanner: QRScanner(symbols: .qrAndLabelBarcodes))
    } catch {
      throw FailureMapping.operatorError(error)
    }
    var found: [String] = []
    for code in scanned.codes {
      guard let text = code.text?.trimmingCharacters(in: .whitespacesAndNewlines) else { continue }
      switch code.classified {
      case .token2Serial(let serial): found.append(serial)
      case .otpauth, .migration, .url, .fido, .phonefactor: continue
      case .base32Secret, .hexSecret, .text:
        if isSerialText(text) { found.append(text) }
      }
    }
    let distinct = Array(Set(found)).sorted()
    guard let serial = distinct.first else {
      throw OperatorError(
        "\(path) holds no QR code or barcode with a token serial; type it \(typing)",
        status: .dataError)
    }
    guard distinct.count == 1 else {
      throw OperatorError(
        "\(path) holds several serials (\(distinct.joined(separator: ", "))); type one \(typing)",
        status: .dataError)
    }
    return serial
  }

  /// Labels print serials as letters, digits and `-_.:/`, up to 64 characters.
  static func isSerialText(_ text: String) -> Bool {
    !text.isEmpty && text.count <= 64
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:/".contains($0)) }
  }
}
