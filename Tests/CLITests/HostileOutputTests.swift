import BackupSheets
import Foundation
import ImagePayloads
import OTP
import OperatorOutput
import Registry
import Testing
import TokenCrypto

@testable import Token2
@testable import Wizard
@testable import tokenburner

/// Text from outside in the command line's human outputs: a registry row holding a hostile user,
/// service, serial and account is kept exactly (JSON and lookups need the real value) and shown
/// spelled out wherever it is printed again, sheet included.
@Suite struct HostileOutputTests {
  /// Clear screen, a window title, a C1 CSI, a line break that would fake a second line, and a
  /// right-to-left override.
  static let user = "ann\u{1B}[2J\u{1B}]0;pwned\u{07}\nCode accepted"
  static let service = "Acme\u{9B}31m\u{202E}moc"
  static let serial = "8659632\u{7F}000009"

  /// Every scalar a terminal acts on, except the line feeds a multi-line text is made of.
  static func unsafeScalars(_ text: String, allowingLineFeeds: Bool = false) -> [UInt32] {
    text.unicodeScalars.map(\.value).filter { value in
      if allowingLineFeeds && value == 0x0A { return false }
      return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
        || (0x2066...0x2069).contains(value) || [0x061C, 0x200E, 0x200F].contains(value)
    }
  }

  private func recorded() throws -> (RegistryDriver, Registry, Int64, String) {
    let directory = NSTemporaryDirectory() + "tokenburner-hostile-" + UUID().uuidString
    let driver = RegistryDriver(path: directory + "/registry.sqlite", operatorName: "op\u{1B}[5m")
    let identity = TokenIdentity(
      info: TokenInfo(serial: Self.serial, tokenTime: 1_000), hostTime: 1_000)
    let report = BurnReport(
      before: identity, after: identity, algorithm: .sha1, period: .seconds30,
      displayTimeout: .seconds30,
      writtenTime: 1_000, apduCount: 6, recoveries: [])
    let order = BurnRecordOrder(
      user: Self.user, service: Self.service, account: "a\u{2066}b\u{85}", report: report,
      secret: Secret(Array("12345678901234567890".utf8)))
    let id = try driver.record(order).get().id
    return (driver, try Registry(path: driver.path), id, directory)
  }

  @Test func registryRowsAreStoredExactlyAndPrintedSpelledOut() throws {
    let (_, registry, id, directory) = try recorded()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let enrollment = try registry.enrollment(id)
    #expect(enrollment.user == Self.user, "the registry keeps the raw value")
    #expect(enrollment.service == Self.service)
    let line = enrollment.summaryLine
    #expect(Self.unsafeScalars(line).isEmpty, "\(Self.unsafeScalars(line))")
    #expect(line.contains("ann\\x1b[2J\\x1b]0;pwned\\x07\\x0aCode accepted"))
    #expect(line.contains("Acme<U+009B>31m<U+202E>moc"))
    #expect(line.contains("token 8659632\\x7f000009"))
    #expect(line.contains("by op\\x1b[5m"))
    let history = try registry.history()
    #expect(!history.isEmpty)
    for entry in history {
      #expect(Self.unsafeScalars(entry.line).isEmpty, "\(entry.line)")
      #expect(entry.line.contains("ann\\x1b[2J"))
    }
  }

  @Test func theSheetSpellsOutTheUserServiceSerialAndOperator() throws {
    let (driver, _, id, directory) = try recorded()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let codes = try driver.issueCodes(enrollmentID: id, count: 10).get()
    let sheet = BackupSheet(
      user: Self.user, service: Self.service, serial: Self.serial, model: "C302-i",
      issuedAt: 1_111_111_109, codes: codes, enrollmentID: id)
    for text in [driver.sheetText(sheet), sheet.lines.joined(separator: "\n")] {
      #expect(Self.unsafeScalars(text, allowingLineFeeds: true).isEmpty)
      #expect(
        !text.contains("\nCode accepted"), "a line break in the user starts no line of its own")
      #expect(text.contains("ann\\x1b[2J\\x1b]0;pwned\\x07\\x0aCode accepted"))
      #expect(text.contains("Acme<U+009B>31m<U+202E>moc"))
      for code in codes { #expect(text.contains(code.text)) }
    }
    let printed = BackupCodeSheet(
      enrollment: try Registry(path: driver.path).enrollment(id), codes: codes,
      issuedAt: 1_111_111_109,
      operatorName: "op", serviceRecoveryKey: "R1-\u{1B}[8m"
    ).text
    #expect(printed.contains("R1-\\x1b[8m"))
    #expect(Self.unsafeScalars(printed, allowingLineFeeds: true).isEmpty)
  }

  @Test func decodeLinesSpellOutTheLabel() {
    let uri =
      "otpauth://totp/Ev%1B%5B2J:ann%E2%80%AE%0Aeve?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Ev%1B%5B2J"
    let parsed = DecodedCode.Parsed(InputClassifier.classify(uri), showSecret: false)
    #expect(parsed.account == "ann\u{202E}\neve", "JSON keeps the exact account")
    let lines = DecodedCode.humanLines(parsed, showSecret: false)
    let account = lines.first { $0.0 == "Account" }?.1
    #expect(account == "Ev\\x1b[2J: ann<U+202E>\\x0aeve")
    for (label, value) in lines { #expect(Self.unsafeScalars(label + value).isEmpty) }
  }

  @Test func theLastGuardKeepsLayoutAndSpellsOutTheRest() {
    #expect(Output.shown("a\nb\tc") == "a\nb\tc")
    #expect(Output.shown("x\u{1B}[2J\u{9B}\u{202E}\r") == "x\\x1b[2J<U+009B><U+202E>\\x0d")
  }
}
