import Doctor
import Foundation
import PCSC
import PCSCTokenService
import Platform
import QRScan
import Registry
import Token2
import TokenCrypto
import TokenService

#if canImport(Glibc)
  import Glibc
#endif

/// The probing half of `tokenburner doctor`: looks at the machine and returns plain facts for
/// the pure checks of the `Doctor` target. Reads only; the one card command sent is GET INFO.
public struct DoctorProbe {
  public var environment: [String: String]

  /// A probe reading `environment` (the process's own by default).
  public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.environment = environment
  }

  public func pcsc() -> PCSCFacts {
    let fromEnvironment = environment["PCSCLITE_CSOCK_NAME"].map { !$0.isEmpty } ?? false
    let socket =
      fromEnvironment ? environment["PCSCLITE_CSOCK_NAME"]! : PCSCLibraryVersion.defaultSocket
    var facts = PCSCFacts(
      socketPath: socket, socketFromEnvironment: fromEnvironment,
      socketExists: Platform.isSocket(socket),
      daemonSeen: Self.processRunning(named: "pcscd"), contextFailure: nil, readers: [])
    let context: PCSCContext
    do {
      context = try PCSCContext()
    } catch {
      facts.contextFailure = error.operatorMessage
      return facts
    }
    defer { context.release() }
    do {
      facts.readers = try context.readerStates().map { Self.reader($0, context: context) }
    } catch .noReadersAvailable {
      facts.readers = []
    } catch {
      facts.contextFailure = error.operatorMessage
    }
    return facts
  }

  private static func reader(_ state: ReaderState, context: PCSCContext) -> ReaderFacts {
    switch state.card {
    case .absent: return ReaderFacts(name: state.name, slot: .empty)
    case .mute: return ReaderFacts(name: state.name, slot: .mute)
    case .exclusive: return ReaderFacts(name: state.name, slot: .exclusive)
    case .unavailable: return ReaderFacts(name: state.name, slot: .unavailable)
    case .present, .inUse:
      let card: ReaderFacts.Card
      do {
        let identity = try TokenService.token2(
          context: context, clock: { Int64(Date().timeIntervalSince1970) }
        ).identify(.named(state.name))
        card = .token(
          serial: identity.serial, model: identity.model?.displayName,
          driftSeconds: identity.clockDrift)
      } catch {
        switch error {
        case .connect(let failure): card = .other(failure.sentence)
        case .token(let failure): card = .other(failure.description)
        }
      }
      return ReaderFacts(name: state.name, slot: .card, card: card)
    }
  }

  /// The libraries loaded into this process (and the two the wizard loads, tried with dlopen),
  /// with the versions their C APIs report.
  public func libraries() -> [LibraryFacts] {
    let wanted: [(String, String, String, String?, Bool, String?)] = [
      (
        "libpcsclite", "PC/SC client", "libpcsclite1", PCSCLibraryVersion.headers + " (headers)",
        true, nil
      ),
      ("libcrypto", "HMAC, SM4, random numbers", "libssl3", LibCryptoVersion.runtime, true, nil),
      ("libzbar", "QR decoding", "libzbar0", ImageLibraryVersions.zbar, true, nil),
      ("libpng16", "PNG images", "libpng16-16", ImageLibraryVersions.png, true, nil),
      ("libturbojpeg", "JPEG images", "libturbojpeg0", nil, true, nil),
      ("libwebp", "WebP images", "libwebp7", ImageLibraryVersions.webp, true, nil),
      ("libsqlite3", "the registry", "libsqlite3-0", nil, true, nil),
      ("libncursesw", "the wizard's screen", "libncursesw6", nil, true, "libncursesw.so.6"),
      ("libqrencode", "QR codes in the terminal", "libqrencode4", nil, false, "libqrencode.so.4"),
    ]
    for soname in wanted.compactMap(\.5) { _ = dlopen(soname, RTLD_LAZY) }
    let mapped = Self.mappedLibraries()
    return wanted.map { name, purpose, package, version, essential, _ in
      let path = mapped.first { ($0 as NSString).lastPathComponent.hasPrefix(name + ".so") }
      return LibraryFacts(
        name: name, purpose: purpose, package: package, version: path == nil ? nil : version,
        path: path, essential: essential)
    }
  }

  public func locale() -> LocaleFacts {
    let source = ["LC_ALL", "LC_CTYPE", "LANG"].lazy
      .compactMap { name in self.environment[name].flatMap { $0.isEmpty ? nil : (name, $0) } }.first
    let accepted = setlocale(LC_CTYPE, "") != nil
    let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
    return LocaleFacts(
      source: source.map { (name: $0.0, value: $0.1) }, codeset: codeset, localeAccepted: accepted)
  }

  public func terminal() -> TerminalFacts {
    let term = environment["TERM"]
    let size = Platform.terminalSize(of: [STDOUT_FILENO, STDIN_FILENO, STDERR_FILENO])
    return TerminalFacts(
      term: term,
      isTerminal: Platform.isTerminal(STDIN_FILENO) && Platform.isTerminal(STDOUT_FILENO),
      colors: term.flatMap { $0.isEmpty || $0 == "dumb" ? nil : Self.terminfoColors(term: $0) },
      size: size, noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
  }

  public func registry(explicitPath: String?) -> RegistryFacts? {
    var variables = environment
    if let explicitPath { variables["TOKENBURNER_REGISTRY"] = explicitPath }
    guard let location = RegistryLocation.resolve(environment: variables) else { return nil }
    var status = stat()
    let entry: RegistryFacts.Entry
    if stat(location.path, &status) != 0 {
      entry = .missing
    } else if status.st_mode & S_IFMT == S_IFREG {
      entry = .file(
        mode: UInt16(status.st_mode & 0o7777), writable: access(location.path, W_OK) == 0)
    } else {
      entry = .notAFile
    }
    // The directory, or the closest ancestor that exists: creating the registry needs it to be
    // a directory this user may write to.
    var directory = location.directory
    let exists = Platform.isDirectory(directory)
    while stat(directory, &status) != 0 && directory != "/" {
      directory = (directory as NSString).deletingLastPathComponent
    }
    return RegistryFacts(
      location: location, entry: entry, directoryExists: exists,
      directoryWritable: Platform.isDirectory(directory) && access(directory, W_OK | X_OK) == 0,
      control: RegistryOwnershipProbe.problem(databasePath: location.path).map(Self.control),
      user: RegistryOwnershipProbe.userName(Platform.effectiveUserID))
  }

  /// The registry's own verdict in the Doctor target's terms, owners named.
  public static func control(_ problem: RegistryOwnership.Problem) -> RegistryFacts.Control {
    switch problem {
    case .symbolicLink(let path): .symbolicLink(path: path)
    case .notARegularFile(let path): .notARegularFile(path: path)
    case .fileOwnedByOther(let path, let owner):
      .fileOwnedBy(path: path, owner: RegistryOwnershipProbe.userName(owner))
    case .directoryOwnedByOther(let path, let owner):
      .directoryOwnedBy(path: path, owner: RegistryOwnershipProbe.userName(owner))
    case .directoryWritableByOthers(let path, let mode):
      .directoryWritableByOthers(path: path, mode: mode)
    case .notADirectory(let path): .notADirectory(path: path)
    }
  }

  // MARK: - Helpers

  /// Whether a process with this command name runs (nil when /proc cannot be read).
  public static func processRunning(named name: String) -> Bool? {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else {
      return nil
    }
    return entries.contains { entry in
      guard entry.allSatisfy(\.isNumber),
        let comm = try? String(contentsOfFile: "/proc/\(entry)/comm", encoding: .utf8)
      else { return false }
      return comm.trimmingCharacters(in: .whitespacesAndNewlines) == name
    }
  }

  public static func mappedLibraries() -> [String] {
    // Read to the end: /proc files report a size of 0, and a sized read stops early.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/maps")?.readDataToEndOfFile() else {
      return []
    }
    let maps = String(decoding: data, as: UTF8.self)
    var seen: [String] = []
    for line in maps.split(separator: "\n") {
      guard let slash = line.firstIndex(of: "/") else { continue }
      let path = String(line[slash...])
      if path.contains(".so") && !seen.contains(path) { seen.append(path) }
    }
    return seen
  }

  /// `tput colors` for `term`: the terminfo database's colour count, nil if TERM is unknown.
  public static func terminfoColors(term: String) -> Int? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/tput")
    process.arguments = ["-T", term, "colors"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { return nil }
    return Int(
      String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }
}
