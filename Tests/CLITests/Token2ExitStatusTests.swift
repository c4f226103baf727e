import SmartCard
import Testing
import Token2

@testable import tokenburner

/// Every protocol failure's exit status, as PRODUCT.md's command-line contract numbers them
/// (sysexits). The table is written out by hand; the protocol target names no exit status.
@Suite struct Token2ExitStatusTests {
  static let table: [(Token2Failure, Int32)] = [
    (.invalidSecret(.empty), 65),
    (.invalidSecret(.tooLong(length: 64)), 65),
    (.cardUnavailable(.noCard), 69),
    (.notAToken(status: StatusWord(0x6D, 0x00)), 69),
    (.securityKeyTapped(.fido), 69),
    (.unreadableInfo(.emptySerial), 69),
    (.unknownModel(serial: "1234567000042"), 69),
    (.hostClockOutOfRange(-1), 70),
    (
      .unexpectedStatus(command: .writeSeed, status: StatusWord(0x6A, 0x80), state: .seedErased), 70
    ),
    (.malformedResponse(command: .getChallenge, state: .unchanged), 70),
    (.internalError("libcrypto", state: .unchanged), 70),
    (.noAnswer(.unresponsive("timeout")), 75),
    (.linkLost(during: .writeConfig, cause: .cardRemoved, state: .unchanged), 75),
    (.differentToken(expected: "8659622000001", found: "8659622000002", state: .unchanged), 75),
    (.authenticationAnswerLost(state: .unchanged), 75),
    (.tokenRefusedKey(state: .unchanged), 77),
  ]

  @Test func eachFailureHasItsContractStatus() {
    for (failure, expected) in Self.table {
      #expect(FailureMapping.status(for: failure).rawValue == expected, "\(failure)")
      #expect(FailureMapping.operatorError(failure).status.rawValue == expected, "\(failure)")
    }
  }
}
