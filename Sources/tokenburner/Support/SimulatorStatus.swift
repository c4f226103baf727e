import Foundation
import OperatorOutput
import Simulator
import Token2

/// What `simulate --status-file` writes four times a second: the display and the token's tallies,
/// never the seed. Tests read it to compare the display with an independent TOTP oracle.
struct SimulatorStatus: Encodable {
  var serial: String
  var model: String
  /// The 6-digit code on the display; `nil` when the token holds no seed.
  var code: String?
  var hasSeed: Bool
  var secondsLeft: Int
  /// The token's clock, Unix seconds, at the moment `code` was computed.
  var tokenTime: Int64
  var algorithm: String
  var period: Int
  var locked: Bool
  var authenticateCommands: Int
  var failedAuthentications: Int
  var configWrites: Int
  var seedWrites: Int
  var seedErasures: Int
  /// APDUs the token processed.
  var commands: Int
  /// Times the card left the field on purpose (`--drop-after-apdu`).
  var drops: Int
  /// Times the token left and came back because pcscd had not taken it up after connecting.
  var rejoins: Int
  /// Whether the card is connected to vpcd (in the field) right now.
  var inField: Bool
  /// This computer's clock when the snapshot was taken, Unix milliseconds.
  var hostTimeMs: Int64

  init(applet: SerializedApplet<SimulatedToken2>, client: VPCDClient, display: TokenDisplay) {
    let (token, counters, locked) = applet.with { ($0.configuration, $0.counters, $0.isLocked) }
    serial = token.effectiveSerial
    model = token.model.displayName
    code = display.code
    hasSeed = display.hasSeed
    secondsLeft = display.secondsLeft
    tokenTime = display.tokenTime
    algorithm = display.algorithm.rawValue
    period = display.period.seconds
    self.locked = locked
    authenticateCommands = counters.authenticateCommands
    failedAuthentications = counters.failedAuthentications
    configWrites = counters.configWrites
    seedWrites = counters.seedWrites
    seedErasures = counters.seedErasures
    commands = counters.commands
    drops = client.drops
    rejoins = client.rejoins
    inField = client.state == .connected
    hostTimeMs = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// Replaces `path` atomically (write a sibling, then rename), so readers never see half a file.
  func write(to path: String) {
    guard let data = try? JSONEncoder.snakeCase.encode(self) else { return }
    let temporary = path + ".tmp"
    if FileManager.default.createFile(atPath: temporary, contents: data) {
      _ = rename(temporary, path)
    }
  }
}
