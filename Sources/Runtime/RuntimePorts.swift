/// Everything the loop talks to besides the terminal: the composition root builds one, the
/// runtime tests build one from fakes.
public struct RuntimePorts {
  /// Files, the printer, the random source.
  public var host: any HostPort
  /// The registry and its vault.
  public var registry: any RegistryPort
  /// QR payloads from image files.
  public var imageDecoder: any ImageSecretDecoder
  /// Makes the reader port, posting to the loop's queue (made once per run).
  public var makeReaders: (EventQueue) -> any ReaderPort
  /// Where file, printer and registry work runs.
  public var executor: any EffectExecutor
  /// The wall clock of ticks and deadlines.
  public var clock: any WallClock
  /// SIGINT, SIGTERM and SIGHUP.
  public var signals: any SignalPort

  /// Ports as given; the defaults are the product's (PC/SC readers, QRScan, a dispatch
  /// queue, the system clock, the process's signals).
  public init(
    host: any HostPort, registry: any RegistryPort,
    imageDecoder: any ImageSecretDecoder = QRScanImageDecoder(),
    makeReaders: @escaping (EventQueue) -> any ReaderPort = { ReaderWorker(events: $0) },
    executor: any EffectExecutor = BackgroundExecutor(), clock: any WallClock = SystemClock(),
    signals: any SignalPort = SignalTrap()
  ) {
    self.host = host
    self.registry = registry
    self.imageDecoder = imageDecoder
    self.makeReaders = makeReaders
    self.executor = executor
    self.clock = clock
    self.signals = signals
  }
}
