import ArgumentParser
import BurnPreparation
import Foundation
import OTP
import SeedFiles
import Testing

@testable import tokenburner

/// The command line's edges that keep secrets in: what `lp` inherits, when a generated or
/// registered key may be shown, and an export the import could not read back.
@Suite struct OutputHardeningTests {
  @Test("lp gets only the CUPS, locale and HOME variables: no secret variable, no PATH")
  func lpEnvironment() {
    let environment = [
      "TB_SEED": "JBSWY3DPEHPK3PXP", "TOKENBURNER_VAULT_PASSPHRASE": "hunter2",
      "PATH": "/tmp/evil:/usr/bin",
      "LD_PRELOAD": "/tmp/evil.so", "CUPS_SERVER": "/run/cups.sock", "CUPS_ENCRYPTION": "Required",
      "LANG": "de_CH.UTF-8", "HOME": "/home/op", "PRINTER": "office",
    ]
    #expect(
      SheetOutput.lpEnvironment(from: environment) == [
        "CUPS_SERVER": "/run/cups.sock", "CUPS_ENCRYPTION": "Required", "LANG": "de_CH.UTF-8",
        "HOME": "/home/op",
        "PRINTER": "office",
      ])
    #expect(SheetOutput.lpPath == "/usr/bin/lp")
  }

  @Test("A key is shown on a terminal; elsewhere only with --show-secret, else 64")
  func keyDisplayMode() throws {
    #expect(try KeyDisplay.mode(showSecret: false, outputIsTerminal: true) == .alternateScreen)
    #expect(try KeyDisplay.mode(showSecret: true, outputIsTerminal: false) == .plain)
    #expect(try KeyDisplay.mode(showSecret: true, outputIsTerminal: true) == .plain)
    #expect {
      _ = try KeyDisplay.mode(showSecret: false, outputIsTerminal: false)
    } throws: { error in
      (error as? KeyDisplay.NoTerminal)?.description.contains("--show-secret") == true
    }
    #expect {
      try FailureMapping.showing { () throws(KeyDisplay.NoTerminal) in
        try KeyDisplay.mode(showSecret: false, outputIsTerminal: false)
      }
    } throws: { error in
      (error as? OperatorError)?.status == .usage
        && (error as? OperatorError)?.message.contains("--show-secret") == true
    }
  }

  @Test("An export over the import's 8 MiB limit is refused with 65 and creates no file")
  func oversizeExportWritesNothing() throws {
    let directory = NSTemporaryDirectory() + "tokenburner-export-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let path = directory + "/big.pskc"
    let options = try ExportOptions.parse(["--output", path, "--export-passphrase-env", "UNUSED"])
    let user = String(repeating: "u", count: 1 << 20)
    let items = (0..<9).map { index in
      PSKCWriter.Item(
        entry: SeedFileEntry(
          serial: "SN-\(index)", secret: Secret(Array(repeating: 9, count: 20)), type: "totp",
          algorithm: "sha1",
          digits: 6, period: 30, manufacturer: nil),
        keyId: "K\(index)", user: user)
    }
    #expect {
      try options.write(items, passphrase: Secret(Array("export pw".utf8)))
    } throws: { error in
      (error as? OperatorError)?.status == .dataError
    }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
