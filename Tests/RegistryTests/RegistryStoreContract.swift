import Foundation
import OTP
import Synchronization
import Testing
import TokenCrypto

@testable import Registry

/// The stores the contract suite runs against; a new store adds a case here and must pass.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case sqlite
  case memory
  case postgres

  var testDescription: String { rawValue }

  /// A fresh, empty store and what removes it afterwards.
  func make() throws -> (store: any RegistryStore, cleanUp: @Sendable () -> Void) {
    switch self {
    case .sqlite:
      let file = RegistryFile()
      return (try file.open(), { file.cleanUp() })
    case .memory:
      return (InMemoryRegistryStore(), {})
    case .postgres:
      let database = try PostgresTestDatabase()
      do {
        return (try database.open(), { database.drop() })
      } catch {
        database.drop()
        throw error
      }
    }
  }

  /// The operator a store records for a caller that states `name`: the caller's name, except on
  /// PostgreSQL, where it is the connecting role (`session_user`), whatever the caller says.
  func recordedOperator(_ name: String) -> String {
    switch self {
    case .sqlite, .memory: name
    case .postgres: PostgresTestDatabase.adminRoleFromEnvironment
    }
  }
}

/// Random bytes from a counter: the codes and salts of a test are the same on every run.
final class CountingRandomSource: RandomSource {
  private let next = Mutex<UInt8>(1)

  func bytes(_ count: Int) throws(CryptoError) -> [UInt8] {
    next.withLock { value in
      (0..<count).map { _ in
        defer { value &+= 37 }
        return value
      }
    }
  }
}

/// `count` distinct codes from `random` and their cheap hashes.
func issuedCodes(_ count: Int, _ random: CountingRandomSource) throws -> (
  codes: [BackupCode], hashes: [BackupCodeHash]
) {
  let codes = try BackupCode.generate(count: count, using: random)
  let hashes = try codes.map {
    try BackupCodeHash.make($0, salt: try random.bytes(16), parameters: testParameters)
  }
  return (codes, hashes)
}
