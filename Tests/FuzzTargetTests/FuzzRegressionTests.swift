import Testing

@testable import FuzzTargets

/// Inputs the fuzzers found crashing, kept inline after the fix, plus edge inputs every target
/// must survive. Each runs through the same `FuzzTarget.run` that libFuzzer calls, so a
/// regression traps this test process.
@Suite struct FuzzRegressionTests {
  /// Inputs every target gets: empty, one byte, all byte values, long runs.
  static let edgeInputs: [[UInt8]] = [
    [], [0x00], [0xFF], Array(0...255), Array(repeating: 0xFF, count: 4096),
    Array("otpauth://totp/?secret=".utf8), Array("otpauth-migration://offline?data=".utf8),
  ]

  @Test(arguments: FuzzTarget.allCases)
  func edgeInputsDoNotTrap(target: FuzzTarget) {
    for input in Self.edgeInputs { target.run(input) }
  }
}
