import Foundation
import PCSC
import PCSCTokenService
import Token2
import TokenService
import Wizard

/// Identify and burn on one reader, through the family-A `TokenService` over PC/SC (the one
/// the command line uses too).
enum TokenOperations {
  static func hostClock() -> Int64 { Int64(Date().timeIntervalSince1970) }

  static func identify(_ reader: String, context: PCSCContext) -> Result<
    TokenIdentity, Token2Failure
  > {
    let service = TokenService.token2(context: context, clock: hostClock)
    return Result { () throws(TokenServiceFailure<Token2Failure>) in
      try service.identify(.named(reader))
    }.mapError(\.wizardFailure)
  }

  /// Seconds a burn waits for a token that left the reader (as `burn --return-timeout`).
  static let returnTimeout: Duration = .seconds(10)

  /// Connects exclusively (nothing may interleave with the authenticated session), reads the
  /// token and refuses to write when another token than the identified one lies on the
  /// reader, then burns with progress reports.
  static func burn(
    _ order: BurnOrder, context: PCSCContext, onWaiting: @escaping () -> Void,
    progress: (BurnStage) -> Void
  ) -> Result<BurnReport, Token2Failure> {
    let service = TokenService.token2(
      context: context, clock: hostClock, returnTimeout: returnTimeout, onWaiting: onWaiting)
    return Result { () throws(TokenServiceFailure<Token2Failure>) in
      try service.burn(
        order.request, on: .named(order.reader), expectedSerial: order.expectedSerial,
        progress: progress)
    }.mapError(\.wizardFailure)
  }
}

extension TokenServiceFailure<Token2Failure> {
  /// The wizard reports a reader or card that could not be opened as the token being
  /// unavailable.
  fileprivate var wizardFailure: Token2Failure {
    switch self {
    case .connect(let failure): .cardUnavailable(failure.failure)
    case .token(let failure): failure
    }
  }
}
