// swift-tools-version: 6.1
import PackageDescription

/// Swift settings shared by every Swift target: Swift 6 language mode with the upcoming
/// features that keep imports and existentials explicit.
let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
]

/// A system-library shim: one module map, one header, one pkg-config name, one apt provider.
func shim(_ name: String, pkgConfig: String, apt: String) -> Target {
  .systemLibrary(name: name, pkgConfig: pkgConfig, providers: [.apt([apt])])
}

// Linux only: the drivers call Glibc and link the Debian builds of pcsclite, ncursesw and the
// image libraries, so no `platforms:` claim is made for systems that do not build.
let package = Package(
  name: "tokenburner",
  products: [
    .executable(name: "tokenburner", targets: ["tokenburner"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
  ],
  targets: [
    // MARK: - System library shims (Debian -dev packages)
    shim("CLibCrypto", pkgConfig: "libcrypto", apt: "libssl-dev"),
    shim("CNCursesW", pkgConfig: "ncursesw", apt: "libncurses-dev"),
    shim("CPCSCLite", pkgConfig: "libpcsclite", apt: "libpcsclite-dev"),
    shim("CZBar", pkgConfig: "zbar", apt: "libzbar-dev"),
    shim("CQREncode", pkgConfig: "libqrencode", apt: "libqrencode-dev"),
    shim("CPNG", pkgConfig: "libpng", apt: "libpng-dev"),
    shim("CJPEG", pkgConfig: "libjpeg", apt: "libjpeg62-turbo-dev"),
    shim("CTurboJPEG", pkgConfig: "libturbojpeg", apt: "libturbojpeg0-dev"),
    shim("CWebP", pkgConfig: "libwebp", apt: "libwebp-dev"),
    shim("CGIF", pkgConfig: "libgif", apt: "libgif-dev"),
    shim("CTIFF", pkgConfig: "libtiff-4", apt: "libtiff-dev"),
    shim("CCurl", pkgConfig: "libcurl", apt: "libcurl4-openssl-dev"),
    shim("CLibPQ", pkgConfig: "libpq", apt: "libpq-dev"),
    // libc only (prctl, setrlimit, mmap): no library to link, no package to name.
    .systemLibrary(name: "CSystemCalls"),

    // MARK: - Pure and thin-wrapper libraries
    .target(name: "SafeText", swiftSettings: strictSettings),
    .target(name: "HexCoding", swiftSettings: strictSettings),
    .target(name: "Platform", swiftSettings: strictSettings),
    .target(
      name: "TokenCrypto", dependencies: ["CLibCrypto", "CSystemCalls"],
      swiftSettings: strictSettings),
    .target(
      name: "OTP", dependencies: ["TokenCrypto", "SafeText", "HexCoding"],
      swiftSettings: strictSettings),
    .target(name: "SmartCard", dependencies: ["HexCoding"], swiftSettings: strictSettings),
    .target(
      name: "Token2", dependencies: ["SmartCard", "OTP", "TokenCrypto"],
      swiftSettings: strictSettings),
    .target(
      name: "Molto2", dependencies: ["SmartCard", "OTP", "TokenCrypto", "HexCoding"],
      swiftSettings: strictSettings),
    .target(
      name: "Simulator",
      dependencies: [
        "SmartCard", "Token2", "Molto2", "YubiKeyOATH", "OTP", "TokenCrypto", "Platform",
      ],
      swiftSettings: strictSettings),
    .target(
      name: "YubiKeyOATH", dependencies: ["SmartCard", "OTP", "TokenCrypto", "HexCoding"],
      swiftSettings: strictSettings),
    .target(
      name: "TokenService", dependencies: ["SmartCard", "Token2"], swiftSettings: strictSettings),
    .target(
      name: "Wizard", dependencies: ["OTP", "SmartCard", "Token2", "TokenCrypto", "SafeText"],
      swiftSettings: strictSettings),
    // The wizard's drawing, pure: no curses, no libqrencode (scripts/check-links.sh).
    .target(name: "Canvas", dependencies: ["SafeText"], swiftSettings: strictSettings),
    .target(
      name: "Screens", dependencies: ["Wizard", "Canvas", "OTP", "Token2"],
      swiftSettings: strictSettings),

    // MARK: - Drivers (the only importers of their C library)
    .target(
      name: "PCSC", dependencies: ["SmartCard", "CPCSCLite", "Platform"],
      swiftSettings: strictSettings),
    .target(
      name: "PCSCTokenService", dependencies: ["TokenService", "PCSC", "SmartCard", "Token2"],
      swiftSettings: strictSettings),
    .target(
      name: "Registry",
      dependencies: ["OTP", "SeedFiles", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strictSettings),
    .target(name: "PostgresClient", dependencies: ["CLibPQ"], swiftSettings: strictSettings),
    .target(
      name: "PostgresRegistry", dependencies: ["Registry", "PostgresClient", "OTP"],
      swiftSettings: strictSettings),
    .target(
      name: "SeedFiles", dependencies: ["OTP", "TokenCrypto"], swiftSettings: strictSettings),
    .target(
      name: "QRScan", dependencies: ["CZBar", "CPNG", "CTurboJPEG", "CWebP", "CGIF", "CTIFF"],
      swiftSettings: strictSettings),
    .target(
      name: "Terminal", dependencies: ["CNCursesW", "Canvas"], swiftSettings: strictSettings),
    .target(
      name: "QREncoding", dependencies: ["CQREncode", "Canvas"], swiftSettings: strictSettings),
    .target(name: "HTTPClient", dependencies: ["CCurl"], swiftSettings: strictSettings),
    .target(
      name: "PrivacyIDEA",
      dependencies: [
        "HTTPClient", "OTP", "Registry", "HexCoding", "TokenCrypto",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ],
      swiftSettings: strictSettings),

    // MARK: - The wizard's runtime: the loop and its ports (terminal, readers, registry, host)
    .target(
      name: "Runtime",
      dependencies: [
        "Wizard", "Screens", "Canvas", "Terminal", "QREncoding", "PCSC", "SmartCard", "Token2",
        "OTP", "TokenCrypto",
        "QRScan", "TokenService", "PCSCTokenService",
      ],
      swiftSettings: strictSettings),

    // MARK: - The command line's libraries (the executable keeps commands and wiring)
    .target(
      name: "OperatorOutput", dependencies: ["OTP", "SafeText"], swiftSettings: strictSettings),
    .target(
      name: "ImagePayloads", dependencies: ["OTP", "QRScan", "SafeText", "TokenCrypto"],
      swiftSettings: strictSettings),
    .target(
      name: "SecretSources", dependencies: ["ImagePayloads", "OTP", "SeedFiles", "TokenCrypto"],
      swiftSettings: strictSettings),
    .target(
      name: "BurnPreparation", dependencies: ["OTP", "OperatorOutput", "SecretSources", "Token2"],
      swiftSettings: strictSettings),
    .target(
      name: "BackupSheets", dependencies: ["OTP", "Registry", "SafeText"],
      swiftSettings: strictSettings),
    .target(
      name: "DoctorProbes",
      dependencies: [
        "Doctor", "PCSC", "PCSCTokenService", "Platform", "QRScan", "Registry", "Token2",
        "TokenCrypto", "TokenService",
      ],
      swiftSettings: strictSettings),

    // MARK: - Executable (composition root)
    .executableTarget(
      name: "tokenburner",
      dependencies: [
        "TokenCrypto", "OTP", "SmartCard", "Token2", "Molto2", "YubiKeyOATH", "Simulator", "PCSC",
        "Registry",
        "QRScan",
        "SeedFiles", "Wizard", "Canvas", "Terminal", "QREncoding", "Screens", "Runtime", "Doctor",
        "SafeText",
        "HexCoding", "Platform", "HTTPClient", "PrivacyIDEA", "PostgresClient",
        "PostgresRegistry", "TokenService", "PCSCTokenService", "OperatorOutput", "ImagePayloads",
        "BackupSheets", "DoctorProbes", "SecretSources", "BurnPreparation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings),

    // MARK: - Tests

    // Test doubles and shared fixtures: only test targets and the fuzz targets depend on it.
    .target(
      name: "TestSupport",
      dependencies: ["SmartCard", "OTP", "Token2", "HexCoding", "TokenService"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "SystemLibraryTests",
      dependencies: [
        "CLibCrypto", "CNCursesW", "CPCSCLite", "CZBar", "CQREncode", "CPNG", "CJPEG", "CGIF",
        "CTIFF", "CCurl", "CLibPQ",
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "TokenCryptoTests", dependencies: ["TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "OTPTests", dependencies: ["OTP", "TestSupport"], swiftSettings: strictSettings),
    .testTarget(
      name: "HexCodingTests", dependencies: ["HexCoding", "SmartCard"],
      swiftSettings: strictSettings),
    .testTarget(name: "PlatformTests", dependencies: ["Platform"], swiftSettings: strictSettings),
    .testTarget(name: "SafeTextTests", dependencies: ["SafeText"], swiftSettings: strictSettings),
    .testTarget(
      name: "Token2Tests",
      dependencies: ["SmartCard", "Token2", "Simulator", "OTP", "TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "TokenServiceTests",
      dependencies: [
        "TokenService", "Token2", "Simulator", "SmartCard", "OTP", "TokenCrypto", "TestSupport",
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "YubiKeyOATHTests",
      dependencies: ["YubiKeyOATH", "SmartCard", "Simulator", "OTP", "TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "Molto2Tests",
      dependencies: ["SmartCard", "Molto2", "Simulator", "OTP", "TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "PCSCTests",
      dependencies: ["PCSC", "SmartCard", "Simulator", "Molto2", "OTP", "TokenCrypto"],
      swiftSettings: strictSettings),
    .testTarget(name: "QRScanTests", dependencies: ["QRScan"], swiftSettings: strictSettings),
    .testTarget(
      name: "WizardTests",
      dependencies: ["Wizard", "OTP", "SmartCard", "Token2", "TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "ScreensTests",
      dependencies: [
        "Screens", "Wizard", "Canvas", "QREncoding", "OTP", "Token2", "SmartCard", "TestSupport",
      ],
      exclude: ["Snapshots"], swiftSettings: strictSettings),
    .testTarget(
      name: "RuntimeTests",
      dependencies: [
        "Runtime", "Wizard", "Screens", "Canvas", "Terminal", "Simulator", "OTP", "SmartCard",
        "Token2", "TokenCrypto", "TestSupport",
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "TerminalTests", dependencies: ["Terminal", "Canvas", "QREncoding"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "tokenburner", "SafeText", "Registry", "SeedFiles", "Wizard", "OTP", "SmartCard", "Token2",
        "Molto2", "TokenCrypto", "OperatorOutput", "ImagePayloads", "BackupSheets",
        "BurnPreparation",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "RegistryTests",
      dependencies: [
        "Registry", "SeedFiles", "OTP", "TokenCrypto", "PostgresClient", "PostgresRegistry",
        .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strictSettings),
    .testTarget(
      name: "PostgresClientTests", dependencies: ["PostgresClient"], swiftSettings: strictSettings),
    .testTarget(
      name: "SeedFilesTests", dependencies: ["SeedFiles", "OTP", "TokenCrypto", "TestSupport"],
      swiftSettings: strictSettings),

    .testTarget(
      name: "PrivacyIDEATests",
      dependencies: ["PrivacyIDEA", "HTTPClient", "Registry", "OTP", "TokenCrypto"],
      swiftSettings: strictSettings),

    // MARK: - Fuzzing and benchmarks (make fuzz, make bench; not part of the product)
    .target(
      name: "FuzzTargets",
      dependencies: [
        "OTP", "SmartCard", "Token2", "YubiKeyOATH", "Simulator", "QRScan", "TokenCrypto",
        "TestSupport",
      ],
      swiftSettings: strictSettings),
    .executableTarget(
      name: "tokenburner-fuzz", dependencies: ["FuzzTargets"], swiftSettings: strictSettings),
    .executableTarget(
      name: "tokenburner-bench", dependencies: ["OTP", "TokenCrypto", "HexCoding"],
      swiftSettings: strictSettings),
    .testTarget(
      name: "FuzzTargetTests",
      dependencies: ["FuzzTargets", "OTP", "SmartCard", "Token2", "TestSupport"],
      swiftSettings: strictSettings),

    // MARK: - tokenburner doctor: the pure checks (the probes live in the executable)
    .target(name: "Doctor", swiftSettings: strictSettings),
    .testTarget(name: "DoctorTests", dependencies: ["Doctor"], swiftSettings: strictSettings),
  ],
  swiftLanguageModes: [.v6]
)
