/// Judges where the registry database lives and who may read it.
public enum RegistryChecks {
  /// One finding; `nil` facts mean no location could be resolved at all.
  public static func check(_ facts: RegistryFacts?) -> [Finding] {
    guard let facts else {
      return [
        Finding(
          "registry", "path", .problem,
          "neither TOKENBURNER_REGISTRY, XDG_DATA_HOME nor HOME is set",
          fix: "set HOME, or point TOKENBURNER_REGISTRY at the database file")
      ]
    }
    let path = facts.location.path
    let from = "from \(facts.location.source.rawValue)"
    if let control = facts.control {
      return [refusal(control, path: path, from: from, user: facts.user)]
    }
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
        let what =
          facts.directoryExists ? "\(directory) is not writable" : "\(directory) cannot be created"
        return [
          Finding(
            "registry", path, .problem, "no registry yet (\(from)), and \(what)",
            fix:
              "`mkdir -p \(directory)` as a user who may, or set TOKENBURNER_REGISTRY to a writable path"
          )
        ]
      }
      return [
        Finding(
          "registry", path, .ok,
          "no registry yet (\(from)); the first enrollment creates it (mode 600)")
      ]
    }
  }

  /// What tokenburner would refuse, and how to get a registry only this user controls.
  private static func refusal(
    _ control: RegistryFacts.Control, path: String, from: String, user: String
  ) -> Finding {
    let elsewhere = "or set TOKENBURNER_REGISTRY to a file in a directory only you can write"
    switch control {
    case .symbolicLink(let link):
      return Finding(
        "registry", path, .problem, "\(link) is a symbolic link (\(from)); tokenburner refuses it",
        fix: "name the real file (`readlink -f \(link)`) if it is yours and safe, \(elsewhere)")
    case .notARegularFile(let file):
      return Finding(
        "registry", path, .problem,
        "\(file) is not a regular file (\(from)); tokenburner refuses it",
        fix: "move it away, \(elsewhere)")
    case .fileOwnedBy(let file, let owner):
      return Finding(
        "registry", path, .problem,
        "\(file) is owned by \(owner), not by \(user) (\(from)): its owner can read and change the records; tokenburner refuses it",
        fix:
          "move it aside and check it (`mv \(file) \(file).untrusted`); if it is really yours, `chown \(user.split(separator: " ").first.map(String.init) ?? "$USER") \(file)`; \(elsewhere)"
      )
    case .directoryOwnedBy(let directory, let owner):
      return Finding(
        "registry", path, .problem,
        "the directory \(directory) is owned by \(owner), who can replace the files in it (\(from)); tokenburner refuses it",
        fix:
          "use a directory owned by you or root: `mkdir -m 700 DIR` and set TOKENBURNER_REGISTRY to DIR/registry.sqlite"
      )
    case .directoryWritableByOthers(let directory, let mode):
      return Finding(
        "registry", path, .problem,
        "the directory \(directory) has mode \(String(mode, radix: 8)): other users can create and replace files in it (\(from)); tokenburner refuses it",
        fix: "`chmod go-w \(directory)`, \(elsewhere)")
    case .notADirectory(let directory):
      return Finding(
        "registry", path, .problem, "\(directory) is not a directory (\(from))",
        fix: "move it away, \(elsewhere)")
    }
  }
}
