import PCSC
import SmartCard
import TokenService

/// `TokenService`'s card sessions over PC/SC, on a context owned by the caller's thread.
///
/// Read sessions are shared `PCSCCard`s; write sessions are exclusive and go through
/// `ReturningCardTransport`, so a burn's one reconnect waits up to `returnTimeout` for a token
/// that slid off the reader (calling `onWaiting` first, to tell the operator).
public struct PCSCConnector: CardConnector {
  private let context: PCSCContext
  private let returnTimeout: Duration
  private let onWaiting: () -> Void

  /// - Parameters:
  ///   - context: an established context, used on the caller's thread only.
  ///   - returnTimeout: the longest wait of a write session's reconnect.
  ///   - onWaiting: called when a write session's reconnect starts waiting for the token.
  public init(
    context: PCSCContext, returnTimeout: Duration, onWaiting: @escaping () -> Void = {}
  ) {
    self.context = context
    self.returnTimeout = returnTimeout
    self.onWaiting = onWaiting
  }

  public func connect(_ reader: ReaderRequest, for access: CardAccess) throws(ConnectFailure)
    -> any CardSession
  {
    let name = try readerName(reader)
    let card: PCSCCard
    do {
      card = try PCSCCard(
        context: context, reader: name, share: access == .write ? .exclusive : .shared)
    } catch {
      throw ConnectFailure(error.cardFailure, sentence: error.operatorMessage)
    }
    switch access {
    case .read: return PCSCSession(card: card, transport: card)
    case .write:
      let transport = ReturningCardTransport(
        card: card, context: context, returnTimeout: returnTimeout, onWaiting: onWaiting)
      return PCSCSession(card: card, transport: transport)
    }
  }

  private func readerName(_ reader: ReaderRequest) throws(ConnectFailure) -> String {
    switch reader {
    case .named(let name): return name
    case .choose(let requested):
      let readers: [ReaderState]
      do {
        readers = try context.readerStates()
      } catch {
        throw ConnectFailure(error.cardFailure, sentence: error.operatorMessage)
      }
      do {
        return try ReaderSelection.choose(from: readers, named: requested).name
      } catch {
        throw ConnectFailure(error.cardFailure, sentence: error.operatorMessage)
      }
    }
  }
}

/// A PC/SC card session: closing it disconnects and leaves the card as it is.
final class PCSCSession: CardSession {
  let card: PCSCCard
  let transport: any CardTransport

  init(card: PCSCCard, transport: any CardTransport) {
    self.card = card
    self.transport = transport
  }

  func close() { card.disconnect(.leave) }
}
