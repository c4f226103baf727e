/// One line of `tokenburner doctor`: what was checked, how it stands, and what to do about it.
public struct Finding: Equatable, Sendable {
  /// How a check came out.
  public enum Severity: String, Equatable, Sendable, Comparable {
    /// Works.
    case ok
    /// Works, but worse than it could (the wizard falls back, a file is too readable, ...).
    case warning
    /// Something tokenburner needs is missing: `doctor` exits 69.
    case problem

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int {
      switch self {
      case .ok: 0
      case .warning: 1
      case .problem: 2
      }
    }
  }

  /// The group the check belongs to: `pcscd`, `readers`, `libraries`, `locale`, `terminal`,
  /// `registry`.
  public var area: String
  /// What was checked, e.g. `socket` or the reader's name.
  public var subject: String
  /// How it came out.
  public var severity: Severity
  /// What was found, as a sentence.
  public var detail: String
  /// The fix for a warning or a problem, as a sentence with the command to run.
  public var fix: String?

  /// A finding; `fix` is expected for warnings and problems.
  public init(
    _ area: String, _ subject: String, _ severity: Severity, _ detail: String, fix: String? = nil
  ) {
    self.area = area
    self.subject = subject
    self.severity = severity
    self.detail = detail
    self.fix = fix
  }
}

/// Every finding of one `doctor` run, and the exit status it leads to.
public struct DoctorReport: Equatable, Sendable {
  /// In the order the checks ran.
  public var findings: [Finding]

  public init(findings: [Finding]) { self.findings = findings }

  /// The worst severity found (`ok` when there are no findings).
  public var worst: Finding.Severity { findings.map(\.severity).max() ?? .ok }

  /// 0 when nothing needed is missing, 69 (EX_UNAVAILABLE) otherwise; warnings do not count.
  public var exitStatus: Int32 { worst == .problem ? 69 : 0 }
}
