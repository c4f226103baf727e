import Testing
import Token2

@testable import tokenburner

/// The command line's edge: a lost AUTHENTICATE answer is a temporary failure (75) that still
/// warns, and carries the token's state for `--json`.
@Suite struct FailureMappingTests {
  @Test func lostAuthenticateAnswerIs75WithTheWarningAndTheState() {
    let state = TokenState.possibly([.unchanged, .seedErased])
    let error = FailureMapping.operatorError(.authenticationAnswerLost(state: state))
    #expect(error.status == .temporaryFailure)
    #expect(error.status.rawValue == 75)
    #expect(error.message.contains("the token may have refused the key; check it before retrying"))
    #expect(error.tokenState == state)
    #expect(error.tokenState?.possibilities.map(\.code) == ["unchanged", "seed_erased"])
  }

  @Test func aRefusedKeyStays77() {
    #expect(
      FailureMapping.operatorError(.tokenRefusedKey(state: .unchanged)).status == .permissionDenied)
  }
}
