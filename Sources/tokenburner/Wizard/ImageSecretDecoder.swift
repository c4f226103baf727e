import Wizard

/// Finds the QR payloads in an image file: the seam where the QR scanning library plugs in.
/// Called on a worker thread.
protocol ImageSecretDecoder: Sendable {
  /// The payload texts of every QR code in the image at `path` (UTF-8), or why there are none.
  func payloads(inImageAt path: String) -> Result<[String], DriverFailure>
}

/// The decoder of a build without QR scanning: says so, so the operator pastes the key instead.
struct UnavailableImageDecoder: ImageSecretDecoder {
  func payloads(inImageAt path: String) -> Result<[String], DriverFailure> {
    .failure(
      DriverFailure(
        "Image decoding is not available in this build. Paste the otpauth:// URI or the Base32 "
          + "key instead (Up/Down switches the method)."))
  }
}
