// swift-tools-version: 6.1
// lora-spec: executable, literate specifications of LoRA adapter injection.
//
// The module graph (ARCHITECTURE.md draws it and says what each module may know; a test,
// ArchitectureTests, fails when the imports, this file and that drawing disagree).
// Arrows point at what a module imports:
//   Support          -> (nothing: a leaf every layer may use)
//   KernelThreads    -> (nothing)
//   LoRAKernelsAVX2  -> KernelThreads
//   LoRAKernelsAVX512 -> KernelThreads
//   ConfigValues     -> Support, Yams
//   LoRANumerics     -> ConfigValues, KernelThreads, LoRAKernelsAVX2, LoRAKernelsAVX512, Support
//   LoRAModules      -> (nothing)
//   LoRAModels       -> ConfigValues, LoRAModules, LoRANumerics, Support, Yams
//   LoRA             -> ConfigValues, LoRAModels, LoRAModules, LoRANumerics, Support
//   RunResults       -> Support
//   SpecFormat       -> CCmarkGFM, RunResults, Support
//   SpecRunner       -> SpecFormat, RunResults, Support
//   BenchRegression  -> Support
//   LoRABenchmarks   -> BenchRegression, ConfigValues, LoRA, LoRAModels, LoRANumerics, Support
//   LoRASpecs        -> BenchRegression, ConfigValues, LoRA, LoRABenchmarks, LoRAModels, LoRAModules,
//                       LoRANumerics, RunResults, SpecFormat, SpecRunner, Support
//   Reporters        -> BenchRegression, CCmarkGFM, CLibXML2, RunResults, SpecFormat, Support
//   lora-spec-fuzz   -> ConfigValues, LoRA, LoRAModels, LoRANumerics, Reporters, SpecFormat
//   lora-spec        -> ArgumentParser and every module above but the kernels and C libraries
import PackageDescription

/// The accelerated kernels are compiled for AVX2 + FMA (x86-64-v3). Without these
/// flags `SIMD8<Float>.addingProduct` lowers to scalar `fmaf` calls (130x slower).
/// The flags apply to this one module only; `LoRANumerics` checks the CPU at run
/// time and never calls into it on a CPU without AVX2/FMA.
/// Kernels are always optimised, even in debug builds, so debug test runs stay fast.
let acceleratedFlags: [SwiftSetting] = [
  .unsafeFlags(["-Xcc", "-mavx2", "-Xcc", "-mfma", "-Xcc", "-mf16c", "-O"], .when(platforms: [.linux]))
]

