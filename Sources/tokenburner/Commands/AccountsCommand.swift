import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import PCSC
import TokenCrypto
import YubiKeyOATH

/// `tokenburner accounts [--reader R] [--json] [--password-file F]`: the OATH credentials on a
/// YubiKey (name, type, hash, period, touch), never a code. A password protected applet is
/// opened with one VALIDATE; the password comes from the file or the terminal, never argv.
struct AccountsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "accounts", abstract: "List the OATH credentials on a YubiKey (no codes).")

  @Option(help: "Reader name, or a case-insensitive part of it.") var reader: String?
  @Flag(help: "Print one JSON object.") var json = false
  @Option(
    help: ArgumentHelp(
      "Read the OATH password from this file's first line (else it is asked for on the terminal).",
      valueName: "path"))
  var passwordFile: String?

  func run() throws {
    do {
      let context = try openContext()
      defer { context.release() }
      let card = try connect(context, reader: try chooseReader(context, named: reader))
      defer { card.disconnect(.leave) }
      let oath = YubiKeyOATHCard(transport: card)
      do {
        let selected = try oath.select()
        var password = selected.hasAccessCode ? try readPassword() : nil
        defer { if password != nil { SecureBytes.zero(&password!) } }
        let info = try oath.open(password: password)
        let listed = try oath.list()
        let touchNames = Set(
          try oath.calculateAll(at: Int64(Date().timeIntervalSince1970))
            .filter { $0.value == .touchRequired }.map(\.id))
        let report = AccountsReport(info: info, listed: listed, touch: touchNames)
        if json { try Output.json(report) } else { report.printHuman() }
      } catch let failure as YubiKeyOATHFailure {
        throw FailureMapping.operatorError(failure)
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }

  private func readPassword() throws(OperatorError) -> [UInt8] {
    if let passwordFile {
      return try PassphraseReader.file(passwordFile, option: "--password-file").revealedBytes()
    }
    guard isatty(STDIN_FILENO) == 1 else {
      throw OperatorError(
        "the YubiKey's OATH applet has a password: give it with --password-file or run on a "
          + "terminal", status: .permissionDenied)
    }
    return try PassphraseReader.prompt("YubiKey OATH password: ").revealedBytes()
  }
}

/// `accounts --json`: the key and its credentials, no codes and no key material.
struct AccountsReport: Encodable {
  struct Account: Encodable {
    var name: String
    var issuer: String?
    var account: String
    var type: String
    var algorithm: String
    var period: Int?
    var touch: Bool
  }

  var family = "yubikey-oath"
  var firmware: String
  var deviceID: String
  var passwordSet: Bool
  var capacityUsed: Int
  var capacityTotal: Int
  var accounts: [Account]

  init(info: OATHAppletInfo, listed: [OATHListedCredential], touch: Set<OATHCredentialID>) {
    firmware = info.version.description
    deviceID = info.deviceID
    passwordSet = info.hasAccessCode
    capacityUsed = listed.count
    capacityTotal = info.capacity
    accounts = listed.map {
      Account(
        name: $0.id.description, issuer: $0.id.issuer, account: $0.id.account,
        type: $0.kind.type == .totp ? "totp" : "hotp", algorithm: $0.kind.algorithm.rawValue,
        period: $0.kind.type == .totp ? $0.id.period : nil, touch: touch.contains($0.id))
    }
  }

  func printHuman() {
    Output.line(
      "YubiKey OATH \(firmware), device id \(deviceID), \(capacityUsed)/\(capacityTotal) "
        + "credentials" + (passwordSet ? ", password set" : ""))
    for account in accounts {
      let period = account.period.map { ", \($0) s" } ?? ""
      Output.line(
        "\(account.name.terminalSafe)  \(account.type.uppercased()) \(account.algorithm)\(period)"
          + (account.touch ? ", touch" : ""))
    }
  }
}
