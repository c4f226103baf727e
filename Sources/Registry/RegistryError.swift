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
  /// Someone other than this user (and root) controls the file or a directory above it
  /// (`RegistryOwnership`); nothing was read or written.
  case unsafe(path: String, problem: RegistryOwnership.Problem)
  /// A command that only reads found no registry, and did not create one.
  case noRegistry(path: String)
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
  /// The database server refused this role: a wrong password, no such role, or a privilege
  /// it lacks. Nothing was written.
  case refused(registry: String, reason: String)
  /// The server could not prove who it is (TLS verification failed, or TLS was required and
  /// is not offered). Nothing was sent.
  case untrusted(registry: String, reason: String)
  /// While this burn was being recorded, another operator recorded an active enrollment for
  /// the same user and service, or for the same serial; this one was not recorded.
  case enrolledConcurrently(id: Int64, user: String, serial: String, by: String)
  /// Any other database failure.
  case database(String)

  public var description: String {
    switch self {
    case .busy(let path):
      "the registry \(path) is busy: another tokenburner is writing to it. Try again in a moment."
    case .cannotOpen(let path, let reason):
      "cannot open the registry \(path): \(reason)"
    case .notARegistry(let path, let reason):
      "\(path) is not a tokenburner registry (\(reason))"
    case .unsafe(let path, let problem):
      "refusing the registry \(path): " + Self.sentence(problem)
    case .noRegistry(let path):
      "there is no registry at \(path) yet (nothing has been recorded there)"
    case .noSuchEnrollment(let id):
      "there is no enrollment #\(id) in the registry"
    case .noActiveEnrollment(let user, let service):
      "\(user) has no active token" + (service.map { " for \($0)" } ?? "") + " in the registry"
    case .ambiguousEnrollment(let user, let ids):
      "\(user) has several active tokens (enrollments "
        + ids.map { "#\($0)" }.joined(separator: ", ")
        + "); name one with --enrollment or --service"
    case .notActive(let id, let status):
      "enrollment #\(id) is \(status.rawValue), not active"
    case .rateLimited(let user, let retryAfter):
      "too many wrong backup codes for \(user) recently; the next attempt is allowed in "
        + "\(retryAfter) s (limit: \(BackupCodePolicy.maximumFailures) failures per "
        + "\(BackupCodePolicy.failureWindow / 60) minutes)"
    case .refused(let registry, let reason):
      "the registry server \(registry) refused the connection or the request: \(reason)"
    case .untrusted(let registry, let reason):
      "refusing the registry server \(registry): its TLS certificate could not be verified (\(reason))"
    case .enrolledConcurrently(let id, let user, let serial, let other):
      "not recorded: while this burn was being recorded, \(other) recorded enrollment #\(id) "
        + "(\(user), token \(serial)) at another desk. Check it with `tokenburner registry show "
        + "\(id)` before burning again"
    case .database(let message):
      "registry error: \(message)"
    }
  }

  private static func sentence(_ problem: RegistryOwnership.Problem) -> String {
    let you = RegistryOwnershipProbe.userName(geteuid())
    switch problem {
    case .symbolicLink(let path):
      return "\(path) is a symbolic link, which could lead anywhere; name the real file"
    case .notARegularFile(let path):
      return "\(path) is not a regular file"
    case .fileOwnedByOther(let path, let owner):
      return
        "\(path) is owned by \(RegistryOwnershipProbe.userName(owner)), not by you, \(you), so "
        + "its owner can read and change the records. Move it aside and check it, or use a registry "
        + "in a directory only you can write"
    case .directoryOwnedByOther(let path, let owner):
      return "the directory \(path) is owned by \(RegistryOwnershipProbe.userName(owner)), who can "
        + "replace the files in it. Use a directory owned by you, \(you), or by root"
    case .directoryWritableByOthers(let path, let mode):
      return "the directory \(path) (mode \(String(mode, radix: 8))) lets other users create and "
        + "replace files in it. `chmod go-w \(path)`, or use a directory only you can write"
    case .notADirectory(let path):
      return "\(path) is not a directory"
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
