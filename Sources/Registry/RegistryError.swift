import Foundation
import GRDB

/// Why a registry operation did not happen. Each case has one operator sentence; none carries
/// a secret or a backup code.
public enum RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Another process held the write lock longer than the busy timeout.
  case busy(path: String)
  /// The file or its directory cannot be created or opened.
  case cannotOpen(path: String, reason: String)
  /// The file is not an SQLite database, or its schema is newer than this program knows.
  case notARegistry(path: String, reason: String)
  /// No enrollment with this id.
  case noSuchEnrollment(Int64)
  /// The user has no active enrollment (for the service, when one was named).
  case noActiveEnrollment(user: String, service: String?)
  /// Several active enrollments match; the operator must name one.
  case ambiguousEnrollment(user: String, ids: [Int64])
  /// The enrollment is not active (already lost or replaced).
  case notActive(id: Int64, status: EnrollmentStatus)
  /// Too many wrong backup codes for this user recently; try again after this many seconds.
  case rateLimited(user: String, retryAfter: Int64)
  /// Any other SQLite failure.
  case database(String)

  public var description: String {
    switch self {
    case .busy(let path):
      "the registry \(path) is busy: another tokenburner is writing to it. Try again in a moment."
    case .cannotOpen(let path, let reason):
      "cannot open the registry \(path): \(reason)"
    case .notARegistry(let path, let reason):
      "\(path) is not a tokenburner registry (\(reason))"
    case .noSuchEnrollment(let id):
      "there is no enrollment #\(id) in the registry"
    case .noActiveEnrollment(let user, let service):
      "\(user) has no active token" + (service.map { " for \($0)" } ?? "") + " in the registry"
    case .ambiguousEnrollment(let user, let ids):
      "\(user) has several active tokens (enrollments "
        + ids.map { "#\($0)" }.joined(separator: ", ") + "); name one with --enrollment or --service"
    case .notActive(let id, let status):
      "enrollment #\(id) is \(status.rawValue), not active"
    case .rateLimited(let user, let retryAfter):
      "too many wrong backup codes for \(user) recently; the next attempt is allowed in "
        + "\(retryAfter) s (limit: \(BackupCodePolicy.maximumFailures) failures per "
        + "\(BackupCodePolicy.failureWindow / 60) minutes)"
    case .database(let message):
      "registry error: \(message)"
    }
  }

  /// Maps a GRDB error to the operator's terms.
  static func wrap(_ error: any Error, path: String) -> RegistryError {
    if let registry = error as? RegistryError { return registry }
    guard let database = error as? DatabaseError else { return .database("\(error)") }
    switch database.resultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy(path: path)
    case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
      return .cannotOpen(path: path, reason: database.message ?? "\(database.resultCode)")
    case .SQLITE_NOTADB, .SQLITE_CORRUPT:
      return .notARegistry(path: path, reason: database.message ?? "\(database.resultCode)")
    default: return .database(database.message ?? "\(database.resultCode)")
    }
  }
}

/// Limits on guessing backup codes, enforced in the registry so they hold across processes.
public enum BackupCodePolicy {
  /// Wrong codes allowed per user within `failureWindow`.
  public static let maximumFailures = 5
  /// The sliding window, seconds.
  public static let failureWindow: Int64 = 15 * 60
}
