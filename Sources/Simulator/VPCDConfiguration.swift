/// Makes the virtual card leave the field in the middle of a session, to exercise link-loss
/// recovery: after the `dropAfterAPDU`-th APDU since the fault was armed, the client closes
/// its vpcd connection instead of answering, waits `returnAfter`, and connects again (the
/// card is back). One-shot: the fault disarms itself when it fires.
public struct VPCDFault: Equatable, Sendable {
  /// Which APDU (1 = the first after arming) never gets an answer; `nil` disables the fault.
  public var dropAfterAPDU: Int?
  /// Whether the applet processes that APDU before the drop (the host cannot tell: its
  /// command may or may not have taken effect).
  public var executeBeforeDrop: Bool
  /// How long the card stays out of the field before it connects again.
  public var returnAfter: Duration

  public init(
    dropAfterAPDU: Int?, executeBeforeDrop: Bool = false,
    returnAfter: Duration = .milliseconds(200)
  ) {
    self.dropAfterAPDU = dropAfterAPDU
    self.executeBeforeDrop = executeBeforeDrop
    self.returnAfter = returnAfter
  }
}

/// Where the virtual card finds vpcd and how hard it tries.
public struct VPCDConfiguration: Equatable, Sendable {
  /// vpcd's host; vpcd listens on all IPv4 addresses.
  public var host: String
  /// vpcd's port: `CHANNELID` in the reader.conf (default 35963). The reader's second slot
  /// listens on `port + 1`.
  public var port: UInt16
  /// The pause between connection attempts while vpcd is not (yet) listening.
  public var retryInterval: Duration
  /// How long to keep trying while vpcd is unreachable before giving up with `.failed`;
  /// `nil` tries forever. Applies at start and after every drop.
  public var giveUpAfter: Duration?
  /// A fault to arm from the start.
  public var fault: VPCDFault?
  /// How long after connecting the card waits for pcscd to take it up (a power-on, a reset
  /// or an APDU) before it leaves and comes back (a rejoin); `nil` never rejoins. pcscd
  /// 1.9.9 can show a returned card as absent for good when it missed the absence (see
  /// docs/pcsc-sandbox.md, "A desync explained"); only a removal that its reader thread
  /// sees clears that, and it powers every card it sees arrive.
  public var registrationTimeout: Duration?
  /// How long a rejoin stays out of the field; several of pcscd's 0.4 s presence polls.
  public var rejoinAway: Duration
  /// Rejoins per insertion at most (a pcscd that never powers new cards stays as it is).
  public var maxRejoins: Int

  public init(
    host: String = "127.0.0.1", port: UInt16 = VPCDFrame.defaultPort,
    retryInterval: Duration = .milliseconds(50), giveUpAfter: Duration? = .seconds(10),
    fault: VPCDFault? = nil, registrationTimeout: Duration? = .milliseconds(1500),
    rejoinAway: Duration = .seconds(1), maxRejoins: Int = 3
  ) {
    self.host = host
    self.port = port
    self.retryInterval = retryInterval
    self.giveUpAfter = giveUpAfter
    self.fault = fault
    self.registrationTimeout = registrationTimeout
    self.rejoinAway = rejoinAway
    self.maxRejoins = maxRejoins
  }
}
