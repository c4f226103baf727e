import Foundation
import Molto2
import OTP
import PCSC
import Simulator
import SmartCard
import Testing
import TokenCrypto

/// `Molto2Card` over libpcsclite, a real pcscd (private sandbox) and vpcd, with the simulated
/// Molto2 behind an in-process vpcd client: burns land in the chosen slot and the slot's code
/// equals oathtool's; a wrong customer key gets exactly one AUTHENTICATE. Part of
/// `RealStackTests`, whose serialization keeps them off the one sandbox socket path at the
/// same time as the other real-stack tests.
extension RealStackTests {
  struct Case: Sendable, CustomStringConvertible {
    var model: Molto2Model
    var profile: Int
    var algorithm: Molto2Algorithm
    var period: Molto2Period
    var secretLength: Int
    var description: String { "\(model) slot \(profile) \(algorithm) \(period) \(secretLength)" }
  }

  static let cases = [
    Case(model: .molto2, profile: 1, algorithm: .sha1, period: .seconds30, secretLength: 10),
    Case(model: .molto2, profile: 49, algorithm: .sha256, period: .seconds60, secretLength: 20),
    Case(model: .molto2v2, profile: 99, algorithm: .sha1, period: .seconds30, secretLength: 32),
    Case(model: .molto2v2, profile: 50, algorithm: .sha256, period: .seconds60, secretLength: 63),
  ]

  @Test(arguments: Self.cases)
  func molto2BurnLandsInItsSlotAndMatchesOathtool(_ burn: Case) throws {
    let bench = try Molto2Bench(model: burn.model)
    defer { bench.shutdown() }
    let secret = try SystemRandom().bytes(burn.secretLength)
    let settings = Molto2Settings(algorithm: burn.algorithm, digits: .six, period: burn.period)
    let request = try Molto2BurnRequest(
      profile: burn.profile, secret: Secret(secret), title: Molto2Title("Slot \(burn.profile)"),
      settings: settings)
    let card = try Molto2Card(transport: bench.connect(), clock: Molto2Bench.now)
    _ = try card.burn(request, key: .factoryDefault)

    let time: Int64 = 1_700_000_000
    let shown = try #require(bench.token.with { $0.code(burn.profile, at: time) })
    #expect(shown.count == 6)
    #expect(shown == oathtool(secret, burn.algorithm, burn.period.rawValue, at: time))
    let listing = try Molto2Card(transport: bench.connect(), clock: Molto2Bench.now)
      .listProfiles()
    #expect(listing.slots.count == burn.model.slotCount)
    #expect(listing.slots[burn.profile].title == "Slot \(burn.profile)")
    #expect(listing.slots[burn.profile].settings == settings)
    #expect(listing.slots.filter(\.isOccupied).map(\.number) == [0, burn.profile])
    #expect(bench.token.with { $0.counters.authenticateCommands } == 1)
  }

  @Test func molto2WrongCustomerKeyGetsOneAuthenticateAndShowsTriesLeft() throws {
    let other = try Molto2CustomerKey(bytes: Array("ANOTHER-KEY-0001".utf8))
    let bench = try Molto2Bench(model: .molto2, key: other)
    defer { bench.shutdown() }
    let request = try Molto2BurnRequest(
      profile: 3, secret: Secret(Array(repeating: 0x42, count: 20)), title: Molto2Title("X"))
    let card = try Molto2Card(transport: bench.connect(), clock: Molto2Bench.now)
    #expect(throws: Molto2Failure.keyRefused(triesLeft: 9, state: .unchanged)) {
      try card.burn(request, key: .factoryDefault)
    }
    #expect(bench.token.with { $0.counters.authenticateCommands } == 1)
    #expect(bench.token.with { $0.isOccupied(3) } == false)
  }

  /// oathtool's code for `secret` at `time`; the key goes in on stdin, not in argv.
  func oathtool(_ secret: [UInt8], _ algorithm: Molto2Algorithm, _ period: Int, at time: Int64)
    -> String?
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/oathtool")
    let name = algorithm == .sha1 ? "sha1" : "sha256"
    process.arguments = ["--totp=\(name)", "-s", "\(period)s", "-N", "@\(time)", "-"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    guard (try? process.run()) != nil else { return nil }
    input.fileHandleForWriting.write(Data(secret.map { String(format: "%02x", $0) }.joined().utf8))
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

/// A sandbox pcscd with a simulated Molto2 on `Virtual PCD 00 00`.
final class Molto2Bench {
  static let now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

  let sandbox: PCSCSandbox
  let token: LockedMolto2
  let client: VPCDClient
  let context: PCSCContext

  init(model: Molto2Model, key: Molto2CustomerKey = .factoryDefault) throws {
    sandbox = try PCSCSandbox()
    token = LockedMolto2(
      SimulatedMolto2(
        configuration: SimulatedMolto2Configuration(model: model, customerKey: key),
        clock: { Int64(Date().timeIntervalSince1970) }, random: SystemRandom()))
    client = VPCDClient(
      applet: token,
      configuration: VPCDConfiguration(port: sandbox.port, giveUpAfter: .seconds(10)))
    client.start()
    do {
      context = try PCSCContext()
      let context = context
      let present = try eventually(timeout: .seconds(10)) {
        try context.readerStates().first { $0.name == RealStackBench.reader }?.card.holdsCard
          == true
      }
      guard present else { throw PCSCError.noSmartcard }
    } catch {
      client.stop()
      sandbox.stop()
      throw error
    }
  }

  func connect() throws -> PCSCCard {
    try PCSCCard(context: context, reader: RealStackBench.reader)
  }

  func shutdown() {
    client.stop()
    context.release()
    sandbox.stop()
  }
}

/// The simulated Molto2 behind one lock: the vpcd thread drives it while the test reads it.
final class LockedMolto2: CardApplet, @unchecked Sendable {
  // @unchecked Sendable: `token` is only touched while `lock` is held.
  private let lock = NSLock()
  private let token: SimulatedMolto2

  init(_ token: SimulatedMolto2) { self.token = token }

  func with<R>(_ body: (SimulatedMolto2) -> R) -> R { lock.withLock { body(token) } }

  var atr: [UInt8] { with { $0.atr } }
  func powerOn() { with { $0.powerOn() } }
  func powerOff() { with { $0.powerOff() } }
  func process(_ command: [UInt8]) -> [UInt8] { with { $0.process(command) } }
}
