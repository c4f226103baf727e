import ArgumentParser
import Foundation
import OTP
import OperatorOutput
import Testing

@testable import tokenburner

/// A secret typed where a name, a path or a user belongs must not come back in an error, in
/// human or JSON form.
@Suite struct SecretArgumentTests {
  static let code = "K7QMX-4XTPR-9WHZD"

  @Test(arguments: [code, "K7QMX4XTPR9WHZD", "k7qmx-4xtpr-9whzd", "K7QMX 4XTPR 9WHZD"])
  func backupCodesLookLikeSecrets(_ argument: String) {
    #expect(ArgumentRedaction.looksLikeSecret(argument))
  }

  @Test(arguments: [
    "ann@example.com", "8659632000001", "C302-i", "sha256", "generate", "K7QMX-4XTPR",
  ])
  func ordinaryArgumentsDoNot(_ argument: String) {
    #expect(!ArgumentRedaction.looksLikeSecret(argument))
  }

  @Test func aBackupCodeIsRedactedInAnyForm() {
    let message = "code refused for K7QMX-4XTPR-9WHZD (K7QMX4XTPR9WHZD, k7qmx-4xtpr-9whzd)"
    let redacted = ArgumentRedaction.redact(
      message, arguments: ["codes", "verify", "--user", "k7qmx-4xtpr-9whzd"])
    #expect(redacted == "code refused for <redacted> (<redacted>, <redacted>)")
  }

  @Test func anOptionValueJoinedWithEqualsIsRedacted() {
    let uri = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"
    let arguments = ["code", "--secret-env=\(uri)", "--user=JBSWY3DPEHPK3PXPJBSW"]
    #expect(ArgumentRedaction.containsSecretLookalike(arguments))
    let redacted = ArgumentRedaction.redact(
      "no variable \(uri); user JBSWY3DPEHPK3PXPJBSW", arguments: arguments)
    #expect(!redacted.contains("JBSWY3DP"))
  }

  /// The value of `--secret-env` may be the secret itself; the error names the option instead.
  @Test func secretEnvNamingAURIIsNotEchoed() throws {
    let uri = "otpauth://totp/Acme:ann?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Acme"
    let options = try SecretSourceOptions.parse(["--secret-env", uri])
    do {
      _ = try options.load()
      Issue.record("loaded")
    } catch {
      #expect(!error.message.contains("MFRGGZDF"))
      #expect(!error.message.contains("otpauth"))
      #expect(error.message.contains("--secret-env"))
    }
  }

  @Test func passphraseOptionsNameTheOptionNotTheValue() {
    let typed = "correct horse battery staple"
    var messages: [String] = []
    do { _ = try PassphraseReader.environment(typed, option: "--passphrase-env") } catch {
      messages.append(error.message)
    }
    do { _ = try PassphraseReader.file(typed, option: "--passphrase-file") } catch {
      messages.append(error.message)
    }
    #expect(messages.count == 2)
    for message in messages {
      #expect(!message.contains("horse"), "\(message)")
      #expect(message.contains("--passphrase-"))
    }
  }
}
