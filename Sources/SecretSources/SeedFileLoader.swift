import Foundation
import OTP
import SeedFiles
import TokenCrypto

/// Reads a seed file from disk and hands it to the right pure parser.
public enum SeedFileLoader {
  /// Any seed file; PSKC has its own lower limit (`PSKCReader.maximumSize`).
  public static let limit = SeedFileFormat.maximumFileSize

  public static func load(_ path: String, keys: PSKCKeys) throws(SourceFailure) -> SeedFileContents
  {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw SourceFailure("cannot open seed file \(path)", kind: .badData)
    }
    defer { try? handle.close() }
    var data: Data
    do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
      throw SourceFailure(
        "cannot read seed file \(path): \(error.localizedDescription)", kind: .badData)
    }
    defer { data.resetBytes(in: 0..<data.count) }
    guard data.count <= limit else {
      throw SourceFailure("\(path) is larger than 16 MiB; refusing to read it", kind: .badData)
    }
    guard !data.isEmpty else {
      throw SourceFailure("seed file \(path) is empty", kind: .badData)
    }
    if SeedFileFormat.looksLikeXML(data) {
      do { return try PSKCReader.parse(data, keys: keys) } catch {
        throw SourceFailure(
          "\(path): \(error)", kind: error == .wrongKey ? .wrongKey : .badData)
      }
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SourceFailure("\(path) is neither PSKC XML nor UTF-8 CSV text", kind: .badData)
    }
    return OATHCSV.parse(text)
  }
}
