import OTP
import Runtime
import Wizard

/// The wizard's host port over this machine: `HostEffects` for files, `lp` and the CSPRNG,
/// `SerialImage` for a serial read from a label photo.
struct SystemHost: HostPort {
  func recentImages() -> [String] { HostEffects.recentImages() }
  func completions(of prefix: String) -> [String] { HostEffects.completions(of: prefix) }
  func expandTilde(_ path: String) -> String { HostEffects.expandTilde(path) }
  func generateSecret(count: Int) -> Result<Secret, DriverFailure> {
    HostEffects.generateSecret(count: count)
  }
  func save(_ text: String, fileName: String) -> Result<String, DriverFailure> {
    HostEffects.save(text, fileName: fileName)
  }
  func printSheet(_ text: String) -> Result<String, DriverFailure> {
    HostEffects.printSheet(text)
  }

  func serial(inImageAt path: String) -> Result<String, DriverFailure> {
    do throws(OperatorError) {
      return .success(
        try SerialImage.serial(in: HostEffects.expandTilde(path), typing: "in the Serial field"))
    } catch {
      return .failure(.serialNotFound(error.message))
    }
  }
}

/// The registry port is the driver as it is.
extension RegistryDriver: RegistryPort {}
