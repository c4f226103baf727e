import Doctor
import Testing

@Suite struct RegistryChecksTests {
  @Test func locationFollowsTheEnvironmentThenXDGThenHome() {
    #expect(
      RegistryLocation.resolve(environment: ["TOKENBURNER_REGISTRY": "/srv/r.sqlite", "HOME": "/home/a"])
        == RegistryLocation(path: "/srv/r.sqlite", source: .environment))
    #expect(
      RegistryLocation.resolve(environment: ["XDG_DATA_HOME": "/data/", "HOME": "/home/a"])
        == RegistryLocation(path: "/data/tokenburner/registry.sqlite", source: .xdgDataHome))
    // A relative XDG_DATA_HOME is invalid and ignored (XDG Base Directory specification).
    #expect(
      RegistryLocation.resolve(environment: ["XDG_DATA_HOME": "data", "HOME": "/home/a"])
        == RegistryLocation(path: "/home/a/.local/share/tokenburner/registry.sqlite", source: .home))
    #expect(RegistryLocation.resolve(environment: [:]) == nil)
    #expect(RegistryLocation(path: "/home/a/x.sqlite", source: .home).directory == "/home/a")
    #expect(RegistryLocation(path: "/x.sqlite", source: .home).directory == "/")
  }

  let location = RegistryLocation(path: "/home/a/.local/share/tokenburner/registry.sqlite", source: .home)

  @Test func privateFileIsFineAndReadableFileWarnsWithChmod() throws {
    let fine = RegistryChecks.check(RegistryFacts(location: location, entry: .file(mode: 0o600, writable: true), directoryExists: true, directoryWritable: true))
    #expect(fine.map(\.severity) == [.ok])
    #expect(fine[0].detail.hasSuffix("mode 600"))
    let open = RegistryChecks.check(RegistryFacts(location: location, entry: .file(mode: 0o644, writable: true), directoryExists: true, directoryWritable: true))
    let finding = try #require(open.first)
    #expect(finding.severity == .warning)
    #expect(finding.detail.contains("mode 644"))
    #expect(finding.fix == "`chmod 600 \(location.path)`")
    #expect(DoctorReport(findings: open).exitStatus == 0)
  }

  @Test func unwritableOrWrongKindIsAProblem() {
    let readOnly = RegistryChecks.check(RegistryFacts(location: location, entry: .file(mode: 0o600, writable: false), directoryExists: true, directoryWritable: true))
    #expect(readOnly.first?.severity == .problem)
    let directory = RegistryChecks.check(RegistryFacts(location: location, entry: .notAFile, directoryExists: true, directoryWritable: true))
    #expect(directory.first?.detail.contains("not a regular file") == true)
    let noDirectory = RegistryChecks.check(RegistryFacts(location: location, entry: .missing, directoryExists: false, directoryWritable: false))
    #expect(noDirectory.first?.severity == .problem)
    #expect(noDirectory.first?.detail.contains("cannot be created") == true)
    #expect(RegistryChecks.check(nil).first?.severity == .problem)
  }

  @Test func missingFileInAWritablePlaceIsFine() {
    let findings = RegistryChecks.check(RegistryFacts(location: location, entry: .missing, directoryExists: false, directoryWritable: true))
    #expect(findings.map(\.severity) == [.ok])
    #expect(findings[0].detail.contains("the first enrollment creates it"))
  }
}
