import Foundation
import PCSC
import SmartCard
import Token2
import Wizard

/// Identify and burn on one reader, over `PCSCCard` and `Token2Card`.
enum TokenOperations {
  static func hostClock() -> Int64 { Int64(Date().timeIntervalSince1970) }

  static func identify(_ reader: String, context: PCSCContext) -> Result<
    TokenIdentity, Token2Failure
  > {
    let card: PCSCCard
    do {
      card = try PCSCCard(context: context, reader: reader, share: .shared)
    } catch {
      return .failure(.cardUnavailable(error.cardFailure))
    }
    defer { card.disconnect(.leave) }
    return Result { () throws(Token2Failure) in
      try Token2Card(transport: card, clock: hostClock).identify()
    }
  }

  /// Connects exclusively (nothing may interleave with the authenticated session), reads the
  /// token and refuses to write when another token than the identified one lies on the
  /// reader, then burns with progress reports.
  /// Seconds a burn waits for a token that left the reader (as `burn --return-timeout`).
  static let returnTimeout: Duration = .seconds(10)

  static func burn(
    _ order: BurnOrder, context: PCSCContext, onWaiting: @escaping () -> Void,
    progress: (BurnStage) -> Void
  ) -> Result<BurnReport, Token2Failure> {
    let card: PCSCCard
    do {
      card = try PCSCCard(context: context, reader: order.reader, share: .exclusive)
    } catch {
      return .failure(.cardUnavailable(error.cardFailure))
    }
    defer { card.disconnect(.leave) }
    let transport = ReturningCardTransport(
      card: card, context: context, returnTimeout: returnTimeout, onWaiting: onWaiting)
    let token = Token2Card(transport: transport, clock: hostClock)
    return Result { () throws(Token2Failure) in
      let found = try token.identify()
      guard found.serial == order.expectedSerial else {
        throw .differentToken(
          expected: order.expectedSerial, found: found.serial, state: .unchanged)
      }
      return try token.burn(order.request, progress: progress)
    }
  }
}
