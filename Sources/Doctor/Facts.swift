/// What the probes of `tokenburner doctor` observed, as plain values: the checks judge these
/// and never look at the machine themselves.
public struct PCSCFacts: Equatable, Sendable {
  /// The socket clients use: `PCSCLITE_CSOCK_NAME`, or pcsc-lite's default.
  public var socketPath: String
  /// Whether `PCSCLITE_CSOCK_NAME` chose the socket.
  public var socketFromEnvironment: Bool
  /// Whether a Unix socket exists at `socketPath`.
  public var socketExists: Bool
  /// Whether a process named `pcscd` was seen (nil when processes cannot be listed).
  public var daemonSeen: Bool?
  /// Why establishing a PC/SC context failed, or nil when it worked.
  public var contextFailure: String?
  /// The readers and their slots, when the context worked.
  public var readers: [ReaderFacts]

  public init(
    socketPath: String, socketFromEnvironment: Bool, socketExists: Bool, daemonSeen: Bool?,
    contextFailure: String?, readers: [ReaderFacts]
  ) {
    self.socketPath = socketPath
    self.socketFromEnvironment = socketFromEnvironment
    self.socketExists = socketExists
    self.daemonSeen = daemonSeen
    self.contextFailure = contextFailure
    self.readers = readers
  }
}

/// One reader and what sits on it.
public struct ReaderFacts: Equatable, Sendable {
  /// The slot as the reader reports it.
  public enum Slot: String, Equatable, Sendable {
    case empty, card, mute, exclusive, unavailable
  }

  /// What a GET INFO said about the card on the reader.
  public enum Card: Equatable, Sendable {
    /// A Token2 token: its serial, model name (nil for an unknown prefix), clock drift.
    case token(serial: String, model: String?, driftSeconds: Int64)
    /// Not a Token2 programmable token, or it did not answer: the reason.
    case other(String)
  }

  /// The reader name as pcscd spells it.
  public var name: String
  /// What the slot reports.
  public var slot: Slot
  /// Set when the slot held a card and it was read.
  public var card: Card?

  public init(name: String, slot: Slot, card: Card? = nil) {
    self.name = name
    self.slot = slot
    self.card = card
  }
}

/// A shared library tokenburner uses.
public struct LibraryFacts: Equatable, Sendable {
  /// Its soname stem, e.g. `libzbar`.
  public var name: String
  /// What it is for, for the operator.
  public var purpose: String
  /// The Debian package that provides it.
  public var package: String
  /// The version its C API reports, when it has one.
  public var version: String?
  /// The file it was loaded from, or nil when it is not loaded or loadable.
  public var path: String?
  /// Whether tokenburner cannot work without it (rather than one feature).
  public var essential: Bool

  public init(
    name: String, purpose: String, package: String, version: String?, path: String?, essential: Bool
  ) {
    self.name = name
    self.purpose = purpose
    self.package = package
    self.version = version
    self.path = path
    self.essential = essential
  }
}

/// The character set the C library chose from the environment.
public struct LocaleFacts: Equatable, Sendable {
  /// The variable that decided (`LC_ALL`, `LC_CTYPE` or `LANG`) and its value, if any is set.
  public var source: (name: String, value: String)?
  /// `nl_langinfo(CODESET)` after `setlocale(LC_CTYPE, "")`, e.g. `UTF-8` or `ANSI_X3.4-1968`.
  public var codeset: String
  /// Whether `setlocale` accepted the locale (false: it is not installed).
  public var localeAccepted: Bool

  public init(source: (name: String, value: String)?, codeset: String, localeAccepted: Bool) {
    self.source = source
    self.codeset = codeset
    self.localeAccepted = localeAccepted
  }

  public static func == (lhs: LocaleFacts, rhs: LocaleFacts) -> Bool {
    lhs.source?.name == rhs.source?.name && lhs.source?.value == rhs.source?.value
      && lhs.codeset == rhs.codeset && lhs.localeAccepted == rhs.localeAccepted
  }
}

/// The terminal the wizard would draw on.
public struct TerminalFacts: Equatable, Sendable {
  /// The TERM variable, if set.
  public var term: String?
  /// Whether standard input and output are both a terminal.
  public var isTerminal: Bool
  /// `tput colors` for this TERM (nil when unknown).
  public var colors: Int?
  /// The window size in cells, when it could be read.
  public var size: (columns: Int, rows: Int)?
  /// Whether NO_COLOR is set (non-empty).
  public var noColor: Bool

  public init(
    term: String?, isTerminal: Bool, colors: Int?, size: (columns: Int, rows: Int)?, noColor: Bool
  ) {
    self.term = term
    self.isTerminal = isTerminal
    self.colors = colors
    self.size = size
    self.noColor = noColor
  }

  public static func == (lhs: TerminalFacts, rhs: TerminalFacts) -> Bool {
    lhs.term == rhs.term && lhs.isTerminal == rhs.isTerminal && lhs.colors == rhs.colors
      && lhs.size?.columns == rhs.size?.columns && lhs.size?.rows == rhs.size?.rows
      && lhs.noColor == rhs.noColor
  }
}

/// The registry file and its directory.
public struct RegistryFacts: Equatable, Sendable {
  /// Where the registry is expected.
  public var location: RegistryLocation
  /// What is at the path: nothing, a regular file (with its permission bits), or something else.
  public enum Entry: Equatable, Sendable {
    case missing
    case file(mode: UInt16, writable: Bool)
    case notAFile
  }
  /// What is at `location.path`.
  public var entry: Entry
  /// Whether the directory exists, and whether this user may create files in it — or, when it
  /// does not exist, in its closest existing ancestor.
  public var directoryExists: Bool
  /// See `directoryExists`.
  public var directoryWritable: Bool

  /// Someone other than this user (and root) who controls the registry, as the registry's own
  /// open would refuse it.
  public enum Control: Equatable, Sendable {
    /// A file of the registry (the database, `-wal`, `-shm`, `-journal`) is a symbolic link.
    case symbolicLink(path: String)
    /// A file of the registry is not a regular file.
    case notARegularFile(path: String)
    /// A file of the registry belongs to another user (named as `name (uid N)`).
    case fileOwnedBy(path: String, owner: String)
    /// A directory above the registry belongs to another user.
    case directoryOwnedBy(path: String, owner: String)
    /// A directory above the registry that others may write to and that is not sticky.
    case directoryWritableByOthers(path: String, mode: UInt32)
    /// A path above the registry that is not a directory.
    case notADirectory(path: String)
  }
  /// Why the registry would be refused, or nil when only this user controls it.
  public var control: Control?
  /// This user, as `name (uid N)`, for the fixes.
  public var user: String

  public init(
    location: RegistryLocation, entry: Entry, directoryExists: Bool, directoryWritable: Bool,
    control: Control? = nil, user: String = "you"
  ) {
    self.location = location
    self.entry = entry
    self.directoryExists = directoryExists
    self.directoryWritable = directoryWritable
    self.control = control
    self.user = user
  }
}
