import SmartCard

/// Connect, identify, burn and read back, the same way for every caller (the command line and
/// the wizard) and every token family: the service opens the session the operation needs
/// (`CardAccess`), hands its port to the family's driver, and closes it.
///
/// The service owns the rules common to families: a burn that was told which token the
/// operator identified refuses, before anything is written, to write another one; read-only
/// operations never ask for exclusive access.
public struct TokenService<Family: TokenFamilyDriver> {
  /// Opens the card sessions.
  public let connector: any CardConnector
  /// The protocol of the tokens served.
  public let family: Family

  /// A service for `family`'s tokens on the readers `connector` opens.
  public init(connector: any CardConnector, family: Family) {
    self.connector = connector
    self.family = family
  }

  /// The failure type of every call.
  public typealias Failure = TokenServiceFailure<Family.Failure>

  /// Reads the token on `reader` (shared access; nothing is written).
  public func identify(_ reader: ReaderRequest) throws(Failure) -> Family.Description {
    try withSession(reader, .read) { transport throws(Family.Failure) in
      try family.identify(over: transport)
    }
  }

  /// Burns `plan` into the token on `reader` (exclusive access).
  ///
  /// - Parameter expectedSerial: the token the operator identified, when there was a separate
  ///   identify step (the wizard): the token is read first in the same session and another
  ///   serial is refused before anything is written. `nil` burns whatever token lies there
  ///   (the command line, which identifies in the burn itself).
  public func burn(
    _ plan: Family.Plan, on reader: ReaderRequest, expectedSerial: String? = nil,
    progress: (Family.Stage) -> Void = { _ in }
  ) throws(Failure) -> Family.Report {
    try withSession(reader, .write) { transport throws(Family.Failure) in
      if let expectedSerial { _ = try sameToken(expectedSerial, over: transport) }
      return try family.burn(plan, over: transport, progress: progress)
    }
  }

  /// Reads the token on `reader` again and checks it is the one with `expectedSerial`, e.g.
  /// after a burn or before a follow-up step (shared access; nothing is written).
  public func readBack(_ reader: ReaderRequest, expectedSerial: String) throws(Failure)
    -> Family.Description
  {
    try withSession(reader, .read) { transport throws(Family.Failure) in
      try sameToken(expectedSerial, over: transport)
    }
  }

  private func sameToken(_ expectedSerial: String, over transport: any CardTransport)
    throws(Family.Failure) -> Family.Description
  {
    let found = try family.identify(over: transport)
    guard found.serial == expectedSerial else {
      throw .differentToken(expected: expectedSerial, found: found.serial)
    }
    return found
  }

  private func withSession<T>(
    _ reader: ReaderRequest, _ access: CardAccess,
    _ body: (any CardTransport) throws(Family.Failure) -> T
  ) throws(Failure) -> T {
    let session: any CardSession
    do {
      session = try connector.connect(reader, for: access)
    } catch {
      throw .connect(error)
    }
    defer { session.close() }
    do {
      return try body(session.transport)
    } catch {
      throw .token(error)
    }
  }
}
