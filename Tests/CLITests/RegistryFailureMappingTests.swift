import Registry
import Testing

@testable import Wizard
@testable import tokenburner

/// The registry's errors as the wizard's typed failures: each kind to its case, the registry's
/// sentence carried unchanged.
@Suite struct RegistryFailureMappingTests {
  @Test func busyRateLimitedUnreadableAndRefusedAreTheirOwnCases() {
    let busy = RegistryError.busy(path: "/r.sqlite")
    #expect(RegistryDriver.failure(busy) == .registryBusy(busy.description))
    let limited = RegistryError.rateLimited(user: "ann", retryAfter: 60)
    #expect(RegistryDriver.failure(limited) == .registryRateLimited(limited.description))
    let missing = RegistryError.noRegistry(path: "/r.sqlite")
    #expect(RegistryDriver.failure(missing) == .registryUnreadable(missing.description))
    let foreign = RegistryError.notARegistry(path: "/r.sqlite", reason: "not a database")
    #expect(RegistryDriver.failure(foreign) == .registryUnreadable(foreign.description))
    let gone = RegistryError.noSuchEnrollment(7)
    #expect(RegistryDriver.failure(gone) == .registryRefused(gone.description))
  }
}
