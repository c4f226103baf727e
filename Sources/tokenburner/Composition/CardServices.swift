import Foundation
import PCSC
import PCSCTokenService
import Token2
import TokenService

/// The command line's token service: family A over PC/SC with the host clock, timed for the
/// bench when `TransmitTiming` is on. `burn`, `info` and `doctor` get theirs here.
enum CardServices {
  static func token2(
    context: PCSCContext, returnTimeout: Duration = .seconds(10),
    onWaiting: @escaping () -> Void = {}
  ) -> TokenService<Token2Family> {
    let service = TokenService.token2(
      context: context, clock: { Int64(Date().timeIntervalSince1970) },
      returnTimeout: returnTimeout, onWaiting: onWaiting)
    return TokenService(
      connector: TransmitTiming(wrapping: service.connector).connector, family: service.family)
  }
}
