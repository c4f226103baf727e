import SmartCard
import Testing

/// The retry rule every card family shares: after a refusal or a lost answer, no attempt.
@Suite("Authentication gate")
struct AuthenticationGateTests {
  @Test("Open until the first attempt; accepted attempts may be followed by another")
  func acceptedKeepsItOpen() throws {
    var gate = AuthenticationGate()
    #expect(gate.closure == nil)
    #expect(!gate.hasSentAttempt)
    try gate.begin()
    gate.accepted()
    try gate.begin()
    gate.accepted()
    #expect(gate.attempts == 2)
    #expect(gate.closure == nil)
  }

  @Test("An attempt never answered counts as lost, without being told")
  func unansweredIsLost() throws {
    var gate = AuthenticationGate()
    try gate.begin()
    #expect(gate.closure == .answerLost)
    #expect(throws: AuthenticationGate.Closure.answerLost) { try gate.begin() }
    #expect(gate.attempts == 1)
  }

  @Test("A lost answer closes it for good; a late acceptance does not reopen it")
  func lostIsFinal() throws {
    var gate = AuthenticationGate()
    try gate.begin()
    gate.answerLost()
    gate.accepted()
    #expect(throws: AuthenticationGate.Closure.answerLost) { try gate.begin() }
  }

  @Test("A refusal closes it, after an accepted attempt too")
  func refusedIsFinal() throws {
    var gate = AuthenticationGate()
    try gate.begin()
    gate.accepted()
    try gate.begin()
    gate.refused()
    #expect(gate.closure == .refused)
    #expect(throws: AuthenticationGate.Closure.refused) { try gate.begin() }
    #expect(gate.attempts == 2)
  }
}
