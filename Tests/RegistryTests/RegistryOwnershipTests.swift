import Foundation
import Glibc
import Registry
import Testing

/// Who may control a registry: the pure rule on table cases, then the open on real files (the
/// cases that need a second user are in scripts/integration/registry-other-user.sh).
@Suite struct RegistryOwnershipTests {
  typealias Facts = RegistryOwnership.PathFacts
  static let me: UInt32 = 1000
  static let other: UInt32 = 1001

  static func directory(_ owner: UInt32, _ mode: UInt32, _ path: String = "/d") -> Facts {
    Facts(path: path, kind: .directory, owner: owner, mode: mode)
  }

  static func file(_ kind: Facts.Kind, _ owner: UInt32 = me, _ path: String = "/d/r.sqlite")
    -> Facts
  {
    Facts(path: path, kind: kind, owner: owner, mode: 0o600)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var directories: [Facts]
    var files: [Facts]
    var expected: RegistryOwnership.Problem?
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "own 0700 directory, own file", directories: [directory(me, 0o700)],
      files: [file(.regularFile)], expected: nil),
    Case(
      name: "own 0755 directory, nothing yet", directories: [directory(me, 0o755)],
      files: [file(.missing)], expected: nil),
    Case(
      name: "root's /tmp (1777)", directories: [directory(0, 0o1777, "/tmp")],
      files: [file(.regularFile)], expected: nil),
    Case(
      name: "own sticky group-writable directory", directories: [directory(me, 0o1770)], files: [],
      expected: nil),
    Case(
      name: "missing directories are skipped (created 0700)",
      directories: [Facts(path: "/d/new", kind: .missing), directory(me, 0o700)], files: [],
      expected: nil),
    Case(
      name: "root's world-writable directory without the sticky bit",
      directories: [directory(0, 0o777)], files: [],
      expected: .directoryWritableByOthers(path: "/d", mode: 0o777)),
    Case(
      name: "own group-writable directory", directories: [directory(me, 0o770)], files: [],
      expected: .directoryWritableByOthers(path: "/d", mode: 0o770)),
    Case(
      name: "another user's sticky directory", directories: [directory(other, 0o1777)], files: [],
      expected: .directoryOwnedByOther(path: "/d", owner: other)),
    Case(
      name: "another user's private directory", directories: [directory(other, 0o700)], files: [],
      expected: .directoryOwnedByOther(path: "/d", owner: other)),
    Case(
      name: "an ancestor owned by another user",
      directories: [
        directory(me, 0o700, "/home/a/x"), directory(other, 0o755, "/home/a"),
        directory(0, 0o755, "/"),
      ],
      files: [], expected: .directoryOwnedByOther(path: "/home/a", owner: other)),
    Case(
      name: "a file where a directory belongs",
      directories: [Facts(path: "/d", kind: .regularFile, owner: me, mode: 0o600)], files: [],
      expected: .notADirectory(path: "/d")),
    Case(
      name: "database owned by another user in /tmp", directories: [directory(0, 0o1777, "/tmp")],
      files: [file(.regularFile, other, "/tmp/r.sqlite")],
      expected: .fileOwnedByOther(path: "/tmp/r.sqlite", owner: other)),
    Case(
      name: "-wal owned by another user beside an own database",
      directories: [directory(0, 0o1777, "/tmp")],
      files: [
        file(.regularFile, me, "/tmp/r.sqlite"), file(.regularFile, other, "/tmp/r.sqlite-wal"),
      ],
      expected: .fileOwnedByOther(path: "/tmp/r.sqlite-wal", owner: other)),
    Case(
      name: "root's file is not the caller's", directories: [directory(me, 0o700)],
      files: [file(.regularFile, 0)],
      expected: .fileOwnedByOther(path: "/d/r.sqlite", owner: 0)),
    Case(
      name: "database as a symbolic link", directories: [directory(me, 0o700)],
      files: [file(.symbolicLink)],
      expected: .symbolicLink(path: "/d/r.sqlite")),
    Case(
      name: "-shm as a symbolic link", directories: [directory(me, 0o700)],
      files: [file(.regularFile), file(.symbolicLink, me, "/d/r.sqlite-shm")],
      expected: .symbolicLink(path: "/d/r.sqlite-shm")),
    Case(
      name: "database as a directory", directories: [directory(me, 0o700)],
      files: [file(.directory)],
      expected: .notARegularFile(path: "/d/r.sqlite")),
  ]

  @Test(arguments: cases) func judge(_ example: Case) {
    #expect(
      RegistryOwnership.judge(
        directories: example.directories, files: example.files, caller: Self.me) == example.expected
    )
  }

  @Test func rootMayUseOnlyItsOwnFiles() {
    let verdict = RegistryOwnership.judge(
      directories: [Self.directory(0, 0o700)], files: [Self.file(.regularFile, Self.me)], caller: 0)
    #expect(verdict == .fileOwnedByOther(path: "/d/r.sqlite", owner: Self.me))
  }

  @Test func companionsAreTheFilesSQLiteOpensBesideTheDatabase() {
    #expect(RegistryOwnership.companions(of: "/d/r") == ["/d/r-wal", "/d/r-shm", "/d/r-journal"])
  }

  // MARK: - The open, on real files of this user

  @Test func aSymbolicLinkInPlaceOfTheDatabaseIsRefusedAndItsTargetUntouched() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    try FileManager.default.createDirectory(
      atPath: file.directory + "/data", withIntermediateDirectories: true)
    let target = file.directory + "/target"
    #expect(FileManager.default.createFile(atPath: target, contents: Data()))
    try FileManager.default.createSymbolicLink(atPath: file.path, withDestinationPath: target)
    #expect(throws: RegistryError.unsafe(path: file.path, problem: .symbolicLink(path: file.path)))
    { try file.open() }
    #expect(try FileManager.default.attributesOfItem(atPath: target)[.size] as? Int == 0)
  }

  @Test func aSymbolicLinkInPlaceOfTheWALIsRefused() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    _ = try file.open()
    try FileManager.default.createSymbolicLink(
      atPath: file.path + "-wal", withDestinationPath: file.directory + "/elsewhere")
    #expect(
      throws: RegistryError.unsafe(
        path: file.path, problem: .symbolicLink(path: file.path + "-wal"))
    ) { try file.open() }
    #expect(!FileManager.default.fileExists(atPath: file.directory + "/elsewhere"))
  }

  @Test func aDirectoryOthersMayWriteToIsRefusedUnlessSticky() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    let data = file.directory + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    chmod(data, 0o777)
    #expect(
      throws: RegistryError.unsafe(
        path: file.path, problem: .directoryWritableByOthers(path: data, mode: 0o777))
    ) {
      try file.open()
    }
    #expect(!FileManager.default.fileExists(atPath: file.path))
    chmod(data, 0o1777)
    _ = try file.open()
    #expect(FileManager.default.fileExists(atPath: file.path))
  }

  @Test func aReadingOpenCreatesNeitherFileNorDirectory() throws {
    let file = RegistryFile()
    defer { file.cleanUp() }
    #expect(throws: RegistryError.noRegistry(path: file.path)) {
      try Registry(path: file.path, create: false)
    }
    #expect(!FileManager.default.fileExists(atPath: file.directory))
    _ = try file.open()
    let existing = try Registry(path: file.path, create: false)
    #expect(try existing.enrollments().isEmpty)
  }

  @Test func theRefusalNamesThePathAndTheOwner() {
    let error = RegistryError.unsafe(
      path: "/tmp/r.sqlite", problem: .fileOwnedByOther(path: "/tmp/r.sqlite-wal", owner: 0))
    #expect(
      error.description.hasPrefix(
        "refusing the registry /tmp/r.sqlite: /tmp/r.sqlite-wal is owned by root (uid 0)"))
  }
}
