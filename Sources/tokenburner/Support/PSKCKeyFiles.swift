import Foundation
import OTP
import SecretSources
import SeedFiles
import TokenCrypto

extension SeedFileLoader {

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
