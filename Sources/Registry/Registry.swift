import Foundation
import GRDB

/// The helpdesk registry: one SQLite file (WAL, foreign keys, mode 0600) with enrollments,
/// backup code hashes and the append-only audit log.
///
/// Every write is one `BEGIN IMMEDIATE` transaction, so a record and its audit row commit
/// together or not at all, and a second process waits for the lock (up to `busyTimeout`)
/// instead of failing half-way. Times and the operator's name come from the caller.
public final class Registry: Sendable {
  /// The database file.
  public let path: String
  let pool: DatabasePool

  /// How long a writer waits for another process's lock before `RegistryError.busy`.
  public static let defaultBusyTimeout: TimeInterval = 5

  /// Whether the vault may use scrypt costs below `ScryptCost.vaultMinimum`. Only unit tests
  /// set it, through the internal initialiser (`@testable import`): no option, environment
  /// variable or public API of the shipped program reaches it.
  let weakVaultCostsAllowed: Bool

  /// Opens (creating if needed) the registry at `path` and brings its schema up to date.
  ///
  /// Before SQLite sees the file, and again once it has opened it, the file, its `-wal`,
  /// `-shm` and `-journal` files and every directory above must be controlled by this user
  /// alone (`RegistryOwnership`): a file someone else created first is refused, not adopted.
  ///
  /// - Parameters:
  ///   - upTo: stop migrating after this version (tests of older schemas); `nil` for all.
  ///   - create: make the file (and its directory, 0700) when there is none; a reading
  ///     command passes `false` and gets `RegistryError.noRegistry` instead.
  /// - Throws: `RegistryError` (unsafe, no registry, cannot open, not a registry, busy).
  public convenience init(
    path: String, busyTimeout: TimeInterval = defaultBusyTimeout, upTo version: String? = nil,
    create: Bool = true
  ) throws(RegistryError) {
    try self.init(
      path: path, busyTimeout: busyTimeout, upTo: version, create: create,
      allowingWeakVaultCosts: false)
  }

  /// The initialiser behind the public one; `allowingWeakVaultCosts` keeps unit tests fast.
  init(
    path: String, busyTimeout: TimeInterval = defaultBusyTimeout, upTo version: String? = nil,
    create: Bool = true, allowingWeakVaultCosts: Bool
  ) throws(RegistryError) {
    self.path = path
    weakVaultCostsAllowed = allowingWeakVaultCosts
    if let problem = RegistryOwnershipProbe.problem(databasePath: path) {
      throw .unsafe(path: path, problem: problem)
    }
    var identity = try RegistryOwnershipProbe.checkExisting(path)
    if identity == nil {
      guard create else { throw .noRegistry(path: path) }
      try Self.createDirectory(of: path)
      // The directory now exists: judge it, then make the file ourselves (O_EXCL, O_NOFOLLOW).
      if let problem = RegistryOwnershipProbe.problem(databasePath: path) {
        throw .unsafe(path: path, problem: problem)
      }
      try RegistryOwnershipProbe.create(path)
      identity = try RegistryOwnershipProbe.checkExisting(path)
    }
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    configuration.busyMode = .timeout(busyTimeout)
    configuration.label = "registry"
    // The -wal and -shm files are created by SQLite: only the owner may read them.
    let previousMask = umask(0o077)
    defer { umask(previousMask) }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      // SQLite opened the file by name: it must still be the one checked, and the companion
      // files it made or found must be this user's too (one created by another user in a sticky
      // directory between the first check and the open is caught here, before any migration).
      try pool.read { _ in }
      if let problem = RegistryOwnershipProbe.problem(databasePath: path) {
        throw RegistryError.unsafe(path: path, problem: problem)
      }
      if let identity, let now = RegistryOwnershipProbe.identity(path), now != identity {
        throw RegistryError.unsafe(path: path, problem: .notARegularFile(path: path))
      }
      try pool.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA synchronous = FULL")
      }
      let migrator = RegistrySchema.migrator
      if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
        throw RegistryError.notARegistry(
          path: path, reason: "its schema is newer than this version of tokenburner knows")
      }
      if let version {
        try migrator.migrate(pool, upTo: version)
      } else {
        try migrator.migrate(pool)
      }
    } catch {
      throw RegistryError.wrap(error, path: path)
    }
    chmod(path, 0o600)
  }

  /// Creates the registry's directory (and missing parents) with mode 0700.
  private static func createDirectory(of path: String) throws(RegistryError) {
    let directory = (path as NSString).deletingLastPathComponent
    guard !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) else { return }
    do {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    } catch {
      throw .cannotOpen(
        path: path, reason: "cannot create \(directory): \(error.localizedDescription)")
    }
  }

  /// The applied schema versions, oldest first.
  public func appliedVersions() throws(RegistryError) -> [String] {
    try read { db in try RegistrySchema.migrator.appliedMigrations(db) }
  }

  /// `PRAGMA integrity_check`: `["ok"]` for a sound file.
  public func integrityCheck() throws(RegistryError) -> [String] {
    try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
  }

  /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it commits, or none.
  func write<T>(_ body: @escaping (Database) throws -> T) throws(RegistryError) -> T {
    do {
      return try immediateTransaction(body)
    } catch {
      throw RegistryError.wrap(error, path: path)
    }
  }

  /// The one `BEGIN IMMEDIATE` transaction every writer uses; errors pass through unmapped so
  /// each caller maps them to its own error type.
  func immediateTransaction<T>(_ body: @escaping (Database) throws -> T) throws -> T {
    try pool.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.immediate) {
        result = try body(db)
        return .commit
      }
      return result!
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw RegistryError.wrap(error, path: path)
    }
  }

  /// Appends one audit row inside a transaction.
  static func audit(_ event: AuditEvent, at: Int64, operatorName: String, in db: Database) throws {
    try db.execute(
      sql: """
        INSERT INTO audit (at, operator, action, user, serial, enrollment_id, outcome, detail)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        at, operatorName, event.action.rawValue, event.user, event.serial, event.enrollmentId,
        event.outcome.rawValue, event.detail,
      ])
  }

  /// Appends one audit row on its own (a failed burn, a lookup).
  public func audit(_ event: AuditEvent, at: Int64, operatorName: String) throws(RegistryError) {
    try write { db in try Self.audit(event, at: at, operatorName: operatorName, in: db) }
  }
}
