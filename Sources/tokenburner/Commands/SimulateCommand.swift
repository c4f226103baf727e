import ArgumentParser
import Foundation
import Molto2
import OTP
import OperatorOutput
import Simulator
import Token2
import TokenCrypto

/// `tokenburner simulate`: a virtual Token2 token that plugs into pcscd through the vsmartcard
/// vpcd driver (the token is a TCP client of vpcd), for demos and tests.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Run a simulated Token2 token behind the vpcd driver.",
    discussion: """
      The token prints what its display would show whenever the code changes (and at once on \
      SIGUSR1). It validates every command like the firmware, keeps its own clock \
      (--clock-offset adds drift), and on restricted models erases its seed when the clock is \
      written. The fault options make it misbehave the way real tokens do, for tests.
      """)

  @Option(
    help:
      "Token model, e.g. C302-i (keeps its seed on a clock write), OTPC-P2-i, molto2, molto2v2 or yubikey."
  )
  var model: String = "C302-i"

  @Option(help: "Serial number (default: the model prefix followed by 000001).")
  var serial: String?

  @Option(help: "vpcd TCP port on 127.0.0.1.")
  var port: UInt16 = 35963

  @Option(help: "Seconds the token clock runs ahead (negative: behind).")
  var clockOffset: Int64 = 0

  @Flag(help: "Start without the factory seed (the display stays blank until a burn).")
  var blank = false

  @Option(
    help: ArgumentHelp(
      "The token's SM4 key: a file of 16 raw bytes (default: the public Token2 key).",
      valueName: "path"))
  var keyFile: String?

  @Option(help: "Lock for good after this many failed authentications in a row (older firmware).")
  var lockAfter: Int?

  @Flag(help: "End the authenticated session after each config write (some firmware may).")
  var dropsAuthAfterConfig = false

  @Option(help: ArgumentHelp("Leave the field instead of answering the Kth APDU.", valueName: "k"))
  var dropAfterApdu: Int?

  @Flag(help: "With --drop-after-apdu: execute that APDU before leaving (its answer is lost).")
  var dropExecutes = false

  @Option(help: ArgumentHelp("With --drop-after-apdu: come back after this long.", valueName: "ms"))
  var returnAfterMs = 200

  @Flag(
    help: "Answer every GET CHALLENGE with 01 02 03 ... (benchmarks replaying a recorded burn).")
  var fixedChallenge = false

  @Option(help: "Rewrite this JSON file with the display state four times a second (no secrets).")
  var statusFile: String?

  @OptionGroup(title: "YubiKey (--model yubikey)")
  var yubiKey: SimulatedYubiKeyOptions

  func validate() throws {
    if isYubiKey { return try yubiKey.validate() }
    guard Token2Model(displayName: model) != nil || Molto2Model(name: model) != nil else {
      let names = (Token2Model.allCases.map(\.displayName) + Molto2Model.allCases.map(\.rawValue))
        .joined(separator: ", ")
      throw ValidationError("Unknown model \(model); use one of \(names).")
    }
    if let serial, serial.isEmpty || !serial.allSatisfy(\.isNumber) {
      throw ValidationError("--serial must be digits.")
    }
    if let lockAfter, lockAfter < 1 { throw ValidationError("--lock-after must be at least 1.") }
    if let dropAfterApdu, dropAfterApdu < 1 {
      throw ValidationError("--drop-after-apdu counts from 1.")
    }
    if returnAfterMs < 0 { throw ValidationError("--return-after-ms cannot be negative.") }
  }

  func run() throws {
    if isYubiKey { return try runYubiKey() }
    if let molto2 = Molto2Model(name: model) {
      do {
        try Molto2Simulation(
          model: molto2, serial: serial, port: port, clockOffset: clockOffset, blank: blank,
          keyFile: keyFile, tries: lockAfter, statusFile: statusFile
        ).run()
      } catch {
        throw Output.fail(error, json: false)
      }
    }
    guard let tokenModel = Token2Model(displayName: model) else { return }
    let key: Token2Key
    do {
      key = try CustomerKeyFile.load(keyFile)
    } catch {
      throw Output.fail(error, json: false)
    }
    let defaults = SimulatedToken2Configuration()
    let token = SimulatedToken2(
      configuration: .init(
        model: tokenModel, serial: serial, clockOffset: clockOffset, key: key,
        factorySeed: blank ? nil : defaults.factorySeed, lockAfterFailedAuthentications: lockAfter,
        dropsAuthenticationAfterConfig: dropsAuthAfterConfig),
      clock: { Int64(Date().timeIntervalSince1970) },
      random: fixedChallenge ? FixedChallenge() : SystemRandom())
    let applet = SerializedApplet(token)
    let fault = dropAfterApdu.map {
      VPCDFault(
        dropAfterAPDU: $0, executeBeforeDrop: dropExecutes,
        returnAfter: .milliseconds(returnAfterMs))
    }
    let client = VPCDClient(
      applet: applet, configuration: VPCDConfiguration(port: port, giveUpAfter: nil, fault: fault))
    client.start()
    Output.line(
      "Simulated \(tokenModel.displayName) \(token.configuration.effectiveSerial) on vpcd port "
        + "\(port) (demo token; Ctrl-C stops it)")
    let showNow = SignalFlag(SIGUSR1)
    var lastLine = ""
    while true {
      let display = applet.with { $0.display() }
      let line =
        display.code.map { "code \($0)  \(display.secondsLeft) s left" } ?? "no seed (blank)"
      if line != lastLine || showNow.take() {
        Output.line(line)
        lastLine = line
      }
      if let statusFile {
        SimulatorStatus(applet: applet, client: client, display: display).write(to: statusFile)
      }
      showNow.wait(upTo: 0.25)
    }
  }
}
