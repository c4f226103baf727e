import Foundation
import GRDB
import OTP
import Registry
import Testing
import TokenCrypto

/// The SQLite file itself: migrations, permissions, the append-only audit log, atomicity.
@Suite struct RegistrySchemaTests {
  static let versions = [
    "v1-enrollments-audit", "v2-backup-codes", "v3-code-attempts", "v4-vault", "v5-vault-format",
  ]

  @Test func migratesFromEmptyToTheLatestVersion() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    #expect(try registry.appliedVersions() == Self.versions)
    #expect(try registry.integrityCheck() == ["ok"])
    let journal = try DatabaseQueue(path: file.path).read {
      try String.fetchOne($0, sql: "PRAGMA journal_mode")
    }
    #expect(journal == "wal")
  }

  @Test(
    "Data written under an earlier schema survives the later migrations", arguments: [0, 1, 2, 3])
  func migratesFromEachEarlierVersion(index: Int) throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    do {
      let old = try file.open(upTo: Self.versions[index])
      #expect(try old.appliedVersions() == Array(Self.versions[...index]))
      _ = try old.recordBurn(burnRecord(), at: 1_000, operatorName: "op")
    }
    let registry = try file.open()
    #expect(try registry.appliedVersions() == Self.versions)
    let enrollments = try registry.enrollments()
    #expect(enrollments.count == 1)
    #expect(enrollments.first?.serial == "8659632000001")
    #expect(try registry.history(user: "alice").map(\.action) == ["burn"])
    // The later tables work on the migrated file.
    let codes = try BackupCode.generate(count: 2, using: SystemRandom())
    _ = try registry.issueBackupCodes(
      enrollmentID: enrollments[0].id, hashes: try hashes(of: codes), at: 1_001, operatorName: "op")
    #expect(try registry.codeSets(user: "alice").first?.usableCount == 2)
  }

  @Test func aNewerSchemaIsRefusedNotTouched() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    _ = try file.open()
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
    }
    #expect {
      _ = try file.open()
    } throws: { error in
      guard case .notARegistry(_, let reason) = error as? RegistryError else { return false }
      return reason.contains("newer")
    }
  }

  @Test func notADatabaseIsExplained() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    try FileManager.default.createDirectory(
      atPath: file.directory + "/data", withIntermediateDirectories: true)
    try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: file.path))
    #expect {
      _ = try file.open()
    } throws: { error in
      if case .notARegistry = error as? RegistryError { return true }
      return false
    }
  }

  @Test func filesAreReadableByTheOwnerOnly() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    _ = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
    for suffix in ["", "-wal", "-shm"] {
      let attributes = try FileManager.default.attributesOfItem(atPath: file.path + suffix)
      #expect((attributes[.posixPermissions] as? Int) == 0o600, "mode of registry\(suffix)")
    }
    let directory = try FileManager.default.attributesOfItem(atPath: file.directory + "/data")
    #expect((directory[.posixPermissions] as? Int) == 0o700)
  }

  @Test func theAuditLogIsAppendOnly() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    _ = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
    let queue = try DatabaseQueue(path: file.path)
    for statement in ["UPDATE audit SET outcome = 'forged'", "DELETE FROM audit"] {
      #expect(throws: DatabaseError.self) { try queue.write { try $0.execute(sql: statement) } }
    }
    #expect(try registry.history().count == 1)
  }

  @Test func anEnrollmentAndItsAuditRowCommitTogetherOrNotAtAll() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let registry = try file.open()
    // Make the audit insert fail inside the same transaction as the enrollment.
    try DatabaseQueue(path: file.path).write { db in
      try db.execute(
        sql:
          "CREATE TRIGGER injected BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
      )
    }
    #expect(throws: RegistryError.self) {
      _ = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
    }
    #expect(try registry.enrollments().isEmpty)
    try DatabaseQueue(path: file.path).write { try $0.execute(sql: "DROP TRIGGER injected") }
    _ = try registry.recordBurn(burnRecord(), at: 2, operatorName: "op")
    #expect(try registry.enrollments().count == 1)
    #expect(try registry.history().count == 1)
  }

  @Test func aWriterWaitsForAnotherConnectionsLockThenReportsBusy() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    _ = try file.open()
    let registry = try Registry(path: file.path, busyTimeout: 0.3)
    let holder = try DatabaseQueue(path: file.path)
    try holder.writeWithoutTransaction { db in
      try db.execute(sql: "BEGIN IMMEDIATE")
      let started = Date()
      #expect {
        _ = try registry.recordBurn(burnRecord(), at: 1, operatorName: "op")
      } throws: { error in
        guard case .busy = error as? RegistryError else { return false }
        return (error as? RegistryError)?.description.contains("busy") == true
      }
      #expect(Date().timeIntervalSince(started) >= 0.25)
      try db.execute(sql: "ROLLBACK")
    }
    _ = try registry.recordBurn(burnRecord(), at: 2, operatorName: "op")
  }
}
