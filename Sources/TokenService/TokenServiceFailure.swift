/// Why a `TokenService` call did not succeed: either no session was opened (no token was
/// reached, so none changed), or the family's protocol failed and says what the token holds.
public enum TokenServiceFailure<Failure: TokenFailure>: Error {
  /// The reader or the card could not be opened.
  case connect(ConnectFailure)
  /// The family's protocol failed on the token.
  case token(Failure)
}
