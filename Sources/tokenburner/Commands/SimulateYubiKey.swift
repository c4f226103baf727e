import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import Simulator
import TokenCrypto
import YubiKeyOATH

/// The options of `simulate --model yubikey`.
struct SimulatedYubiKeyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Set this access code (the file's first line) on the simulated OATH applet.",
      valueName: "path"))
  var passwordFile: String?

  @Option(help: "Credentials the applet holds (default: 64 from firmware 5.7, 32 before).")
  var capacity: Int?

  @Option(help: ArgumentHelp("Firmware version SELECT reports.", valueName: "X.Y.Z"))
  var firmware: String = "5.7.1"

  @Option(help: ArgumentHelp("A touch comes this long after the key asks for it.", valueName: "ms"))
  var touchDelayMs: Int = 0

  @Flag(help: "A touch comes only on SIGUSR2 (15 s, then the key answers 69 82).")
  var touchOnSignal = false

  @Flag(
    name: .customLong("full-answers-6f00"),
    help: "Answer a PUT into a full applet with 6F 00 (some older keys) instead of 6A 84.")
  var fullAnswers6F00 = false

  func validate() throws {
    guard OATHFirmwareVersion(text: firmware) != nil else {
      throw ValidationError("--firmware must be X.Y.Z, e.g. 5.7.1.")
    }
    if let capacity, capacity < 0 { throw ValidationError("--capacity cannot be negative.") }
    if touchDelayMs < 0 { throw ValidationError("--touch-delay-ms cannot be negative.") }
  }
}

extension SimulateCommand {
  /// Whether `--model` names the YubiKey rather than a Token2 model.
  var isYubiKey: Bool { model.lowercased() == "yubikey" }

  /// Runs a simulated YubiKey OATH applet behind vpcd until interrupted.
  func runYubiKey() throws {
    guard let firmware = OATHFirmwareVersion(text: yubiKey.firmware) else { return }
    var password: [UInt8]?
    if let path = yubiKey.passwordFile {
      do {
        password = try PassphraseReader.file(path, option: "--password-file").revealedBytes()
      } catch {
        throw Output.fail(error, json: false)
      }
    }
    defer { if password != nil { SecureBytes.zero(&password!) } }
    let touch = TouchSimulation(delayMs: yubiKey.touchDelayMs, onSignal: yubiKey.touchOnSignal)
    let key = SimulatedYubiKey(
      configuration: .init(
        firmware: firmware, capacity: yubiKey.capacity, password: password,
        fullStatus: yubiKey.fullAnswers6F00 ? 0x6F00 : 0x6A84),
      touch: touch.awaitTouch)
    let applet = SerializedApplet(key)
    let client = VPCDClient(
      applet: applet, configuration: VPCDConfiguration(port: port, giveUpAfter: nil, fault: nil))
    client.start()
    let info = OATHAppletInfo(version: firmware, salt: key.appletSalt, challenge: nil)
    Output.line(
      "Simulated YubiKey \(firmware) (OATH, device id \(info.deviceID), "
        + "\(key.configuration.capacity) credentials) on vpcd port \(port) (Ctrl-C stops it)")
    while true {
      if let statusFile {
        YubiKeySimulatorStatus(applet: applet, client: client).write(to: statusFile)
      }
      Thread.sleep(forTimeInterval: 0.25)
    }
  }
}

/// How the simulated key is touched: after a delay, or when SIGUSR2 arrives.
final class TouchSimulation: Sendable {
  private let delayMs: Int
  private let signal: SignalFlag?

  init(delayMs: Int, onSignal: Bool) {
    self.delayMs = delayMs
    signal = onSignal ? SignalFlag(SIGUSR2) : nil
    // Without --touch-on-signal a stray SIGUSR2 must not end the simulator.
    if !onSignal { Glibc.signal(SIGUSR2, SIG_IGN) }
  }

  /// Waits as the key would for a finger; whether one came.
  func awaitTouch() -> Bool {
    if let signal {
      _ = signal.take()
      signal.wait(upTo: 15)
      return signal.take()
    }
    if delayMs > 0 { Thread.sleep(forTimeInterval: Double(delayMs) / 1000) }
    return true
  }
}

/// What `simulate --model yubikey --status-file` writes: tallies, never a key or a password.
struct YubiKeySimulatorStatus: Encodable {
  var model = "yubikey"
  var deviceID: String
  var credentials: Int
  var capacity: Int
  var hasPassword: Bool
  var commands: Int
  var validateCommands: Int
  var failedValidations: Int
  var touchRequests: Int
  var touchesReceived: Int
  var puts: Int
  var inField: Bool
  var hostTimeMs: Int64

  init(applet: SerializedApplet<SimulatedYubiKey>, client: VPCDClient) {
    let (salt, count, counters, config, hasPassword) = applet.with {
      ($0.appletSalt, $0.credentialCount, $0.counters, $0.configuration, $0.hasAccessCode)
    }
    deviceID =
      OATHAppletInfo(version: config.firmware, salt: salt, challenge: nil).deviceID
    credentials = count
    capacity = config.capacity
    self.hasPassword = hasPassword
    commands = counters.commands
    validateCommands = counters.validateCommands
    failedValidations = counters.failedValidations
    touchRequests = counters.touchRequests
    touchesReceived = counters.touchesReceived
    puts = counters.puts
    inField = client.state == .connected
    hostTimeMs = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }

  func write(to path: String) {
    guard let data = try? JSONEncoder.snakeCase.encode(self) else { return }
    let temporary = path + ".tmp"
    if FileManager.default.createFile(atPath: temporary, contents: data) {
      _ = rename(temporary, path)
    }
  }
}
