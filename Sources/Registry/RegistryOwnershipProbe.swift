import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads the facts `RegistryOwnership.judge` decides on, and opens the database file itself
/// without following a symbolic link. Never creates or changes anything except in `create`.
public enum RegistryOwnershipProbe {
  /// The problem with the registry at `path` for this process (effective uid), if any.
  public static func problem(databasePath path: String) -> RegistryOwnership.Problem? {
    let absolute = absolutePath(path)
    let files = ([absolute] + RegistryOwnership.companions(of: absolute)).map { lstatFacts($0) }
    return RegistryOwnership.judge(
      directories: directoriesAbove(absolute).map { statFacts($0) }, files: files, caller: geteuid()
    )
  }

  /// The directories that control `path`: its ancestors as written, then those of the closest
  /// existing ancestor with links resolved (a link's target may lie elsewhere).
  static func directoriesAbove(_ path: String) -> [String] {
    var literal: [String] = []
    var directory = parent(of: path)
    while true {
      literal.append(directory)
      if directory == "/" { break }
      directory = parent(of: directory)
    }
    guard let existing = literal.first(where: { statFacts($0).kind != .missing }),
      let resolved = realpath(existing, nil)
    else { return literal }
    defer { free(resolved) }
    var all = literal
    directory = String(cString: resolved)
    while true {
      if !all.contains(directory) { all.append(directory) }
      if directory == "/" { break }
      directory = parent(of: directory)
    }
    return all
  }

  /// Checks the existing database file with `lstat`: a regular file (not a link) of this
  /// user. Returns the device and inode SQLite must find there too (compared again once SQLite
  /// has opened it).
  ///
  /// The file is deliberately not opened here: closing any descriptor of a file releases every
  /// POSIX lock this process holds on it, including those of another `Registry` on the same
  /// file, and SQLite relies on those locks (another process would then rebuild the WAL index
  /// under live connections: "database disk image is malformed"). A link cannot be swapped in
  /// unnoticed: the directories above are the caller's or sticky (`RegistryOwnership`), so
  /// nobody else can rename or remove this user's file.
  static func checkExisting(_ path: String) throws(RegistryError) -> (
    device: UInt64, inode: UInt64
  )? {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      let code = errno
      if code == ENOENT { return nil }
      throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
    }
    let kind = status.st_mode & S_IFMT
    if kind == S_IFLNK { throw .unsafe(path: path, problem: .symbolicLink(path: path)) }
    guard kind == S_IFREG else { throw .unsafe(path: path, problem: .notARegularFile(path: path)) }
    guard status.st_uid == geteuid() else {
      throw .unsafe(path: path, problem: .fileOwnedByOther(path: path, owner: status.st_uid))
    }
    return (UInt64(status.st_dev), UInt64(status.st_ino))
  }

  /// Creates the empty database file, mode 0600, failing if anything (a link included) is
  /// already there; SQLite then opens the file this user made.
  static func create(_ path: String) throws(RegistryError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      let code = errno
      if code == EEXIST {
        let there = lstatFacts(path)
        throw .unsafe(
          path: path,
          problem: there.kind == .symbolicLink
            ? .symbolicLink(path: path) : .fileOwnedByOther(path: path, owner: there.owner))
      }
      throw .cannotOpen(path: path, reason: String(cString: strerror(code)))
    }
    close(descriptor)
  }

  /// The device and inode at `path` now, not following a link.
  static func identity(_ path: String) -> (device: UInt64, inode: UInt64)? {
    var status = stat()
    guard lstat(path, &status) == 0 else { return nil }
    return (UInt64(status.st_dev), UInt64(status.st_ino))
  }

  static func lstatFacts(_ path: String) -> RegistryOwnership.PathFacts {
    var status = stat()
    guard lstat(path, &status) == 0 else { return .init(path: path, kind: .missing) }
    return facts(path, status)
  }

  static func statFacts(_ path: String) -> RegistryOwnership.PathFacts {
    var status = stat()
    guard stat(path, &status) == 0 else {
      // A dangling link where a directory belongs is not "missing": creating through it would
      // follow it.
      return lstat(path, &status) == 0 ? facts(path, status) : .init(path: path, kind: .missing)
    }
    return facts(path, status)
  }

  private static func facts(_ path: String, _ status: stat) -> RegistryOwnership.PathFacts {
    let kind: RegistryOwnership.PathFacts.Kind =
      switch status.st_mode & S_IFMT {
      case S_IFDIR: .directory
      case S_IFREG: .regularFile
      case S_IFLNK: .symbolicLink
      default: .other
      }
    return .init(
      path: path, kind: kind, owner: status.st_uid, mode: UInt32(status.st_mode & 0o7777))
  }

  static func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
  }

  static func parent(of path: String) -> String {
    let parent = (path as NSString).deletingLastPathComponent
    return parent.isEmpty ? "/" : parent
  }

  /// `name (uid N)` for `uid`, or `uid N` when it has no name.
  public static func userName(_ uid: UInt32) -> String {
    guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
    return "\(String(cString: name)) (uid \(uid))"
  }
}
