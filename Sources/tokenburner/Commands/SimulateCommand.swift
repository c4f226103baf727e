import ArgumentParser
import Foundation
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
      The token shows what its display would show once a second. It validates every command \
      like the firmware, keeps its own clock (--clock-offset adds drift), and on restricted \
      models erases its seed when the clock is written.
      """)

  @Option(help: "Token model, e.g. C302-i (keeps its seed on a clock write) or OTPC-P2-i.")
  var model: String = "C302-i"

  @Option(help: "Serial number (default: the model prefix followed by 000001).")
  var serial: String?

  @Option(help: "vpcd TCP port on 127.0.0.1.")
  var port: UInt16 = 35963

  @Option(help: "Seconds the token clock runs ahead (negative: behind).")
  var clockOffset: Int64 = 0

  @Option(help: "Rewrite this JSON file with the display state every second (no secrets).")
  var statusFile: String?

  func validate() throws {
    guard Token2Model(displayName: model) != nil else {
      throw ValidationError("Unknown model \(model); use one of the Token2 family A models.")
    }
    if let serial, serial.isEmpty || !serial.allSatisfy(\.isNumber) {
      throw ValidationError("--serial must be digits.")
    }
  }

  func run() throws {
    guard let tokenModel = Token2Model(displayName: model) else { return }
    let token = SimulatedToken2(
      configuration: .init(model: tokenModel, serial: serial, clockOffset: clockOffset),
      clock: { Int64(Date().timeIntervalSince1970) }, random: SystemRandom())
    let applet = SerializedApplet(token)
    let client = VPCDClient(
      applet: applet, configuration: VPCDConfiguration(port: port, giveUpAfter: nil))
    client.start()
    Output.line(
      "Simulated \(tokenModel.displayName) \(token.configuration.effectiveSerial) on vpcd port "
        + "\(port) (demo token; Ctrl-C stops it)")
    var lastLine = ""
    while true {
      let display = applet.with { $0.display() }
      let line =
        display.code.map { "code \($0)  \(display.secondsLeft) s left" } ?? "no seed (blank)"
      if line != lastLine {
        Output.line(line)
        lastLine = line
      }
      if let statusFile { writeStatus(display, applet: applet, to: statusFile) }
      Thread.sleep(forTimeInterval: 1)
    }
  }

  private func writeStatus(_ display: TokenDisplay, applet: SerializedApplet<SimulatedToken2>, to path: String) {
    let counters = applet.with { $0.counters }
    let status = SimulatorStatus(
      code: display.code, secondsLeft: display.secondsLeft, tokenTime: display.tokenTime,
      algorithm: display.algorithm.rawValue, period: display.period.seconds,
      authenticateCommands: counters.authenticateCommands,
      locked: applet.with { $0.isLocked })
    guard let data = try? JSONEncoder.snakeCase.encode(status) else { return }
    let temporary = path + ".tmp"
    if FileManager.default.createFile(atPath: temporary, contents: data) {
      _ = rename(temporary, path)
    }
  }
}

/// What `simulate --status-file` writes: the display, never the seed.
struct SimulatorStatus: Encodable {
  var code: String?
  var secondsLeft: Int
  var tokenTime: Int64
  var algorithm: String
  var period: Int
  var authenticateCommands: Int
  var locked: Bool
}
