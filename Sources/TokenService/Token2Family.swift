import SmartCard
import Token2

/// Family A's driver: `Token2Card`'s identify and burn (protocol note §4) over the service's
/// session. The burn plan is a `BurnRequest`: a family-A token has one profile, so there is
/// no placement to choose.
public struct Token2Family: TokenFamilyDriver {
  /// The host's Unix time in seconds, read for the drift and for the clock written.
  public let clock: () -> Int64

  /// A driver reading the host's time from `clock`.
  public init(clock: @escaping () -> Int64) { self.clock = clock }

  public var family: TokenFamily { .token2FamilyA }

  public func identify(over transport: any CardTransport) throws(Token2Failure) -> TokenIdentity {
    try Token2Card(transport: transport, clock: clock).identify()
  }

  public func burn(
    _ plan: BurnRequest, over transport: any CardTransport, progress: (BurnStage) -> Void
  ) throws(Token2Failure) -> BurnReport {
    try Token2Card(transport: transport, clock: clock).burn(plan, progress: progress)
  }
}

extension TokenIdentity: TokenDescribing {
  public var family: TokenFamily { .token2FamilyA }
}

extension Token2Failure: TokenFailure {
  /// Found before anything was sent past GET INFO: the token is unchanged.
  public static func differentToken(expected: String, found: String) -> Token2Failure {
    .differentToken(expected: expected, found: found, state: .unchanged)
  }
}
