import Dispatch
import Foundation
import PostgresRegistry
import Registry
import Synchronization
import Testing

/// Eight desks (each its own connection, so its own server session) record 100 burns each at
/// once, for distinct users and serials: all 800 are recorded once, each with its audit row,
/// although the serializable transactions conflict and are retried. Prints the p50/p95 time
/// of recording one burn.
@Suite struct PostgresLoadTests {
  @Test func eightDesksRecordEightHundredBurnsWithNoneLostOrDoubled() throws {
    let database = try PostgresTestDatabase()
    defer { database.drop() }
    let desks = try (0..<8).map { _ in try database.open() }
    let failures = Mutex<[String]>([])
    let timings = Mutex<[Double]>([])
    // One queue (so one thread) per desk: all eight write at once, whatever the core count.
    let group = DispatchGroup()
    for desk in desks.indices {
      DispatchQueue(label: "desk\(desk)").async(group: group) {
        for index in 0..<100 {
          let record = burnRecord(
            user: "user-\(desk)-\(index)", service: "Jira",
            serial: String(8_659_632_000_000 + desk * 1_000 + index))
          let started = ContinuousClock.now
          do {
            _ = try desks[desk].recordBurn(record, at: Int64(index), operatorName: "desk\(desk)")
            let elapsed = ContinuousClock.now - started
            let seconds =
              Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            timings.withLock { $0.append(seconds) }
          } catch {
            failures.withLock { $0.append("desk \(desk) burn \(index): \(error)") }
          }
        }
      }
    }
    group.wait()
    #expect(failures.withLock { $0 } == [])
    let store = desks[0]
    let enrollments = try store.enrollments(user: nil, status: .active)
    #expect(enrollments.count == 800)
    #expect(Set(enrollments.map(\.serial)).count == 800)
    #expect(Set(enrollments.map(\.user)).count == 800)
    let audit = try store.history(user: nil, serial: nil)
    #expect(
      audit.count == 800 && Set(audit.compactMap(\.enrollmentId)) == Set(enrollments.map(\.id)))
    let sorted = timings.withLock { $0 }.sorted()
    if !sorted.isEmpty {
      let p50 = sorted[sorted.count / 2] * 1000
      let p95 = sorted[min(sorted.count - 1, sorted.count * 95 / 100)] * 1000
      print(
        "PostgresLoadTests: \(sorted.count) burns recorded by 8 desks; one recording p50 "
          + String(format: "%.1f", p50) + " ms, p95 " + String(format: "%.1f", p95) + " ms")
    }
  }
}
