import SmartCard

/// A family-A Token2 programmable token on a card transport: the two things the CLI and the
/// wizard do with it (protocol note §4). Pure: time comes from `clock`, the card from
/// `transport`; nothing else is touched.
public struct Token2Card {
  /// The link to the token (PC/SC, the in-memory simulator, or a decorator).
  public let transport: any CardTransport
  /// The host's Unix time in seconds (UTC), read for drift and for the clock written.
  public let clock: () -> Int64

  /// A token reached through `transport`; `clock` returns the host's Unix time in seconds.
  public init(transport: any CardTransport, clock: @escaping () -> Int64) {
    self.transport = transport
    self.clock = clock
  }

  /// Reads serial, model and clock drift with one GET INFO; never authenticates or writes.
  /// When GET INFO is refused, probes for a FIDO / OATH security key (§4.2).
  ///
  /// An unknown serial prefix is not an error here: see `TokenIdentity.warnings`.
  ///
  /// - Throws: `Token2Failure.noAnswer`, `.cardUnavailable`, `.notAToken`,
  ///   `.securityKeyTapped` or `.unreadableInfo`; the token is unchanged in every case.
  public func identify() throws(Token2Failure) -> TokenIdentity {
    try Token2Session(transport: transport).readIdentity(clock: clock)
  }

  /// Burns `request` into the token (protocol note §4.8): GET INFO, GET CHALLENGE,
  /// AUTHENTICATE, WRITE CONFIG, WRITE SEED, GET INFO, all in one card session, with the
  /// recovery rules of `BurnRun`.
  ///
  /// - Parameter progress: called as each stage starts, on the caller's thread.
  /// - Returns: the report of a burn whose seed write the token confirmed.
  /// - Throws: `Token2Failure`, whose `state` says exactly what the token may hold now.
  public func burn(_ request: BurnRequest, progress: (BurnStage) -> Void = { _ in })
    throws(Token2Failure) -> BurnReport
  {
    let result = withoutActuallyEscaping(progress) { progress in
      Result { () throws(Token2Failure) -> BurnReport in
        try BurnRun(request: request, transport: transport, clock: clock, progress: progress).run()
      }
    }
    return try result.get()
  }
}
