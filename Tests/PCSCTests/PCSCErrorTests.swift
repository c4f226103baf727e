import PCSC
import SmartCard
import Testing

@Suite struct PCSCErrorTests {
  static let named: [(UInt32, PCSCError)] = [
    (0x8010_001D, .noService), (0x8010_001E, .serviceStopped),
    (0x8010_002E, .noReadersAvailable), (0x8010_0009, .unknownReader),
    (0x8010_0017, .readerUnavailable), (0x8010_000C, .noSmartcard),
    (0x8010_0069, .removedCard), (0x8010_0068, .resetCard),
    (0x8010_0066, .unresponsiveCard), (0x8010_0067, .unpoweredCard),
    (0x8010_000B, .sharingViolation), (0x8010_000A, .timeout),
    (0x8010_0016, .notTransacted), (0x8010_002F, .commDataLost),
    (0x8010_000F, .protocolMismatch), (0x8010_0002, .cancelled),
    (0x8010_0003, .invalidHandle), (0x8010_0006, .noMemory),
    (0x8010_006A, .securityViolation),
  ]

  @Test(arguments: named)
  func codesRoundTrip(code: UInt32, error: PCSCError) {
    #expect(PCSCError(code: code) == error)
    #expect(error.code == code)
    #expect(!error.operatorMessage.isEmpty)
  }

  @Test func commErrorMeansLostData() {
    #expect(PCSCError(code: 0x8010_0013) == .commDataLost)  // SCARD_F_COMM_ERROR
  }

  @Test func serviceErrorsTellHowToStartPcscd() {
    for error in [PCSCError.noService, .serviceStopped] {
      #expect(error.cardFailure == .serviceUnavailable(error.operatorMessage))
      #expect(error.operatorMessage.contains("sudo systemctl start pcscd (or run `pcscd`)"))
    }
  }

  @Test func cardPresenceErrorsMapToTheirFailures() {
    #expect(PCSCError.noSmartcard.cardFailure == .noCard)
    #expect(
      PCSCError.noSmartcard.operatorMessage.contains(
        "switch the token on, then lay it flat on the reader"))
    #expect(PCSCError.removedCard.cardFailure == .cardRemoved)
    #expect(PCSCError.removedCard.operatorMessage.contains("keep it flat and still"))
    #expect(PCSCError.sentence(for: .noCard) == PCSCError.noSmartcard.operatorMessage)
    #expect(PCSCError.sentence(for: .cardRemoved) == PCSCError.removedCard.operatorMessage)
  }

  @Test func readerErrorsAreUnavailableOrBusy() {
    for error in [PCSCError.noReadersAvailable, .unknownReader, .readerUnavailable] {
      #expect(error.cardFailure == .readerUnavailable(error.operatorMessage))
    }
    #expect(
      PCSCError.noReadersAvailable.operatorMessage.contains("No smart card reader is connected"))
    #expect(
      PCSCError.sharingViolation.cardFailure
        == .readerBusy(PCSCError.sharingViolation.operatorMessage))
    #expect(PCSCError.sharingViolation.operatorMessage.contains("in use by another program"))
  }

  /// Everything that breaks an exchange midway must read as "outcome unknown" upstream.
  @Test func exchangeFailuresAreLinkLosses() {
    let losses: [PCSCError] = [
      .removedCard, .resetCard, .unresponsiveCard, .unpoweredCard, .timeout, .notTransacted,
      .commDataLost, .invalidHandle, .other(code: 0x8010_0001, text: "x"),
    ]
    for error in losses { #expect(error.cardFailure.isLinkLoss, "\(error)") }
    #expect(PCSCError.unresponsiveCard.operatorMessage.contains("not answering"))
    let notLosses: [PCSCError] = [.noService, .noSmartcard, .sharingViolation, .unknownReader]
    for error in notLosses { #expect(!error.cardFailure.isLinkLoss, "\(error)") }
  }

  @Test func unknownCodesShowHexAndPcscLiteText() {
    let error = PCSCError(code: 0x8010_0008)  // SCARD_E_INSUFFICIENT_BUFFER
    guard case .other(let code, let text) = error else {
      Issue.record("expected .other, got \(error)")
      return
    }
    #expect(code == 0x8010_0008)
    #expect(text.lowercased().contains("buffer"))
    #expect(error.operatorMessage.hasPrefix("PC/SC error 0x80100008: "))
  }
}
