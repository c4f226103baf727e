import Foundation
import Molto2
import OperatorOutput
import SecretSources
import Simulator
import TokenCrypto

/// `simulate --model molto2|molto2v2`: a `SimulatedMolto2` behind vpcd. SIGUSR2 presses ▲
/// (confirming a pending factory reset); `--status-file` gets the slots and their codes, never
/// a seed or the key.
struct Molto2Simulation {
  var model: Molto2Model
  var serial: String?
  var port: UInt16
  var clockOffset: Int64
  var blank: Bool
  var keyFile: String?
  var tries: Int?
  var statusFile: String?

  func run() throws(OperatorError) -> Never {
    let key = try Self.loadKey(keyFile)
    let token = SimulatedMolto2(
      configuration: SimulatedMolto2Configuration(
        model: model, serial: serial, customerKey: key, clockOffset: clockOffset,
        factorySeed: blank ? nil : SimulatedMolto2Configuration.defaultFactorySeed,
        tries: tries ?? SimulatedMolto2Configuration.defaultTries),
      clock: { Int64(Date().timeIntervalSince1970) }, random: SystemRandom())
    let applet = SerializedApplet(token)
    let client = VPCDClient(
      applet: applet, configuration: VPCDConfiguration(port: port, giveUpAfter: nil, fault: nil))
    client.start()
    Output.line(
      "Simulated \(model.displayName) \(token.configuration.serial) with \(model.slotCount) "
        + "profiles on vpcd port \(port) (demo token; SIGUSR2 presses ▲; Ctrl-C stops it)")
    let pressUp = SignalFlag(SIGUSR2)
    while true {
      if pressUp.take() { applet.with { $0.pressConfirm() } }
      if let statusFile {
        Molto2SimulatorStatus(applet: applet, client: client).write(to: statusFile)
      }
      pressUp.wait(upTo: 0.25)
    }
  }

  /// The factory key without a path, else the file's 16 raw bytes.
  static func loadKey(_ path: String?) throws(OperatorError) -> Molto2CustomerKey {
    guard let path else { return .factoryDefault }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OperatorError("cannot open the customer key file \(path)", status: .dataError)
    }
    defer { close(descriptor) }
    var bytes = try FailureMapping.reading { () throws(SourceFailure) in
      try StandardInput.readAll(fileDescriptor: descriptor, what: "customer key file \(path)")
    }
    defer { SecureBytes.zero(&bytes) }
    do {
      return try Molto2CustomerKey(bytes: bytes)
    } catch {
      throw OperatorError("the customer key file \(path): \(error)", status: .dataError)
    }
  }
}

/// What a simulated Molto2 writes to `--status-file`: occupied slots with title, settings and
/// the code on the display, the tries counter and the tallies; never a seed or key.
struct Molto2SimulatorStatus: Encodable {
  struct Slot: Encodable {
    var number: Int
    var title: String
    var code: String?
    var algorithm: String
    var digits: Int
    var period: Int
  }

  var family = "molto2"
  var serial: String
  var model: String
  var slotCount: Int
  var tokenTime: Int64
  var triesLeft: Int
  var locked: Bool
  var awaitingConfirmation: Bool
  var authenticateCommands: Int
  var failedAuthentications: Int
  var seedWrites: Int
  var commands: Int
  var slots: [Slot]
  var inField: Bool
  var hostTimeMs: Int64

  init(applet: SerializedApplet<SimulatedMolto2>, client: VPCDClient) {
    (serial, model, slotCount, tokenTime, triesLeft, locked, awaitingConfirmation) = applet.with {
      (
        $0.configuration.serial, $0.configuration.model.displayName,
        $0.configuration.model.slotCount, $0.tokenTime, $0.triesLeft, $0.isLocked,
        $0.pending != nil
      )
    }
    let counters = applet.with { $0.counters }
    authenticateCommands = counters.authenticateCommands
    failedAuthentications = counters.failedAuthentications
    seedWrites = counters.seedWrites
    commands = counters.commands
    slots = applet.with { token in
      token.configuration.model.profiles.filter(token.isOccupied).map { profile in
        let settings = token.settings(profile)
        return Slot(
          number: profile, title: token.title(profile), code: token.code(profile),
          algorithm: settings.algorithm.rawValue, digits: settings.digits.rawValue,
          period: settings.period.rawValue)
      }
    }
    inField = client.state == .connected
    hostTimeMs = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// Replaces `path` atomically, so readers never see half a file.
  func write(to path: String) {
    guard let data = try? JSONEncoder.snakeCase.encode(self) else { return }
    let temporary = path + ".tmp"
    if FileManager.default.createFile(atPath: temporary, contents: data) {
      _ = rename(temporary, path)
    }
  }
}
