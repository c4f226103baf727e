import Canvas
import Foundation
import OTP
import Runtime
import Simulator
import Terminal
import Testing
import Wizard

#if canImport(Glibc)
  import Glibc
#endif

/// The whole wizard in process: keys in, frames out, through the real loop.
@Suite struct WizardLoopTests {
  static let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
  static let uri = "otpauth://totp/Acme:ann@example.com?secret=\(secret)&issuer=Acme"

  /// Task, user and service, a pasted URI, the reader, the burn: up to Confirm.
  static func scriptToConfirm(_ harness: Harness) {
    let terminal = harness.terminal
    terminal.when("Step 1 of 8: Task", type: [.key(.enter)])
    terminal.when(
      "Step 2 of 8: User and service",
      type: .typing("ann@example.com") + [.key(.tab)] + .typing("Acme") + [.key(.enter)])
    terminal.when("Step 3 of 8: Secret", type: [.key(.down)] + .typing(uri))
    terminal.when("Key       [", type: [.key(.enter)])
    terminal.when("Ready: press Enter", type: [.key(.enter)])
    terminal.when("Burned: the token holds the new key.", type: [.key(.enter)])
  }

  @Test func enrollsFromTaskToDone() throws {
    let harness = Harness()
    Self.scriptToConfirm(harness)
    let terminal = harness.terminal
    // The token's code and Enter in one burst, as a fast typist or tmux sends them.
    terminal.when("Step 6 of 8: Confirm") { terminal in
      terminal.feed(.typing(harness.readers?.displayedCode ?? "none") + [.key(.enter)])
    }
    terminal.when("The code matches", type: [.key(.enter)])
    terminal.when("10.   ", type: [.key(.enter)])
    terminal.when("Press W once", type: [.key(.character("w")), .key(.enter)])
    terminal.when("Enrollment finished.", type: [.key(.enter)])

    let exit = harness.run()

    #expect(exit == .completed, "last screen:\n\(terminal.lastFrame)")
    #expect(terminal.stepsLeft == 0)
    let secret = Secret(Array("12345678901234567890".utf8))  // RFC 6238's seed, `secret` decoded
    #expect(harness.token.holdsSeed(of: secret))
    let order = try #require(harness.registry.recordedOrders.first)
    #expect(order.user == "ann@example.com" && order.service == "Acme")
    #expect(harness.registry.issuedFor == [1])
    #expect(terminal.endCount == 1)
    #expect(harness.readers?.isStopped == true)
    #expect(harness.signals.installs == 1 && harness.signals.uninstalls == 1)
    #expect(!terminal.frames.contains { $0.contains(Self.secret) })
  }

  @Test func aRecordThatFailsAfterTheBurnIsSaidAndTheRunEndsCleanly() {
    let harness = Harness(registry: FakeRegistry(recordFailure: "database is locked."))
    Self.scriptToConfirm(harness)
    let terminal = harness.terminal
    terminal.when("Step 6 of 8: Confirm") { terminal in
      terminal.feed(.typing(harness.readers?.displayedCode ?? "none") + [.key(.enter)])
    }
    terminal.when("The code matches", type: [.key(.enter)])
    terminal.when("could not record it", type: [.key(.function(10))])
    terminal.when("Quit the wizard?", type: [.key(.character("y"))])

    let exit = harness.run()

    #expect(exit == .cancelled, "last screen:\n\(terminal.lastFrame)")
    #expect(
      harness.showed("The token is burned, but the registry could not record it: database is"))
    #expect(harness.registry.issuedFor.isEmpty)
    #expect(terminal.endCount == 1)
  }

  @Test func resizingRedrawsAtTheNewSizeAndTooSmallHidesTheScreen() {
    let harness = Harness()
    let terminal = harness.terminal
    terminal.when("Step 1 of 8: Task", type: [.resized(TerminalSize(columns: 120, rows: 40))])
    terminal.when("Step 1 of 8: Task") { terminal in
      // The frame after the resize: 40 rows of 120 columns.
      terminal.feed([.resized(TerminalSize(columns: 70, rows: 20))])
    }
    // Enter changes nothing while the screen is hidden; F10 still asks to quit.
    terminal.when("Terminal too small", type: [.key(.enter), .key(.function(10))])
    terminal.when("Quit the wizard?", type: [.key(.character("y"))])

    let exit = harness.run()

    #expect(exit == .cancelled)
    let frames = terminal.frames
    let large = frames.first {
      $0.split(separator: "\n", omittingEmptySubsequences: false).count == 41
    }
    // The title bar's step ends one column before the right edge, whatever the width.
    #expect(large?.split(separator: "\n").first?.hasSuffix("Step 1 of 8: Task") == true)
    #expect(large?.split(separator: "\n").first?.count == 119)
    #expect(harness.showed("70x20; the wizard needs at least 80x24."))
    #expect(!harness.showed("Step 2 of 8"), "Enter went through the hidden screen")
    #expect(terminal.endCount == 1)
  }

  @Test func ctrlCAsksToQuitAndASecondOneQuitsWithTheTerminalRestored() {
    let harness = Harness()
    let terminal = harness.terminal
    terminal.when("Step 1 of 8: Task") { _ in harness.signals.raise(SIGINT) }
    terminal.when("Quit the wizard?") { _ in harness.signals.raise(SIGINT) }

    let exit = harness.run()

    #expect(exit == .cancelled)
    #expect(terminal.endCount == 1)
    #expect(harness.signals.uninstalls == 1)
    #expect(harness.readers?.isStopped == true)
  }

  @Test func sigtermEndsTheRunAsTerminatedWithTheTerminalRestored() {
    let harness = Harness()
    harness.terminal.when("Step 1 of 8: Task") { _ in harness.signals.raise(SIGTERM) }

    #expect(harness.run() == .terminated)
    #expect(harness.terminal.endCount == 1)
    #expect(harness.signals.uninstalls == 1)
  }

  @Test func noTerminalIsNilAndNothingStarts() {
    let harness = Harness()
    harness.terminal.canBegin = false

    #expect(harness.run() == nil)
    #expect(harness.terminal.frames.isEmpty)
    #expect(harness.signals.installs == 0)
    #expect(harness.readers == nil)
  }

  /// Idle on the Task screen (no countdown), the loop sleeps: after the first tick it neither
  /// wakes nor draws until something happens.
  @Test func anIdleScreenIsNotRedrawn() {
    let harness = Harness()
    harness.start()
    Thread.sleep(forTimeInterval: 1.5)  // the first tick (the clock's next second) has come
    let settled = harness.terminal.frames.count
    Thread.sleep(forTimeInterval: 2)
    let idle = harness.terminal.frames.count - settled
    harness.signals.raise(SIGTERM)

    #expect(harness.wait() == .terminated)
    #expect(idle == 0, "\(idle) frames drawn in 2 s of idling")
  }

  /// A result posted by a worker while the loop sleeps is drawn at once, not at the next tick.
  @Test func aResultWakesTheSleepingLoop() {
    let harness = Harness()
    harness.start()
    Thread.sleep(forTimeInterval: 1.5)
    let before = harness.terminal.frames.count
    let posted = Date()
    harness.readers?.start()  // posts readersChanged from this thread
    while harness.terminal.frames.count == before && Date().timeIntervalSince(posted) < 2 {
      Thread.sleep(forTimeInterval: 0.005)
    }
    let latency = Date().timeIntervalSince(posted)
    harness.signals.raise(SIGTERM)

    #expect(harness.wait() == .terminated)
    #expect(latency < 0.05, "the posted result was drawn after \(latency) s")
  }
}
