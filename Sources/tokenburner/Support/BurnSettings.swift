import ArgumentParser
import OTP
import SecretSources
import Token2

extension Token2Algorithm: ExpressibleByArgument {
  /// `sha1` or `sha256` (any case, dashes allowed).
  public init?(argument: String) {
    guard let name = OTPAlgorithmName(uriValue: argument), let hash = name.hashAlgorithm,
      let algorithm = Token2Algorithm(hash)
    else { return nil }
    self = algorithm
  }

  public static var allValueStrings: [String] { ["sha1", "sha256"] }

  /// The lower-case name used on the command line and in JSON.
  var argumentName: String { rawValue.lowercased() }
}

extension Token2Period: ExpressibleByArgument {
  /// `30` or `60`.
  public init?(argument: String) {
    guard let seconds = Int(argument), let period = Token2Period(rawValue: seconds) else {
      return nil
    }
    self = period
  }

  public static var allValueStrings: [String] { allCases.map { String($0.seconds) } }
}

extension DisplayTimeout: ExpressibleByArgument {
  /// `15`, `30`, `60` or `120`.
  public init?(argument: String) {
    guard let seconds = Int(argument), let timeout = DisplayTimeout(rawValue: seconds) else {
      return nil
    }
    self = timeout
  }

  public static var allValueStrings: [String] { allCases.map { String($0.seconds) } }
}
