#if FUZZING
  import FuzzTargets

  /// libFuzzer's entry points. `LLVMFuzzerRunDriver` is libFuzzer's documented way for a
  /// program that has its own `main` to start fuzzing; `LLVMFuzzerTestOneInput` is the
  /// callback it (and its own, unused, `main`) expects.
  enum LibFuzzer {
    typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    static func run() -> CInt {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      return runDriver(&argc, &argv, testOneInput)
    }
  }

  @_silgen_name("LLVMFuzzerRunDriver")
  func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: LibFuzzer.Callback
  ) -> CInt

  @_cdecl("LLVMFuzzerTestOneInput")
  func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    selectedTarget.run(bytes)
    return 0
  }
#endif
