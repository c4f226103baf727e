import Foundation
import OTP
import TokenCrypto

@testable import Registry

/// A registry file in a fresh temporary directory, removed by `cleanUp()`.
struct RegistryFile {
  let directory: String
  var path: String { directory + "/data/registry.sqlite" }

  init() {
    directory = NSTemporaryDirectory() + "tokenburner-registry-" + UUID().uuidString
  }

  /// The registry as unit tests open it: cheap vault costs allowed (the internal initialiser),
  /// so scrypt does not dominate the run.
  func open(upTo version: String? = nil) throws -> Registry {
    try Registry(path: path, upTo: version, allowingWeakVaultCosts: true)
  }

  func cleanUp() { try? FileManager.default.removeItem(atPath: directory) }

  /// Every byte SQLite wrote for this registry: the database and its WAL.
  func allBytes() -> Data {
    var data = Data()
    for suffix in ["", "-wal", "-shm"] {
      if let chunk = FileManager.default.contents(atPath: path + suffix) { data.append(chunk) }
    }
    return data
  }
}

func burnRecord(
  user: String = "alice", service: String? = "Jira", serial: String = "8659632000001",
  secret: Secret = Secret(Array(repeating: 7, count: 20))
) -> BurnRecord {
  BurnRecord(
    user: user, service: service, account: user + "@example.com", serial: serial,
    model: "C302-i", algorithm: "sha1", digits: 6, period: 30,
    secretFingerprint: SecretFingerprint.of(secret), clockDriftBefore: 3)
}

/// Cheap scrypt parameters: the tests check behaviour, not cost.
let testParameters = BackupCodeHash.Parameters(n: 1 << 4, r: 1, p: 1)

func hashes(of codes: [BackupCode]) throws -> [BackupCodeHash] {
  try codes.map {
    try BackupCodeHash.make($0, salt: try SystemRandom().bytes(16), parameters: testParameters)
  }
}
