import ArgumentParser
import Foundation
import HexCoding
import Molto2
import OperatorOutput
import PCSC
import SmartCard
import Token2
import TokenService

/// `tokenburner readers [--json]`: PC/SC readers and whether a card is present.
struct ReadersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "readers", abstract: "List PC/SC readers and whether a card is present.")

  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let context = try openContext()
      defer { context.release() }
      let readers = try states(context)
      if json {
        try Output.json(ReadersReport(readers: readers.map(ReaderReport.init)))
      } else if readers.isEmpty {
        Output.line("No PC/SC reader is connected.")
      } else {
        for reader in readers {
          Output.line("\(reader.name.terminalSafe)    \(reader.card.operatorText)")
        }
      }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

/// `tokenburner info [--reader NAME] [--json]`: serial, model, restriction, clock and drift,
/// read without authenticating.
struct InfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info", abstract: "Read a token's serial, model, clock and drift.")

  @Option(help: "Reader name, or a case-insensitive part of it.") var reader: String?
  @Flag(help: "Print one JSON object.") var json = false

  func run() throws {
    do {
      let context = try openContext()
      defer { context.release() }
      // A Molto2 is read with its own family's commands (the token service knows family A).
      let chosen = try chooseReader(context, named: reader)
      if chosen.localizedCaseInsensitiveContains(ProfilesCommand.readerMatch) {
        let card = try connect(context, reader: chosen)
        defer { card.disconnect(.leave) }
        let clock = { Int64(Date().timeIntervalSince1970) }
        return try Molto2InfoReport.show(Molto2Card(transport: card, clock: clock), json: json)
      }
      let identity: TokenIdentity
      do {
        identity = try CardServices.token2(context: context).identify(.named(chosen))
      } catch {
        throw FailureMapping.operatorError(error)
      }
      let report = InfoReport(identity)
      if json { try Output.json(report) } else { report.printHuman() }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

/// Establishes a PC/SC context or explains why not (pcscd not running: 69).
func openContext() throws(OperatorError) -> PCSCContext {
  do {
    return try PCSCContext()
  } catch {
    throw FailureMapping.operatorError(error)
  }
}

/// The readers and their card states.
func states(_ context: PCSCContext) throws(OperatorError) -> [ReaderState] {
  do {
    return try context.readerStates()
  } catch {
    throw FailureMapping.operatorError(error)
  }
}

extension CardStatus {
  /// Short state for the reader list.
  var operatorText: String {
    switch self {
    case .absent: "no card"
    case .present: "card present"
    case .inUse: "card present (in use by another program)"
    case .exclusive: "card present (held exclusively by another program)"
    case .mute: "card present but not answering"
    case .unavailable: "reader unavailable"
    }
  }
}

/// `readers --json`.
struct ReadersReport: Encodable {
  var readers: [ReaderReport]
}

struct ReaderReport: Encodable {
  var name: String
  var cardPresent: Bool
  var state: String
  var atr: String?

  init(_ reader: ReaderState) {
    name = reader.name
    cardPresent = reader.card.holdsCard
    state = reader.card.operatorText
    atr = reader.atr.isEmpty ? nil : Hex.spaced(reader.atr)
  }
}

/// `info --json`.
struct InfoReport: Encodable {
  var serial: String
  var model: String?
  var restricted: Bool
  var tokenTime: Int64
  var hostTime: Int64
  var clockDriftSeconds: Int64
  var warnings: [String]

  init(_ identity: TokenIdentity) {
    serial = identity.serial
    model = identity.model?.displayName
    restricted = identity.isRestricted
    tokenTime = Int64(identity.info.tokenTime)
    hostTime = identity.hostTime
    clockDriftSeconds = identity.clockDrift
    warnings = identity.warnings.map(\.description)
  }

  func printHuman() {
    Output.line("Serial      \(serial.terminalSafe)")
    Output.line("Model       \(model ?? "unknown (not in the Token2 model table)")")
    Output.line(
      "Clock sync  "
        + (restricted ? "restricted: writing the clock erases the seed" : "keeps the seed"))
    let sign = clockDriftSeconds >= 0 ? "+" : ""
    Output.line("Drift       \(sign)\(clockDriftSeconds) s (token clock minus this computer's)")
    for warning in warnings { Output.line("Warning     \(warning)") }
  }
}

/// The reader `name` picks (`--reader` rules: a case-insensitive part of one name; none given
/// and one reader: that one).
func chooseReader(_ context: PCSCContext, named name: String?) throws(OperatorError) -> String {
  let readers = try states(context)
  do {
    return try ReaderSelection.choose(from: readers, named: name).name
  } catch {
    throw FailureMapping.operatorError(error)
  }
}

/// A shared (or `share`) connection to the card on the reader called `name` exactly.
func connect(
  _ context: PCSCContext, reader name: String, share: PCSCCard.ShareMode = .shared
) throws(OperatorError) -> PCSCCard {
  do {
    return try PCSCCard(context: context, reader: name, share: share)
  } catch {
    throw FailureMapping.operatorError(error)
  }
}
