import ArgumentParser
import Foundation
import ImagePayloads
import OTP
import OperatorOutput
import QRScan

/// `tokenburner decode IMAGE... [--json] [--show-secret]`: the QR codes in each image,
/// classified and parsed, secrets hidden unless asked for. Every file is tried even when an
/// earlier one fails; the exit status is 65 when any file gave no code holding a key.
struct DecodeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "decode",
    abstract: "Decode the QR codes in images and classify their payloads.",
    discussion: """
      Reads PNG, JPEG and WebP files. Besides the image as it is, light-on-dark, tiny, low-contrast, \
      noisy and rotated codes are looked for, and every code in an image is listed. Exit \
      status 65 when any file is unreadable or holds no code with a usable key.
      """)

  @Argument(help: ArgumentHelp("Image files (PNG, JPEG or WebP).", valueName: "image"))
  var images: [String]

  @Flag(help: "Print one JSON object.")
  var json = false

  @Flag(help: "Show secrets (Base32) and whole payloads instead of hiding them.")
  var showSecret = false

  func run() throws {
    var report = DecodeReport()
    for path in images {
      do throws(OperatorError) {
        let image: ImageCodes
        do {
          image = try ImageCodes.scan(path)
        } catch {
          throw FailureMapping.operatorError(error)
        }
        let entries = image.codes.map {
          DecodedCode(file: path, code: $0, pass: image.result.pass.name, showSecret: showSecret)
        }
        report.codes += entries
        if !image.codes.contains(where: \.holdsSecret) {
          report.errors.append(.init(file: path, message: Self.noKey(image)))
        }
        if !json { printHuman(image, entries: entries) }
      } catch {
        report.errors.append(.init(file: path, message: error.message))
        if !json { Output.errorLine("tokenburner: \(error.message.terminalSafe)") }
      }
    }
    if json {
      try Output.json(report)
    } else if images.count > 1 {
      let failed = Set(report.errors.map(\.file)).count
      Output.line(
        "\(report.codes.count) QR \(report.codes.count == 1 ? "code" : "codes") in "
          + "\(images.count) files; \(failed) without a usable key.")
    }
    if !report.errors.isEmpty { throw ExitStatus.dataError.exitCode }
  }

  private static func noKey(_ image: ImageCodes) -> String {
    let count = image.codes.count
    return
      "\(image.path.terminalSafe): the \(count == 1 ? "QR code holds" : "\(count) QR codes hold") "
      + "no authenticator key."
  }

  private func printHuman(_ image: ImageCodes, entries: [DecodedCode]) {
    let result = image.result
    let count = entries.count
    let format = result.format?.rawValue ?? "image"
    Output.line(
      "\(image.path.terminalSafe): \(count) QR \(count == 1 ? "code" : "codes") in a \(result.width)×"
        + "\(result.height) \(format) (found \(result.pass.name))")
    for (index, (code, entry)) in zip(image.codes, entries).enumerated() {
      Output.line("  \(index + 1). \(entry.kind): " + explanation(code))
      for (label, value) in DecodedCode.humanLines(entry.parsed, showSecret: showSecret) {
        Output.line("     " + label.padding(toLength: 10, withPad: " ", startingAt: 0) + value)
      }
      Output.line("     Payload   \(entry.payload.terminalSafe)")
    }
    if !image.codes.contains(where: \.holdsSecret) {
      Output.errorLine("tokenburner: \(Self.noKey(image))")
    }
  }

  private func explanation(_ code: ImageCodes.Code) -> String {
    guard code.text != nil else {
      return "\(code.byteCount) bytes of binary data, not text."
    }
    return code.classified.explanation
  }
}
