import Molto2
import SmartCard
import Testing

@testable import tokenburner

/// Every family-B failure's exit status, as PRODUCT.md's contract numbers them (sysexits),
/// written out by hand; the protocol target names no exit status.
@Suite struct Molto2ExitStatusTests {
  static let written = Molto2State(confirmed: [.seedWritten(profile: 5)])
  static let table: [(Molto2Failure, Int32)] = [
    (.invalidInput(.profileOutOfRange(profile: 50, highest: 49)), 64),
    (.invalidInput(.titleTooLong(bytes: 13)), 65),
    (.invalidInput(.titleNotPrintableASCII), 65),
    (.invalidInput(.customerKeyLength(actual: 15)), 65),
    (.invalidInput(.emptySecret), 65),
    (.slotOccupied(profile: 1), 65),
    (.slotEmpty(profile: 1, state: .unchanged), 65),
    (.cardUnavailable(.noCard), 69),
    (.notAMolto2(status: StatusWord(0x6D, 0x00)), 69),
    (.unreadableInfo, 69),
    (.unreadablePublicData(profile: 3, .tooShort(length: 2)), 69),
    (.caseFourRefused(profile: 3), 69),
    (.unexpectedStatus(command: .writeTitle, status: StatusWord(0x6A, 0x80), state: written), 70),
    (.malformedResponse(command: .getChallenge, state: .unchanged), 70),
    (.hostClockOutOfRange(-1), 70),
    (.internalError("libcrypto", state: .unchanged), 70),
    (.noAnswer(.unresponsive("timeout")), 75),
    (.authenticationAnswerLost(state: .unchanged), 75),
    (.awaitingConfirmation(command: .writeConfig, state: written), 75),
    (.linkLost(during: .writeTitle, cause: .cardRemoved, state: written), 75),
    (.keyRefused(triesLeft: 4, state: .unchanged), 77),
  ]

  @Test func eachFailureHasItsContractStatus() {
    for (failure, expected) in Self.table {
      #expect(FailureMapping.operatorError(failure).status.rawValue == expected, "\(failure)")
    }
  }

  @Test("The sentence names the tries left and what the token holds")
  func sentences() {
    let refused = FailureMapping.operatorError(
      .keyRefused(triesLeft: 4, state: .unchanged)
    ).message
    #expect(refused.contains("4 tries left") && refused.contains("the token is unchanged"))
    let lost = FailureMapping.operatorError(
      .linkLost(
        during: .writeTitle, cause: .cardRemoved,
        state: Molto2State(
          confirmed: [.seedWritten(profile: 5)], inDoubt: .titleWritten(profile: 5)))
    ).message
    #expect(lost.contains("profile 5 holds the new seed"))
    #expect(lost.contains("not known whether profile 5 shows the new title"))
  }
}
