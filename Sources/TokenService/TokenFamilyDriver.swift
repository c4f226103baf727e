import SmartCard

/// One token family's protocol over a card port: what `TokenService` runs once it holds a
/// card session. Pure: the time, if the family needs it, comes in through the driver's own
/// initialiser; the card only through `transport`.
///
/// A driver never connects, chooses a reader or closes a session; the service does, once, for
/// every family.
public protocol TokenFamilyDriver {
  /// What identify reads (family-tagged).
  associatedtype Description: TokenDescribing
  /// What a burn writes and where: the seed and its settings, and the family-specific
  /// placement (a slot and title for Molto2, a credential name and touch for OATH).
  associatedtype Plan
  /// What a confirmed burn reports.
  associatedtype Report
  /// A step of the burn, reported as it starts.
  associatedtype Stage
  /// Why identify or burn failed, with the token's state.
  associatedtype Failure: TokenFailure

  /// The family this driver speaks.
  var family: TokenFamily { get }

  /// Reads the token without authenticating or writing.
  func identify(over transport: any CardTransport) throws(Failure) -> Description

  /// Writes `plan` into the token, calling `progress` as each stage starts.
  func burn(_ plan: Plan, over transport: any CardTransport, progress: (Stage) -> Void)
    throws(Failure) -> Report
}
