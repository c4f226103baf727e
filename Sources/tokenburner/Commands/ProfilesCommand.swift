import ArgumentParser
import Foundation
import Molto2
import OperatorOutput
import PCSC

/// `tokenburner profiles [--reader R] [--json]`: every slot of a Molto2 or Molto2v2 (number,
/// title, occupied, settings when readable), read without the customer key.
struct ProfilesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "profiles",
    abstract: "List the profiles of a Token2 Molto2 (no customer key needed).",
    discussion: """
      Without --reader the reader whose name contains "Molto2" is used (not "TOKEN2": \
      Token2's FIDO keys expose readers by that name too). Titles are stored in the clear: \
      anyone holding the token can read them.
      """)

  @Option(help: "Reader name, or a case-insensitive part of it (default: Molto2).")
  var reader: String?
  @Flag(help: "Print one JSON object.") var json = false

  /// The part of a reader name that identifies a Molto2 (protocol note §5.1).
  static let readerMatch = "Molto2"

  func run() throws {
    do {
      let context = try openContext()
      defer { context.release() }
      let card = try connect(
        context, reader: try chooseReader(context, named: reader ?? Self.readerMatch))
      defer { card.disconnect(.leave) }
      let token = Molto2Card(transport: card, clock: { Int64(Date().timeIntervalSince1970) })
      let listing: Molto2Listing
      do {
        listing = try token.listProfiles()
      } catch {
        throw FailureMapping.operatorError(error)
      }
      let report = ProfilesReport(listing)
      if json { try Output.json(report) } else { report.printHuman() }
    } catch let error as OperatorError {
      throw Output.fail(error, json: json)
    }
  }
}

/// `profiles --json`.
struct ProfilesReport: Encodable {
  struct Slot: Encodable {
    var number: Int
    var title: String
    var occupied: Bool
    var settings: Molto2Settings?
  }

  var family = "molto2"
  var model: String
  var serial: String
  var slotCount: Int
  var tokenTime: Int64
  var hostTime: Int64
  var clockDriftSeconds: Int64
  var slots: [Slot]
  var warnings = ["profile titles are readable by anyone holding the token"]

  init(_ listing: Molto2Listing) {
    let identity = listing.identity
    model = identity.model.displayName
    serial = identity.serial
    slotCount = identity.model.slotCount
    tokenTime = Int64(identity.info.tokenTime)
    hostTime = identity.hostTime
    clockDriftSeconds = identity.clockDrift
    slots = listing.slots.map {
      Slot(number: $0.number, title: $0.title, occupied: $0.isOccupied, settings: $0.settings)
    }
  }

  func printHuman() {
    Output.line("\(model) \(serial.terminalSafe), \(slotCount) profiles")
    for slot in slots {
      let number = String(slot.number).leftPadded(to: 3)
      let title = slot.title.terminalSafe.rightPadded(to: 14)
      let settings = slot.settings.map {
        "\($0.algorithm.rawValue) \($0.digits.rawValue) digits \($0.period.rawValue) s"
      }
      Output.line("\(number)  \(slot.occupied ? "used" : "free")  \(title)\(settings ?? "")")
    }
    for warning in warnings { Output.line("Warning: \(warning)") }
  }
}

extension String {
  fileprivate func rightPadded(to width: Int) -> String {
    self + String(repeating: " ", count: max(0, width - count))
  }
}
