import OTP
import Registry
import Testing
import TokenCrypto

/// Each user of `ScryptCost` keeps its own default and minimum: backup codes (OTP) and the
/// vault (Registry), as PRODUCT.md and docs/vault.md state them.
@Suite struct ScryptCostUsersTests {
  @Test func backupCodesHashWithTheirOwnDefault() throws {
    let code = try #require(BackupCode(typed: "k7qmx-4xtpr-9whzd"))
    let hash = try BackupCodeHash.make(code, salt: Array(repeating: 1, count: 16))
    #expect(hash.parameters == ScryptCost(n: 16_384, r: 8, p: 1))
    #expect(hash.encoded.hasPrefix("scrypt$16384$8$1$01010101"))
  }

  @Test func theVaultHasItsOwnDefaultAndMinimum() {
    #expect(ScryptCost.vault == ScryptCost(n: 131_072, r: 8, p: 1))
    #expect(ScryptCost.vaultMinimum == ScryptCost(n: 32_768, r: 8, p: 1))
    #expect(
      ScryptCost.vault.isStrongEnoughForVault && ScryptCost.vaultMinimum.isStrongEnoughForVault)
    #expect(
      !ScryptCost.backupCode.isStrongEnoughForVault, "the codes' cost is too cheap for a passphrase"
    )
    #expect(!ScryptCost(n: 1 << 16, r: 4, p: 4).isStrongEnoughForVault, "p does not make up for r")
  }
}
