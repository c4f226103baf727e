import Foundation
import FuzzTargets

/// Without libFuzzer: runs the target on every file named, or every file in a directory named.
enum Replay {
  static func run(_ target: FuzzTarget, paths: [String]) -> Int32 {
    let files = FileManager.default
    var count = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
        FileHandle.standardError.write(Data("tokenburner-fuzz: no such file: \(path)\n".utf8))
        return 66
      }
      let inputs =
        isDirectory.boolValue
        ? ((try? files.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
        : [path]
      for input in inputs {
        guard let data = files.contents(atPath: input) else { continue }
        target.run(Array(data))
        count += 1
      }
    }
    print("tokenburner-fuzz: \(target.rawValue): \(count) inputs ran without a crash")
    return 0
  }
}
