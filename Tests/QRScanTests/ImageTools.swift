import Foundation
import Testing

/// Runs the real image tools (qrencode, ImageMagick's convert) that make the test corpus, in
/// a fresh directory per test. Their output is the oracle: the payload handed to qrencode is
/// what a scan must give back, byte for byte.
struct ImageTools: ~Copyable {
  let directory: URL

  init() throws {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("qrscan-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// The path of `name` inside the test directory.
  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Encodes `payload` with qrencode (8-bit mode, payload on stdin) into PNG file `name`.
  @discardableResult
  func qrencode(_ payload: [UInt8], to name: String, arguments: [String] = []) throws -> String {
    try run("qrencode", ["-8", "-o", path(name)] + arguments, input: payload)
    return path(name)
  }

  /// Draws `data` as a zint barcode of `symbology` (zint's `-b` number: 20 Code 128, 8 Code 39,
  /// 13 EAN-13, 3 Interleaved 2 of 5) into PNG file `name`, the human-readable text below it.
  @discardableResult
  func zint(_ data: String, symbology: Int, to name: String, arguments: [String] = []) throws
    -> String
  {
    try run("zint", ["-b", "\(symbology)", "-d", data, "-o", path(name)] + arguments)
    return path(name)
  }

  /// Runs `convert` with `arguments`, where a word starting with `@` names a file in the test
  /// directory. The resource limits stay within the system policy's.
  @discardableResult
  func convert(_ arguments: [String], output: String) throws -> String {
    let resolved = arguments.map { $0.hasPrefix("@") ? path(String($0.dropFirst())) : $0 }
    try run("convert", resolved + [path(output)])
    return path(output)
  }

  /// Writes raw bytes to `name`.
  @discardableResult
  func write(_ bytes: [UInt8], to name: String) throws -> String {
    try Data(bytes).write(to: directory.appendingPathComponent(name))
    return path(name)
  }

  /// The bytes of `name`.
  func read(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: directory.appendingPathComponent(name)))
  }

  /// Runs a tool found on PATH and fails the test with its stderr when it exits non-zero.
  func run(_ tool: String, _ arguments: [String], input: [UInt8] = []) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let stdin = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardError = stderr
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data(input))
    try stdin.fileHandleForWriting.close()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw ToolFailure(
        tool: tool, status: process.terminationStatus,
        message: String(decoding: errors, as: UTF8.self))
    }
  }

  struct ToolFailure: Error, CustomStringConvertible {
    var tool: String
    var status: Int32
    var message: String
    var description: String {
      "\(tool) exited \(status): \(message) (scripts/install-deps.sh test installs it)"
    }
  }
}

/// A typical setup URI with a random 20-byte secret, as bytes.
func setupURI(issuer: String = "Acme", account: String = "bob@example.com") -> [UInt8] {
  let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
  let secret = String((0..<32).map { _ in alphabet.randomElement()! })
  let label = issuer.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! + ":" + account
  return Array("otpauth://totp/\(label)?secret=\(secret)&issuer=\(issuer)".utf8)
}
