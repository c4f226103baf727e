import Foundation
import OTP
import TokenCrypto
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// Effects on files, the printer and the random source, each run on a background thread and
/// answered with an event.
enum HostEffects {
  static let imageExtensions: Set<String> = ["png", "jpg", "jpeg"]

  /// Image files in the working and home directories, newest first (full paths).
  static func recentImages(limit: Int = SecretEntry.recentLimit) -> [String] {
    let manager = FileManager.default
    let directories = [manager.currentDirectoryPath, NSHomeDirectory()]
    var found: [(path: String, modified: Date)] = []
    for directory in Set(directories) {
      guard let names = try? manager.contentsOfDirectory(atPath: directory) else { continue }
      for name in names
      where imageExtensions.contains((name as NSString).pathExtension.lowercased()) {
        let path = (directory as NSString).appendingPathComponent(name)
        let attributes = try? manager.attributesOfItem(atPath: path)
        found.append((path, attributes?[.modificationDate] as? Date ?? .distantPast))
      }
    }
    return found.sorted { $0.modified > $1.modified }.prefix(limit).map(\.path)
  }

  /// Names that complete `prefix`, in the form typed (a leading `~/` is kept); directories
  /// end with `/`; hidden files only when the typed name starts with a dot.
  static func completions(of prefix: String) -> [String] {
    let slash = prefix.lastIndex(of: "/")
    let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
    let namePart = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
    let directory = expandTilde(directoryPart.isEmpty ? "." : directoryPart)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return []
    }
    return names.filter {
      $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix("."))
    }
    .sorted()
    .map { name in
      var isDirectory: ObjCBool = false
      let full = (directory as NSString).appendingPathComponent(name)
      _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
      return directoryPart + name + (isDirectory.boolValue ? "/" : "")
    }
  }

  /// `~` and `~/…` expanded to the home directory.
  static func expandTilde(_ path: String) -> String {
    guard path == "~" || path.hasPrefix("~/") else { return path }
    return NSHomeDirectory() + path.dropFirst()
  }

  /// A key of `count` bytes from the system CSPRNG.
  static func generateSecret(count: Int) -> Result<Secret, DriverFailure> {
    do {
      var bytes = try SystemRandom().bytes(count)
      defer { SecureBytes.zero(&bytes) }
      return .success(Secret(bytes))
    } catch {
      return .failure(.randomSourceFailed("\(error)"))
    }
  }

  /// Writes the sheet's `text` as `fileName` in the working directory, created new with mode
  /// 0600 (`SheetOutput.save`, as `codes generate --save` does).
  static func save(_ text: String, fileName: String) -> Result<String, DriverFailure> {
    let path = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(
      fileName)
    do throws(OperatorError) {
      try SheetOutput.save(text, to: path)
      return .success(path)
    } catch {
      return .failure(.saveFailed(error.message))
    }
  }

  /// Title of the print job; never the codes.
  static let printTitle = "tokenburner backup codes"

  /// Prints the sheet's `text` with CUPS `lp` (default destination; `CUPS_SERVER` chooses the
  /// server), as the same PostScript page `codes generate --print` sends (`SheetOutput.send`).
  static func printSheet(_ text: String) -> Result<String, DriverFailure> {
    do throws(SheetOutput.PrintFailure) {
      return .success(try SheetOutput.send(text, printer: nil, title: printTitle))
    } catch {
      switch error {
      case .notStarted:
        return .failure(.printerNotStarted)
      case .refused(let status, let said):
        return .failure(.printRefused(status: status, said: said))
      }
    }
  }
}
