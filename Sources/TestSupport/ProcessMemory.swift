import Foundation

/// What the kernel says about this process's memory, for tests of locked, undumpable pages.
public enum ProcessMemory {
  /// The VmFlags of the mapping holding `address` (`/proc/self/smaps`): `lo` for a page locked
  /// with mlock(2), `dd` for one marked MADV_DONTDUMP. `nil` when no mapping holds it.
  public static func pageFlags(of address: UnsafeRawPointer) -> Set<String>? {
    // Read to the end: /proc files report size 0, and smaps is longer than one read.
    guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else {
      return nil
    }
    let target = UInt(bitPattern: address)
    var inside = false
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
      let fields = line.split(separator: " ")
      if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
        let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
        inside = bounds.count == 2 && bounds[0] <= target && target < bounds[1]
      } else if inside, line.hasPrefix("VmFlags:") {
        return Set(fields.dropFirst().map(String.init))
      }
    }
    return nil
  }

  /// Kibibytes locked in this process (`VmLck` in `/proc/self/status`), -1 when unreadable.
  public static func lockedKiB() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix("VmLck:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
  }
}
