/// Where a recorded enrollment goes next (an identity server that gets the token assigned).
/// Called after the store has committed the enrollment, with the enrollment and how it came
/// about, never the secret: a sink that needs it (`PrivacyIDEASink`) is made per burn with that
/// burn's secret. The command line still passes `NoEnrollmentSink`.
///
/// A sink does not fail the burn: the token is burned and recorded by then, so an
/// implementation reports (or queues) its own failures.
public protocol EnrollmentSink: Sendable {
  /// The store has recorded `enrollment` (new, re-burned or replacing another, as `outcome`).
  func enrollmentRecorded(_ enrollment: Enrollment, outcome: BurnRecordOutcome)
}

/// The sink of a registry that tells nobody.
public struct NoEnrollmentSink: EnrollmentSink {
  public init() {}

  public func enrollmentRecorded(_ enrollment: Enrollment, outcome: BurnRecordOutcome) {}
}