/// The AVX-512 kernels (F/BW/VL/DQ, 32 zmm registers) in their own module, under the same rule:
/// `LoRANumerics` calls them only when the CPU (and the OS, which must save the opmask and ZMM
/// state) supports AVX-512.
let avx512Flags: [SwiftSetting] = [
  .unsafeFlags(
    [
      "-Xcc", "-mavx512f", "-Xcc", "-mavx512bw", "-Xcc", "-mavx512vl", "-Xcc", "-mavx512dq", "-Xcc", "-mavx2",
      "-Xcc", "-mfma", "-Xcc", "-mf16c", "-O",
    ], .when(platforms: [.linux]))
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
    // System libraries.
    .systemLibrary(
      name: "CLibXML2", pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(
      name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

    // Support shared by every layer (no dependencies).
    .target(name: "Support", swiftSettings: strict),

    // One ordered JSON/YAML value type with source lines, its readers and writers.
    .target(
      name: "ConfigValues", dependencies: ["Support", .product(name: "Yams", package: "Yams")], swiftSettings: strict),

    // Engine.
    .target(name: "KernelThreads", swiftSettings: strict),
    .target(name: "LoRAKernelsAVX2", dependencies: ["KernelThreads"], swiftSettings: strict + acceleratedFlags),
    .target(name: "LoRAKernelsAVX512", dependencies: ["KernelThreads"], swiftSettings: strict + avx512Flags),
    .target(
      name: "LoRANumerics",
      dependencies: ["ConfigValues", "KernelThreads", "LoRAKernelsAVX2", "LoRAKernelsAVX512", "Support"],
      swiftSettings: strict),
    .target(name: "LoRAModules", swiftSettings: strict),
    .target(
      name: "LoRAModels",
      dependencies: [
        "ConfigValues", "LoRAModules", "LoRANumerics", "Support", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: strict),
    .target(
      name: "LoRA",
      dependencies: ["ConfigValues", "LoRAModels", "LoRAModules", "LoRANumerics", "Support"],
      swiftSettings: strict),

    // Specs: results, format, runner, LoRA block handlers.
    .target(name: "RunResults", dependencies: ["Support"], swiftSettings: strict),
    .target(name: "SpecFormat", dependencies: ["CCmarkGFM", "RunResults", "Support"], swiftSettings: strict),
    .target(name: "SpecRunner", dependencies: ["SpecFormat", "RunResults", "Support"], swiftSettings: strict),
    .target(
      name: "LoRASpecs",
      dependencies: [
        "BenchRegression", "ConfigValues", "LoRA", "LoRABenchmarks", "LoRAModels", "LoRAModules", "LoRANumerics",
        "RunResults", "SpecFormat", "SpecRunner", "Support",
      ],
      swiftSettings: strict),

    // Benchmarks: measuring (needs the engine) and judging (needs only results).
    .target(name: "BenchRegression", dependencies: ["Support"], swiftSettings: strict),
    .target(
      name: "LoRABenchmarks",
      dependencies: ["BenchRegression", "ConfigValues", "LoRA", "LoRAModels", "LoRANumerics", "Support"],
      swiftSettings: strict),

    // Reports: JUnit, the documentation site, benchmark comparisons. Never the engine.
    .target(
      name: "Reporters",
      dependencies: ["BenchRegression", "CCmarkGFM", "CLibXML2", "RunResults", "SpecFormat", "Support"],
      exclude: ["JUnit/lora-spec-junit.xsd"], swiftSettings: strict),

    // The command-line tool: option wiring and the one error translation.
    .executableTarget(
      name: "lora-spec",
      dependencies: [
        "BenchRegression", "ConfigValues", "LoRA", "LoRABenchmarks", "LoRAModels", "LoRAModules", "LoRANumerics",
        "LoRASpecs", "Reporters", "RunResults", "SpecFormat", "SpecRunner", "Support",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),

    // Fuzz targets for every parser of outside input (`make fuzz`; a replay tool otherwise).
    .executableTarget(
      name: "lora-spec-fuzz",
      dependencies: ["ConfigValues", "LoRA", "LoRAModels", "LoRANumerics", "Reporters", "SpecFormat"],
      swiftSettings: strict),

    // Tests: one target per module, shared helpers, and the architecture check.
    .target(name: "TestSupport", dependencies: ["CLibXML2"], path: "Tests/TestSupport", swiftSettings: strict),
    .testTarget(name: "SupportTests", dependencies: ["Support"], swiftSettings: strict),
    .testTarget(name: "KernelThreadsTests", dependencies: ["KernelThreads"], swiftSettings: strict),
    .testTarget(name: "ConfigValuesTests", dependencies: ["ConfigValues"], swiftSettings: strict),
    .testTarget(
      name: "LoRANumericsTests", dependencies: ["LoRANumerics", "Support"], swiftSettings: strict),
    .testTarget(name: "LoRAModulesTests", dependencies: ["LoRAModules"], swiftSettings: strict),
    .testTarget(
      name: "LoRAModelsTests", dependencies: ["ConfigValues", "LoRAModels", "LoRAModules", "LoRANumerics", "Support"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(
      name: "LoRATests",
      dependencies: ["ConfigValues", "LoRA", "LoRAModels", "LoRAModules", "LoRANumerics", "Support"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(name: "SpecFormatTests", dependencies: ["RunResults", "SpecFormat", "Support"], swiftSettings: strict),
    .testTarget(
      name: "SpecRunnerTests", dependencies: ["RunResults", "SpecFormat", "SpecRunner", "Support", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "LoRASpecsTests", dependencies: ["LoRASpecs", "RunResults", "SpecRunner", "TestSupport"],
      swiftSettings: strict),
    .testTarget(
      name: "ReportersTests",
      dependencies: ["BenchRegression", "CLibXML2", "Reporters", "RunResults", "SpecFormat", "Support", "TestSupport"],
      swiftSettings: strict),
    .testTarget(name: "BenchRegressionTests", dependencies: ["BenchRegression", "Support"], swiftSettings: strict),
    .testTarget(
      name: "LoRABenchmarksTests", dependencies: ["BenchRegression", "LoRABenchmarks", "TestSupport"],
      swiftSettings: strict),
    .testTarget(name: "LoRASpecCLITests", dependencies: ["lora-spec", "TestSupport"], swiftSettings: strict),
    .testTarget(
      name: "FuzzRegressionTests", dependencies: ["lora-spec-fuzz", "TestSupport"], exclude: ["Inputs"],
      swiftSettings: strict),
    .testTarget(
      name: "ArchitectureTests", dependencies: ["TestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
  ]
)
