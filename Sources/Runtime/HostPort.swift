import OTP
import Wizard

/// The host as the wizard uses it: files, the printer and the random source. Each call may
/// block; the `EffectRunner` makes it on its executor and posts the answer as an event.
public protocol HostPort: Sendable {
  /// Image files in the working and home directories, newest first (full paths).
  func recentImages() -> [String]
  /// Names that complete `prefix`, in the form typed; directories end with `/`.
  func completions(of prefix: String) -> [String]
  /// `path` with a leading `~` expanded to the home directory.
  func expandTilde(_ path: String) -> String
  /// A key of `count` bytes from the system CSPRNG.
  func generateSecret(count: Int) -> Result<Secret, DriverFailure>
  /// Writes the backup sheet `text` as `fileName` in the working directory; the full path.
  func save(_ text: String, fileName: String) -> Result<String, DriverFailure>
  /// Prints the backup sheet `text`; what the print service said (the job).
  func printSheet(_ text: String) -> Result<String, DriverFailure>
  /// The token serial printed as a barcode or text in the image at `path` (tilde expanded).
  func serial(inImageAt path: String) -> Result<String, DriverFailure>
}
