/// The retry rule for a card's key proof (family A AUTHENTICATE, the Molto2 verify whose refusal
/// is `63 NN`, YubiKey VALIDATE), kept for one run: once an attempt was sent and the card did
/// not answer that it accepted the key, no further attempt is sent in that run.
///
/// An attempt whose answer was lost counts as a refusal. The card may have run the command and
/// refused the key; the host cannot tell that from a command that never arrived, and older
/// tokens lock for good after repeated refusals. So an attempt is "answer lost" from the moment
/// it is begun until the caller records the card's acceptance: a caller that forgets to record a
/// lost answer still leaves the gate closed.
///
/// It lives in `SmartCard`, the target every card family imports, and knows no family's bytes:
/// each family's burn holds one gate per run and asks it before every attempt, first or
/// re-authentication alike, instead of keeping flags of its own.
public struct AuthenticationGate: Equatable, Sendable {
  /// Why no further attempt may be sent.
  public enum Closure: Error, Equatable, Sendable {
    /// The card answered, and not with acceptance (a refusal or any other status word).
    case refused
    /// An attempt was sent and its answer never arrived: the card may have refused the key.
    case answerLost
  }

  private enum Phase: Equatable, Sendable {
    case untried, awaitingAnswer, accepted
    case closed(Closure)
  }

  private var phase = Phase.untried

  /// Attempts begun in this run.
  public private(set) var attempts = 0

  /// A gate for a run in which no attempt has been sent.
  public init() {}

  /// Why the gate is closed, or `nil` while another attempt may be sent. An attempt begun and
  /// not yet answered reads as `.answerLost`.
  public var closure: Closure? {
    switch phase {
    case .untried, .accepted: nil
    case .awaitingAnswer: .answerLost
    case .closed(let closure): closure
    }
  }

  /// Whether at least one attempt was sent in this run.
  public var hasSentAttempt: Bool { attempts > 0 }

  /// Call right before sending an attempt; from now until `accepted()` it counts as lost.
  ///
  /// - Throws: the `Closure` when an earlier attempt was refused or its answer lost; the
  ///   caller must then not send the command.
  public mutating func begin() throws(Closure) {
    if let closure { throw closure }
    attempts += 1
    phase = .awaitingAnswer
  }

  /// The card answered the attempt in flight with acceptance; a later attempt may follow (a
  /// fresh session after a reconnect, a session the card dropped).
  public mutating func accepted() {
    guard phase == .awaitingAnswer else { return }
    phase = .accepted
  }

  /// The card answered the attempt in flight with anything but acceptance.
  public mutating func refused() {
    guard phase == .awaitingAnswer else { return }
    phase = .closed(.refused)
  }

  /// The attempt in flight got no answer (the link broke). The same as not recording
  /// anything, said explicitly.
  public mutating func answerLost() {
    guard phase == .awaitingAnswer else { return }
    phase = .closed(.answerLost)
  }
}
