import Foundation
import Platform
import Testing

/// The shared C calls answer as the calls they replaced: timeouts in whole milliseconds
/// (negative parts as zero, clamped), path kinds, terminals and errno text.
@Suite struct PlatformTests {
  @Test func timeoutsAreWholeMillisecondsClampedToTheLimit() {
    #expect(Platform.milliseconds(.seconds(1.5), atMost: .max) == 1500)
    #expect(Platform.milliseconds(.nanoseconds(999_999), atMost: .max) == 0)
    #expect(Platform.milliseconds(.microseconds(2_500), atMost: .max) == 2)
    #expect(Platform.milliseconds(.seconds(-3), atMost: .max) == 0)
    #expect(
      Platform.milliseconds(.seconds(3_000_000), atMost: Int64(Int32.max)) == Int64(Int32.max))
    #expect(Platform.milliseconds(.zero, atMost: 10) == 0)
  }

  @Test func pathKinds() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("platform-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let file = directory + "/file"
    #expect(FileManager.default.createFile(atPath: file, contents: Data()))
    #expect(Platform.isDirectory(directory))
    #expect(!Platform.isDirectory(file))
    #expect(!Platform.isDirectory(directory + "/missing"))
    #expect(!Platform.isSocket(file))
    #expect(!Platform.isSocket(directory))
  }

  @Test func noTerminalOnAClosedDescriptorOrAPipe() throws {
    #expect(!Platform.isTerminal(-1))
    #expect(Platform.terminalSize(of: [-1]) == nil)
    let pipe = Pipe()
    #expect(!Platform.isTerminal(pipe.fileHandleForReading.fileDescriptor))
    #expect(Platform.terminalSize(of: [pipe.fileHandleForWriting.fileDescriptor]) == nil)
  }

  @Test func errnoText() {
    #expect(Platform.errorText(2) == "No such file or directory")
    #expect(Platform.errorText(13) == "Permission denied")
  }
}
