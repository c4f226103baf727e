/// Who controls a registry: the rule that decides whether a database file, its `-wal`,
/// `-shm` and `-journal` companions and the directories above it belong to the caller.
/// Pure: `RegistryOwnershipProbe` gathers the facts, `Registry` and `doctor` act on the verdict.
///
/// The rule (docs/registry.md, "Who may own it"):
/// - every directory from the registry's up to `/`, on the path as given and on the path with
///   its symbolic links resolved, is owned by the caller or by root; one that group or others
///   may write to must also be sticky (like `/tmp`), so nobody else can rename or delete the
///   caller's files in it;
/// - the database and each companion file is absent, or a regular file (not a symbolic link)
///   owned by the caller.
public enum RegistryOwnership {
  /// One path as `lstat` saw it (a directory as `stat` saw it: links followed).
  public struct PathFacts: Equatable, Sendable {
    /// What is at the path.
    public enum Kind: Equatable, Sendable {
      case missing, directory, regularFile, symbolicLink, other
    }
    public var path: String
    public var kind: Kind
    /// The owner's uid (meaningless when `missing`).
    public var owner: UInt32
    /// The permission bits, set-id and sticky bits included.
    public var mode: UInt32

    public init(path: String, kind: Kind, owner: UInt32 = 0, mode: UInt32 = 0) {
      self.path = path
      self.kind = kind
      self.owner = owner
      self.mode = mode
    }
  }

  /// Why the registry must not be used. Each case names the path at fault.
  public enum Problem: Equatable, Sendable {
    /// A file of the registry is a symbolic link (it could point anywhere).
    case symbolicLink(path: String)
    /// A file of the registry is a directory, socket, device or pipe.
    case notARegularFile(path: String)
    /// A file of the registry belongs to another user, who can read and change it.
    case fileOwnedByOther(path: String, owner: UInt32)
    /// A directory above the registry belongs to another user, who can replace what is in it.
    case directoryOwnedByOther(path: String, owner: UInt32)
    /// A directory above the registry that others may write to and that is not sticky.
    case directoryWritableByOthers(path: String, mode: UInt32)
    /// A path that should be a directory is something else.
    case notADirectory(path: String)

    /// The path at fault.
    public var path: String {
      switch self {
      case .symbolicLink(let path), .notARegularFile(let path), .fileOwnedByOther(let path, _),
        .directoryOwnedByOther(let path, _), .directoryWritableByOthers(let path, _),
        .notADirectory(let path):
        path
      }
    }
  }

  /// The first problem with `directories` (closest first) and `files`, for a process running
  /// as `caller`; nil when the caller alone (and root) controls the registry.
  public static func judge(directories: [PathFacts], files: [PathFacts], caller: UInt32) -> Problem?
  {
    for directory in directories {
      switch directory.kind {
      case .missing: continue  // created by the caller, 0700, when the registry is made
      case .directory: break
      case .regularFile, .symbolicLink, .other: return .notADirectory(path: directory.path)
      }
      guard directory.owner == caller || directory.owner == 0 else {
        return .directoryOwnedByOther(path: directory.path, owner: directory.owner)
      }
      let writableByOthers = directory.mode & 0o022 != 0
      let sticky = directory.mode & 0o1000 != 0
      if writableByOthers && !sticky {
        return .directoryWritableByOthers(path: directory.path, mode: directory.mode & 0o7777)
      }
    }
    for file in files {
      switch file.kind {
      case .missing: continue
      case .symbolicLink: return .symbolicLink(path: file.path)
      case .directory, .other: return .notARegularFile(path: file.path)
      case .regularFile: break
      }
      guard file.owner == caller else {
        return .fileOwnedByOther(path: file.path, owner: file.owner)
      }
    }
    return nil
  }

  /// The companion files SQLite may create or read beside the database.
  public static func companions(of path: String) -> [String] {
    [path + "-wal", path + "-shm", path + "-journal"]
  }
}
