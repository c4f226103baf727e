import CPCSCLite

/// The pcsc-lite client library this build was compiled against.
public enum PCSCLibraryVersion {
  /// `PCSCLITE_VERSION_NUMBER` from the headers (libpcsclite has no run-time version call).
  public static let headers: String = PCSCLITE_VERSION_NUMBER
  /// The socket pcsc-lite's clients use unless `PCSCLITE_CSOCK_NAME` says otherwise.
  public static let defaultSocket = "/run/pcscd/pcscd.comm"
}
