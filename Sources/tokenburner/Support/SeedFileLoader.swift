import Foundation
import OTP
import SeedFiles
import TokenCrypto

/// Reads a seed file from disk and hands it to the right pure parser.
enum SeedFileLoader {
  /// Any seed file; PSKC has its own lower limit (`PSKCReader.maximumSize`).
  static let limit = SeedFileFormat.maximumFileSize

  static func load(_ path: String, keys: PSKCKeys) throws(OperatorError) -> SeedFileContents {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw OperatorError("cannot open seed file \(path)", status: .dataError)
    }
    defer { try? handle.close() }
    var data: Data
    do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
      throw OperatorError(
        "cannot read seed file \(path): \(error.localizedDescription)", status: .dataError)
    }
    defer { data.resetBytes(in: 0..<data.count) }
    guard data.count <= limit else {
      throw OperatorError("\(path) is larger than 16 MiB; refusing to read it", status: .dataError)
    }
    guard !data.isEmpty else {
      throw OperatorError("seed file \(path) is empty", status: .dataError)
    }
    if SeedFileFormat.looksLikeXML(data) {
      do { return try PSKCReader.parse(data, keys: keys) } catch {
        throw OperatorError(
          "\(path): \(error)", status: error == .wrongKey ? .permissionDenied : .dataError)
      }
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw OperatorError("\(path) is neither PSKC XML nor UTF-8 CSV text", status: .dataError)
    }
    return OATHCSV.parse(text)
  }

  /// The PSKC transport key or password, when given.
  static func pskcKeys(keyFile: String?, passwordFile: String?, passwordEnv: String?)
    throws(OperatorError) -> PSKCKeys
  {
    var keys = PSKCKeys()
    if let keyFile {
      guard var raw = FileManager.default.contents(atPath: keyFile).map({ [UInt8]($0) }) else {
        throw OperatorError("cannot read the PSKC key file \(keyFile)", status: .dataError)
      }
      defer { SecureBytes.zero(&raw) }
      var text = String(decoding: raw, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines)
      if var bytes = OATHCSV.hexBytes(text), [16, 32].contains(bytes.count) {
        keys.preSharedKey = Secret(bytes)
        SecureBytes.zero(&bytes)
      } else if [16, 32].contains(raw.count) {
        keys.preSharedKey = Secret(raw)
      } else {
        throw OperatorError(
          "the PSKC key file must hold a 16- or 32-byte AES key (hex or raw)", status: .dataError)
      }
      text = ""
    }
    if let passwordFile {
      keys.password = try PassphraseReader.file(passwordFile, option: "--pskc-password-file")
    }
    if let passwordEnv {
      keys.password = try PassphraseReader.environment(passwordEnv, option: "--pskc-password-env")
    }
    return keys
  }
}
