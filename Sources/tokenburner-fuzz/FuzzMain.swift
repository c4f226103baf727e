import Foundation
import FuzzTargets

/// `tokenburner-fuzz`: runs one `FuzzTarget`, chosen by the `FUZZ_TARGET` environment variable
/// (libFuzzer owns the command line).
///
/// Built with `-sanitize=fuzzer -DFUZZING` (`make fuzz`), it hands the target to libFuzzer and
/// every argument is a libFuzzer flag or corpus directory. Built normally (as `swift build`
/// does), it replays the files and directories it is given through the target and reports how
/// many ran: the way to re-check a crash input after a fix.
@main
enum FuzzMain {
  static func main() {
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(
        Data("tokenburner-fuzz: set FUZZ_TARGET to one of: \(names)\n".utf8))
      exit(64)
    }
    selectedTarget = target
    #if FUZZING
      exit(LibFuzzer.run())
    #else
      exit(Replay.run(target, paths: Array(CommandLine.arguments.dropFirst())))
    #endif
  }
}

/// The target libFuzzer's C callback runs (it cannot capture context). Set once in `main`
/// before fuzzing starts; libFuzzer calls back on the main thread.
nonisolated(unsafe) var selectedTarget = FuzzTarget.otpauth
