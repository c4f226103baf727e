import Foundation
import PCSC
import Simulator
import SmartCard
import Testing

/// The vpcd client's connection handling against a real vpcd (sandbox pcscd); part of the
/// serialized real-stack suite because every sandbox shares one directory.
extension RealStackTests {
  @Test func givesUpWhenNothingListensRetriesOnInsertAndStopsCleanly() throws {
    let port = try PCSCSandbox.freePortPair()
    let client = VPCDClient(
      applet: EchoApplet(),
      configuration: VPCDConfiguration(
        port: port, retryInterval: .milliseconds(20), giveUpAfter: .milliseconds(200)))
    #expect(client.state == .idle)
    client.start()
    #expect(client.wait(timeout: .seconds(5)) { if case .failed = $0 { true } else { false } })
    #expect(client.connections == 0)

    // insertCard() retries after a failure.
    let sandbox = try PCSCSandbox(port: port)
    defer { sandbox.stop() }
    client.insertCard()
    #expect(client.wait(timeout: .seconds(5)) { $0 == .connected })
    client.stop()
    #expect(client.state == .stopped)
    #expect(client.connections == 1)
  }

  @Test func keepsRetryingUntilVpcdIsUp() throws {
    let port = try PCSCSandbox.freePortPair()
    let applet = EchoApplet()
    let client = VPCDClient(
      applet: applet, configuration: VPCDConfiguration(port: port, giveUpAfter: .seconds(20)))
    client.start()
    defer { client.stop() }
    #expect(client.wait(timeout: .seconds(1)) { $0 == .connecting })

    let sandbox = try PCSCSandbox(port: port)
    defer { sandbox.stop() }
    #expect(client.wait(timeout: .seconds(5)) { $0 == .connected })
    let context = try PCSCContext()
    defer { context.release() }
    let present = try eventually {
      try context.readerStates().first { $0.name == RealStackBench.reader }?.card == .present
    }
    #expect(present)
    #expect(applet.powerOns >= 1)  // pcscd powers a new card up
  }

  @Test func reconnectsAfterVpcdRestarts() throws {
    let port = try PCSCSandbox.freePortPair()
    let client = VPCDClient(
      applet: EchoApplet(), configuration: VPCDConfiguration(port: port, giveUpAfter: .seconds(20)))
    client.start()
    defer { client.stop() }
    var sandbox = try PCSCSandbox(port: port)
    #expect(client.wait(timeout: .seconds(5)) { $0 == .connected })
    sandbox.stop()
    #expect(client.wait(timeout: .seconds(5)) { $0 == .connecting })
    sandbox = try PCSCSandbox(port: port)
    defer { sandbox.stop() }
    #expect(client.wait(timeout: .seconds(5)) { $0 == .connected })
    #expect(client.connections == 2)
  }
}
