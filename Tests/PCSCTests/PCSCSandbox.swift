import Foundation
import Glibc
import Testing

/// A private pcscd with the vpcd reader, run through `scripts/pcscd-sandbox.sh`, so these tests
/// never talk to a system pcscd.
///
/// pcsc-lite reads `PCSCLITE_CSOCK_NAME` once per process, at the first context, so all
/// sandboxes of this test process share one directory (one socket path); each start picks a
/// fresh vpcd port.
final class PCSCSandbox {
  /// The per-process sandbox directory; reading it sets `PCSCLITE_CSOCK_NAME` first.
  static let directory: String = {
    // mkdtemp: a fresh 0700 directory of our own, never one another user could have made
    // first under a guessable name.
    var template = Array("/tmp/tokenburner-pcsc.XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else {
      fatalError("mkdtemp failed for the pcscd sandbox: errno \(errno)")
    }
    let path = String(cString: made)
    setenv("PCSCLITE_CSOCK_NAME", path + "/run/pcscd/pcscd.comm", 1)
    return path
  }()

  static let script: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scripts/pcscd-sandbox.sh").path

  /// The vpcd port of slot `Virtual PCD 00 00` (slot `00 01` listens on `port + 1`).
  let port: UInt16
  private var running = true

  /// Starts pcscd and waits until its socket and vpcd's port are up; `port` defaults to a
  /// free pair.
  init(port: UInt16? = nil) throws {
    self.port = try port ?? Self.freePortPair()
    let port = self.port
    let output = try Self.run("start", Self.directory, String(port))
    guard output.status == 0 else {
      throw SandboxError.startFailed(output.text)
    }
  }

  deinit { stop() }

  /// Stops exactly this sandbox's pcscd. Safe to call twice.
  func stop() {
    guard running else { return }
    running = false
    _ = try? Self.run("stop", Self.directory)
    // The directory (and so the socket path) is recreated by the next start; set
    // PCSC_SANDBOX_KEEP=1 to keep logs for a post-mortem.
    if ProcessInfo.processInfo.environment["PCSC_SANDBOX_KEEP"] != "1" {
      try? FileManager.default.removeItem(atPath: Self.directory)
      try? FileManager.default.removeItem(atPath: Self.directory + ".out")
    }
  }

  /// The daemon's log, for failure messages.
  var log: String {
    (try? String(contentsOfFile: Self.directory + "/pcscd.log", encoding: .utf8)) ?? ""
  }

  /// Runs the sandbox script and waits for it. posix_spawn + waitpid rather than Foundation's
  /// Process, whose waitUntilExit hung here now and then once pcscd (a grandchild) lived on.
  private static func run(_ arguments: String...) throws -> (status: Int32, text: String) {
    let output = directory + ".out"
    let argv = ["/usr/bin/env", "PCSC_SANDBOX_AUTO_EXIT=1", "/bin/bash", script] + arguments
    var cArguments = argv.map { strdup($0) } + [nil]
    defer { for argument in cArguments { free(argument) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
    guard spawned == 0 else { throw SandboxError.startFailed("posix_spawn failed: \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    // WEXITSTATUS: the exit code sits in bits 8-15 when the low 7 bits (signal) are zero.
    return (status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), text)
  }

  /// A port P such that P and P+1 can both be bound (vpcd opens one per slot).
  static func freePortPair() throws -> UInt16 {
    for _ in 0..<50 {
      guard let port = bindable(0), port < 65534, bindable(port + 1) != nil else { continue }
      return port
    }
    throw SandboxError.noFreePort
  }

  /// Binds `port` (0: any) on all IPv4 addresses and releases it; the port bound, or nil.
  static func bindable(_ port: UInt16) -> UInt16? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr = in_addr(s_addr: INADDR_ANY)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0 else { return nil }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
  }

  enum SandboxError: Error, CustomStringConvertible {
    case startFailed(String)
    case noFreePort

    var description: String {
      switch self {
      case .startFailed(let output): "pcscd sandbox did not start:\n\(output)"
      case .noFreePort: "no free TCP port pair for vpcd"
      }
    }
  }
}

/// Repeats `body` until it returns true or `timeout` passes, pausing `interval` in between.
func eventually(
  timeout: Duration = .seconds(5), interval: Duration = .milliseconds(20), _ body: () throws -> Bool
) rethrows -> Bool {
  let deadline = ContinuousClock.now + timeout
  while true {
    if try body() { return true }
    if ContinuousClock.now >= deadline { return false }
    Thread.sleep(
      forTimeInterval: Double(interval.components.attoseconds) / 1e18
        + Double(interval.components.seconds))
  }
}
