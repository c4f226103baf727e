/// Judges where the registry database lives and who may read it.
public enum RegistryChecks {
  /// One finding; `nil` facts mean no location could be resolved at all.
  public static func check(_ facts: RegistryFacts?) -> [Finding] {
    guard let facts else {
      return [
        Finding(
          "registry", "path", .problem, "neither TOKENBURNER_REGISTRY, XDG_DATA_HOME nor HOME is set",
          fix: "set HOME, or point TOKENBURNER_REGISTRY at the database file")
      ]
    }
    let path = facts.location.path
    let from = "from \(facts.location.source.rawValue)"
    switch facts.entry {
    case .notAFile:
      return [
        Finding(
          "registry", path, .problem, "exists (\(from)) but is not a regular file",
          fix: "move it away, or set TOKENBURNER_REGISTRY to a file path")
      ]
    case .file(let mode, let writable):
      guard writable else {
        return [
          Finding(
            "registry", path, .problem, "is not writable by this user (\(from))",
            fix: "run as the operator who owns it, or `sudo chown $USER \(path)`")
        ]
      }
      let permissions = String(mode & 0o777, radix: 8)
      if mode & 0o077 != 0 {
        return [
          Finding(
            "registry", path, .warning,
            "has mode \(permissions) (\(from)): other users can read the enrollments and backup code hashes",
            fix: "`chmod 600 \(path)`")
        ]
      }
      return [Finding("registry", path, .ok, "\(from), mode \(permissions)")]
    case .missing:
      let directory = facts.location.directory
      guard facts.directoryWritable else {
        let what = facts.directoryExists ? "\(directory) is not writable" : "\(directory) cannot be created"
        return [
          Finding(
            "registry", path, .problem, "no registry yet (\(from)), and \(what)",
            fix: "`mkdir -p \(directory)` as a user who may, or set TOKENBURNER_REGISTRY to a writable path")
        ]
      }
      return [
        Finding(
          "registry", path, .ok,
          "no registry yet (\(from)); the first enrollment creates it (mode 600)")
      ]
    }
  }
}
