import PCSC
import Token2
import TokenService

extension TokenService where Family == Token2Family {
  /// The family-A service over PC/SC: what `burn`, `info`, `doctor` and the wizard use.
  ///
  /// - Parameters:
  ///   - context: an established context, used on the caller's thread only.
  ///   - clock: the host's Unix time in seconds.
  ///   - returnTimeout: how long a burn's reconnect waits for a token that left the reader.
  ///   - onWaiting: called when that wait starts.
  public static func token2(
    context: PCSCContext, clock: @escaping () -> Int64, returnTimeout: Duration = .seconds(10),
    onWaiting: @escaping () -> Void = {}
  ) -> TokenService<Token2Family> {
    TokenService(
      connector: PCSCConnector(
        context: context, returnTimeout: returnTimeout, onWaiting: onWaiting),
      family: Token2Family(clock: clock))
  }
}
