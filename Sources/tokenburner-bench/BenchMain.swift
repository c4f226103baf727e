import Foundation
import HexCoding
import OTP
import TokenCrypto

/// `tokenburner-bench totp COUNT UNIX_TIME [sha1|sha256|sha512]`: the bench's TOTP figure. Reads
/// a hex secret from standard input (never an argument), prints the 6-digit codes of COUNT
/// consecutive time steps starting at UNIX_TIME, one per line — the same work as
/// `oathtool --totp -w COUNT-1 -N @UNIX_TIME -` — and on standard error the codes per second
/// of the computation alone. Not part of the product; built for `make bench`.
@main
enum BenchMain {
  static func main() {
    let arguments = Array(CommandLine.arguments.dropFirst())
    guard arguments.count >= 3, arguments[0] == "totp", let count = Int(arguments[1]), count > 0,
      let start = Int64(arguments[2]),
      let algorithm = HashChoice(rawValue: arguments.count > 3 ? arguments[3] : "sha1")
    else {
      fail("usage: tokenburner-bench totp COUNT UNIX_TIME [sha1|sha256|sha512] < hex-secret", 64)
    }
    let line = readLine(strippingNewline: true) ?? ""
    guard let bytes = Hex.decode(line.trimmingCharacters(in: .whitespaces)), !bytes.isEmpty else {
      fail("tokenburner-bench: standard input must hold the secret as hex", 65)
    }
    let secret = Secret(bytes)
    let parameters = TOTPParameters(algorithm: algorithm.hash, digits: 6, period: 30)
    let output = FileHandle.standardOutput
    var buffer = ""
    buffer.reserveCapacity(1 << 16)
    let began = ContinuousClock.now
    for step in 0..<Int64(count) {
      buffer += TOTP.code(secret: secret, at: start + step * 30, parameters: parameters)
      buffer += "\n"
      if buffer.utf8.count >= 1 << 16 {
        output.write(Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
      }
    }
    output.write(Data(buffer.utf8))
    let elapsed = (ContinuousClock.now - began).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    FileHandle.standardError.write(Data("codes_per_second \(Int(Double(count) / seconds))\n".utf8))
  }

  static func fail(_ message: String, _ status: Int32) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(status)
  }
}

/// The HMAC choices of the bench's command line.
enum HashChoice: String {
  case sha1, sha256, sha512
  var hash: HashAlgorithm {
    switch self {
    case .sha1: .sha1
    case .sha256: .sha256
    case .sha512: .sha512
    }
  }
}
