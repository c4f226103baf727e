import Doctor
import Testing

@Suite struct RegistryChecksTests {
  @Test func locationFollowsTheEnvironmentThenXDGThenHome() {
    #expect(
      RegistryLocation.resolve(environment: [
        "TOKENBURNER_REGISTRY": "/srv/r.sqlite", "HOME": "/home/a",
      ])
        == RegistryLocation(path: "/srv/r.sqlite", source: .environment))
    #expect(
      RegistryLocation.resolve(environment: ["XDG_DATA_HOME": "/data/", "HOME": "/home/a"])
        == RegistryLocation(path: "/data/tokenburner/registry.sqlite", source: .xdgDataHome))
    // A relative XDG_DATA_HOME is invalid and ignored (XDG Base Directory specification).
    #expect(
      RegistryLocation.resolve(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/a"])
        == RegistryLocation(path: "/home/a/.local/share/tokenburner/registry.sqlite", source: .home)
    )
    #expect(RegistryLocation.resolve(environment: [:]) == nil)
    #expect(RegistryLocation(path: "/home/a/x.sqlite", source: .home).directory == "/home/a")
    #expect(RegistryLocation(path: "/x.sqlite", source: .home).directory == "/")
  }

  let location = RegistryLocation(
    path: "/home/a/.local/share/tokenburner/registry.sqlite", source: .home)

  @Test func privateFileIsFineAndReadableFileWarnsWithChmod() throws {
    let fine = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .file(mode: 0o600, writable: true), directoryExists: true,
        directoryWritable: true))
    #expect(fine.map(\.severity) == [.ok])
    #expect(fine[0].detail.hasSuffix("mode 600"))
    let open = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .file(mode: 0o644, writable: true), directoryExists: true,
        directoryWritable: true))
    let finding = try #require(open.first)
    #expect(finding.severity == .warning)
    #expect(finding.detail.contains("mode 644"))
    #expect(finding.fix == "`chmod 600 \(location.path)`")
    #expect(DoctorReport(findings: open).exitStatus == 0)
  }

  @Test func unwritableOrWrongKindIsAProblem() {
    let readOnly = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .file(mode: 0o600, writable: false), directoryExists: true,
        directoryWritable: true))
    #expect(readOnly.first?.severity == .problem)
    let directory = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .notAFile, directoryExists: true, directoryWritable: true))
    #expect(directory.first?.detail.contains("not a regular file") == true)
    let noDirectory = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .missing, directoryExists: false, directoryWritable: false))
    #expect(noDirectory.first?.severity == .problem)
    #expect(noDirectory.first?.detail.contains("cannot be created") == true)
    #expect(RegistryChecks.check(nil).first?.severity == .problem)
  }

  @Test func missingFileInAWritablePlaceIsFine() {
    let findings = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .missing, directoryExists: false, directoryWritable: true))
    #expect(findings.map(\.severity) == [.ok])
    #expect(findings[0].detail.contains("the first enrollment creates it"))
  }

  /// A registry someone else controls is a problem even when its mode looks private: the
  /// finding names the path at fault and the owner, and says how to get a registry of one's own.
  @Test func aRegistryAnotherUserControlsIsAProblemWithTheFix() throws {
    let path = location.path
    let owned = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .file(mode: 0o600, writable: true), directoryExists: true,
        directoryWritable: true,
        control: .fileOwnedBy(path: path + "-wal", owner: "mallory (uid 1001)"),
        user: "alice (uid 1000)"))
    let finding = try #require(owned.first)
    #expect(owned.count == 1)
    #expect(finding.severity == .problem)
    #expect(
      finding.detail.contains("\(path)-wal is owned by mallory (uid 1001), not by alice (uid 1000)")
    )
    #expect(finding.fix?.contains("mv \(path)-wal \(path)-wal.untrusted") == true)
    #expect(finding.fix?.contains("chown alice \(path)-wal") == true)
    #expect(DoctorReport(findings: owned).exitStatus != 0)

    let open = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .missing, directoryExists: true, directoryWritable: true,
        control: .directoryWritableByOthers(path: "/srv/shared", mode: 0o777)))
    #expect(open.first?.severity == .problem)
    #expect(open.first?.detail.contains("/srv/shared has mode 777") == true)
    #expect(open.first?.fix?.hasPrefix("`chmod go-w /srv/shared`") == true)

    let theirs = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .missing, directoryExists: true, directoryWritable: true,
        control: .directoryOwnedBy(path: "/tmp/x", owner: "mallory (uid 1001)")))
    #expect(theirs.first?.severity == .problem)
    #expect(theirs.first?.detail.contains("/tmp/x is owned by mallory (uid 1001)") == true)
    #expect(theirs.first?.fix?.contains("mkdir -m 700") == true)

    let link = RegistryChecks.check(
      RegistryFacts(
        location: location, entry: .file(mode: 0o600, writable: true), directoryExists: true,
        directoryWritable: true,
        control: .symbolicLink(path: path)))
    #expect(link.first?.severity == .problem)
    #expect(link.first?.detail.contains("is a symbolic link") == true)
  }
}
