import OTP
import Registry
import Synchronization

/// The `EnrollmentSink` of one burn: after the registry has recorded the enrollment, it is
/// pushed to privacyIDEA with the burn's secret. The store hands sinks no secret, so the
/// caller makes one sink per burn with the secret it just burned; the results are kept for
/// the caller to report and record.
public final class PrivacyIDEASink: EnrollmentSink {
  let pusher: PrivacyIDEAPusher
  let secret: Secret
  let clock: @Sendable () -> Int64
  private let recorded = Mutex<[PushResult]>([])

  public init(pusher: PrivacyIDEAPusher, secret: Secret, clock: @escaping @Sendable () -> Int64) {
    self.pusher = pusher
    self.secret = secret
    self.clock = clock
  }

  /// A re-burn of the same serial for the same user is a deliberate rollover; anything else
  /// leaves an existing serial at the server alone.
  public func enrollmentRecorded(_ enrollment: Enrollment, outcome: BurnRecordOutcome) {
    let result = pusher.push(
      enrollment, secret: secret, at: clock(), rollover: outcome == .reburned)
    recorded.withLock { $0.append(result) }
  }

  /// What each push so far came to, in order.
  public var results: [PushResult] { recorded.withLock { $0 } }
}
