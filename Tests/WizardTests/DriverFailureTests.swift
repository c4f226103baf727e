import Testing

@testable import Wizard

/// The sentences of the wizard's typed failures, written out: the tmux suites and operators
/// read exactly these (they were the texts of the old string failures).
@Suite struct DriverFailureTests {
  @Test func eachFixedCaseSaysItsSentence() {
    #expect(
      DriverFailure.vaultLockedBeforeRecording.message
        == "the vault is locked, so the key could not be kept; nothing was recorded.")
    #expect(
      DriverFailure.vaultLockedBeforeRegistration.message
        == "the vault is locked; go back to the token step and type its passphrase.")
    #expect(
      DriverFailure.printerNotStarted.message
        == "lp could not be started (is cups-client installed?)")
    #expect(DriverFailure.printRefused(status: 1, said: "").message == "lp exited 1")
    #expect(
      DriverFailure.printRefused(status: 1, said: "lp: No default destination.").message
        == "lp: No default destination.")
    #expect(
      DriverFailure.imageHoldsBinaryData(path: "/tmp/q.png").message
        == "The QR code in /tmp/q.png holds binary data, not an authenticator setup code.")
    #expect(
      DriverFailure.imageUnreadable(path: "/tmp/q.png", reason: "not an image").message
        == "/tmp/q.png: not an image")
    #expect(
      DriverFailure.backupCodesNotMade("RAND_bytes failed").message
        == "the backup codes could not be made: RAND_bytes failed.")
    #expect(DriverFailure.serialNotFound("no serial here").message == "no serial here.")
    #expect(
      DriverFailure.registryBusy("the registry is busy.").description == "the registry is busy.")
  }

  @Test func vaultFailuresSayTheirClauseAndWhetherTheKeyIsHeld() {
    #expect(VaultFailure.locked.message == "the vault is locked; type its passphrase.")
    #expect(!VaultFailure.locked.isStillUnlocked)
    #expect(
      !VaultFailure.notUnlocked("wrong vault passphrase; nothing was changed.").isStillUnlocked)
    #expect(VaultFailure.readFailed("damaged.").isStillUnlocked)
    #expect(
      VaultFailure.countsEvents(serial: "8651000042").message
        == "token 8651000042 counts events (HOTP); only time-based (TOTP) tokens can be registered."
    )
    #expect(VaultFailure.countsEvents(serial: "8651000042").isStillUnlocked)
    #expect(
      VaultFailure.algorithmNotRecorded(serial: "8651000042", algorithm: "sha512").message
        == "token 8651000042 uses sha512, which the registry does not record.")
  }
}
