// swift-tools-version: 6.1
// lora-spec: executable, literate specifications of LoRA adapter injection.
//
// Dependency direction (arrows point at what a module imports):
//   LoRAKernelsAVX2 <- LoRANumerics <- LoRAModules <- LoRAModels <- LoRA <- LoRASpecs
//   ConfigValues -> Support, Yams; LoRANumerics, LoRAModels, LoRA, LoRASpecs, LoRABenchmarks -> ConfigValues
//   LoRASpecs -> SpecRunner -> SpecFormat, RunResults
//   Reporters -> RunResults, SpecFormat, CLibXML2, CCmarkGFM
//   lora-spec -> everything
import PackageDescription

/// The accelerated kernels are compiled for AVX2 + FMA (x86-64-v3). Without these
/// flags `SIMD8<Float>.addingProduct` lowers to scalar `fmaf` calls (130x slower).
/// The flags apply to this one module only; `LoRANumerics` checks the CPU at run
/// time and never calls into it on a CPU without AVX2/FMA.
/// Kernels are always optimised, even in debug builds, so debug test runs stay fast.
let acceleratedFlags: [SwiftSetting] = [
  .unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-Xcc", "-mf16c", "-O"], .when(platforms: [.linux]))
]

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
  name: "lora-spec",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "lora-spec", targets: ["lora-spec"]),
    .library(name: "LoRA", targets: ["LoRA"]),
    .library(name: "SpecRunner", targets: ["SpecRunner"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // System libraries, each imported by one file of the project.
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

    // Support shared by every layer (no dependencies).
    .target(name: "Support", swiftSettings: strict),
    // JSON/YAML values with source positions, their readers and writers.
    .target(
      name: "ConfigValues", dependencies: ["Support", .product(name: "Yams", package: "Yams")], swiftSettings: strict),

    // Engine.
    .target(name: "LoRAKernelsAVX2", swiftSettings: strict + acceleratedFlags),
    .target(
      name: "LoRANumerics", dependencies: ["LoRAKernelsAVX2", "ConfigValues", "Support"], swiftSettings: strict),
    .target(name: "LoRAModules", dependencies: ["LoRANumerics"], swiftSettings: strict),
    .target(
      name: "LoRAModels",
      dependencies: [
        "ConfigValues", "LoRAModules", "LoRANumerics", "Support", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    .target(
      name: "LoRA",
      dependencies: ["ConfigValues", "LoRAModels", "LoRAModules", "LoRANumerics"],
      swiftSettings: strict),

    // Specs: format, runner, results, LoRA block handlers.
    .target(name: "RunResults", swiftSettings: strict),
    .target(name: "SpecFormat", dependencies: ["CCmarkGFM", "RunResults"], swiftSettings: strict),
    .target(name: "SpecRunner", dependencies: ["SpecFormat", "RunResults"], swiftSettings: strict),
    .target(
      name: "LoRASpecs",
      dependencies: [
        "LoRA", "LoRAModels", "LoRAModules", "LoRANumerics", "SpecRunner", "SpecFormat", "RunResults",
        "LoRABenchmarks", "ConfigValues",
      ],
      swiftSettings: strict),

    // Reports and benchmarks.
    .target(
      name: "Reporters", dependencies: ["RunResults", "SpecFormat", "LoRABenchmarks", "CLibXML2", "CCmarkGFM"],
      exclude: ["JUnit/lora-spec-junit.xsd"], swiftSettings: strict),
    .target(
      name: "LoRABenchmarks", dependencies: ["ConfigValues", "LoRA", "LoRAModels", "LoRANumerics", "RunResults"],
      swiftSettings: strict),

    // The command-line tool: one command per file, nothing else.
    .executableTarget(
      name: "lora-spec",
      dependencies: [
        "LoRA", "LoRAModels", "LoRAModules", "LoRANumerics", "LoRASpecs", "SpecRunner", "SpecFormat",
        "RunResults", "Reporters", "LoRABenchmarks", "ConfigValues",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),

    // Tests: one target per module, plus shared helpers.
    .target(name: "TestSupport", dependencies: ["CLibXML2"], path: "Tests/TestSupport", swiftSettings: strict),
    .testTarget(name: "SupportTests", dependencies: ["Support", "TestSupport"], swiftSettings: strict),
    .testTarget(name: "ConfigValuesTests", dependencies: ["ConfigValues", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "LoRANumericsTests", dependencies: ["LoRANumerics", "LoRAKernelsAVX2", "TestSupport"], swiftSettings: strict
    ),
    .testTarget(name: "LoRAModulesTests", dependencies: ["LoRAModules", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "LoRAModelsTests", dependencies: ["ConfigValues", "LoRAModels", "LoRAModules", "TestSupport"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(
      name: "LoRATests",
      dependencies: ["ConfigValues", "LoRA", "LoRAModels", "LoRAModules", "LoRANumerics", "TestSupport"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(name: "SpecFormatTests", dependencies: ["SpecFormat", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "SpecRunnerTests", dependencies: ["SpecRunner", "SpecFormat", "RunResults", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "LoRASpecsTests", dependencies: ["LoRASpecs", "SpecRunner", "SpecFormat", "RunResults", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "ReportersTests",
      dependencies: ["Reporters", "RunResults", "SpecFormat", "LoRABenchmarks", "CLibXML2", "TestSupport"],
      swiftSettings: strict),
    .testTarget(name: "LoRABenchmarksTests", dependencies: ["LoRABenchmarks", "TestSupport"], swiftSettings: strict),
    .testTarget(name: "LoRASpecCLITests", dependencies: ["lora-spec", "TestSupport"], swiftSettings: strict),
  ]
)
