/// Judges pcscd and the readers.
public enum PCSCChecks {
  /// How to start pcscd, for every finding that needs it.
  static let startDaemon =
    "Start it with `sudo systemctl start pcscd` (or `sudo pcscd` where systemd does not run); "
    + "install it with `sudo apt-get install pcscd` if it is missing."

  /// The socket, the connection, then one finding per reader (or one for no reader at all).
  /// Readers are not judged when no connection could be made.
  public static func check(_ facts: PCSCFacts) -> [Finding] {
    var findings = [socket(facts)]
    if let failure = facts.contextFailure {
      findings.append(
        Finding(
          "pcscd", "connection", .problem, "tokenburner cannot talk to pcscd: \(failure)",
          fix: facts.socketExists
            ? "pcscd is there but refused or did not answer: restart it (`sudo systemctl restart pcscd`)"
            : startDaemon))
      return findings
    }
    findings.append(Finding("pcscd", "connection", .ok, "a PC/SC context was established"))
    findings += readers(facts.readers)
    return findings
  }

  static func socket(_ facts: PCSCFacts) -> Finding {
    let chosen = facts.socketFromEnvironment ? " (from PCSCLITE_CSOCK_NAME)" : ""
    if facts.socketExists {
      return Finding("pcscd", "socket", .ok, "\(facts.socketPath)\(chosen) exists")
    }
    if facts.socketFromEnvironment {
      return Finding(
        "pcscd", "socket", .problem,
        "PCSCLITE_CSOCK_NAME names \(facts.socketPath), which does not exist",
        fix:
          "start the pcscd that socket belongs to, or `unset PCSCLITE_CSOCK_NAME` to use the system pcscd"
      )
    }
    let running = facts.daemonSeen == true ? "a pcscd process runs but " : "pcscd is not running: "
    return Finding(
      "pcscd", "socket", .problem, "\(running)its socket \(facts.socketPath) is missing",
      fix: facts.daemonSeen == true
        ? "restart it: `sudo systemctl restart pcscd`"
        : startDaemon)
  }

  static func readers(_ readers: [ReaderFacts]) -> [Finding] {
    guard !readers.isEmpty else {
      return [
        Finding(
          "readers", "readers", .problem, "no PC/SC reader is connected",
          fix: "plug in the NFC reader; if it still does not show, install its driver "
            + "(`sudo apt-get install libccid`) and restart pcscd (`sudo systemctl restart pcscd`)")
      ]
    }
    return readers.map(reader)
  }

  static func reader(_ reader: ReaderFacts) -> Finding {
    let name = reader.name
    switch (reader.slot, reader.card) {
    case (.empty, _):
      return Finding(
        "readers", name, .ok, "ready, no token on it (lay one on it to check the token too)")
    case (.mute, _):
      return Finding(
        "readers", name, .warning, "something is on the reader but does not answer",
        fix: "switch the token on (press its button) and lay it flat on the reader")
    case (.exclusive, _):
      return Finding(
        "readers", name, .warning, "another program holds the card on this reader exclusively",
        fix: "close the other smart-card program (a browser or a vendor tool), then try again")
    case (.unavailable, _):
      return Finding(
        "readers", name, .warning, "the reader cannot report its state",
        fix: "unplug the reader and plug it in again")
    case (.card, .token(let serial, let model, let drift)?):
      let kind = model ?? "unknown model: burning it needs --allow-unknown-model"
      return Finding(
        "readers", name, model == nil ? .warning : .ok,
        "Token2 token \(serial) (\(kind)), clock \(drift >= 0 ? "+" : "")\(drift) s off",
        fix: model == nil ? "check that this is the token you expect before burning it" : nil)
    case (.card, .other(let reason)?):
      return Finding(
        "readers", name, .warning,
        "a card is on the reader but it is not a Token2 token: \(reason)",
        fix: "lay a Token2 programmable token on the reader instead")
    case (.card, nil):
      return Finding("readers", name, .ok, "a card is on the reader")
    }
  }
}
