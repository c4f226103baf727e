import Foundation
import Runtime
import Simulator
import SmartCard
import TestSupport
import Token2
import TokenCrypto
import Wizard

/// The reader port over one simulated Token2 on one reader, in memory: identify and burn run
/// the real `Token2Card` protocol against `SimulatedToken2` through `AppletTransport`, and the
/// answers are posted as the PC/SC worker posts them.
final class InMemoryReaders: ReaderPort, @unchecked Sendable {
  static let readerName = "Virtual PCD 00 00"

  private let events: EventQueue
  private let lock = NSLock()
  /// The token on the reader.
  let token: SimulatedToken2
  private(set) var isStopped = false

  init(events: EventQueue, token: SimulatedToken2) {
    self.events = events
    self.token = token
  }

  /// A token on the host's clock, without drift.
  static func makeToken() -> SimulatedToken2 {
    let token = SimulatedToken2(clock: hostTime, random: SystemRandom())
    token.powerOn()
    return token
  }

  static func hostTime() -> Int64 { Int64(Date().timeIntervalSince1970) }

  /// The code the token shows now.
  var displayedCode: String? { lock.withLock { token.display().code } }

  func start() {
    events.post(.readersChanged([ReaderEntry(name: Self.readerName, hasCard: true)]))
  }

  func submit(_ request: ReaderRequest) {
    lock.withLock {
      let card = Token2Card(transport: AppletTransport(applet: token), clock: Self.hostTime)
      switch request {
      case .identify(let reader):
        events.post(
          .tokenIdentified(
            reader: reader,
            Result { () throws(Token2Failure) in
              try card.identify()
            }))
      case .burn(let order):
        let events = self.events
        let result = Result { () throws(Token2Failure) in
          _ = try card.identify()
          return try card.burn(order.request) { events.post(.burnStageStarted($0)) }
        }
        events.post(.burnFinished(result))
      }
    }
  }

  func stop() { lock.withLock { isStopped = true } }
}
