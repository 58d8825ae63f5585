#if canImport(Glibc)
  import Glibc
#endif

/// Which implementation ``Kernels`` dispatches to, decided once per process.
public enum KernelBackend: String, Sendable, CaseIterable {
  /// The packed SIMD kernels of `LoRAKernelsAVX2` (AVX2 + FMA).
  case avx2FMA = "avx2-fma"
  /// The plain-loop ``ReferenceKernels``.
  case reference

  /// The backend for this process: `reference` when the CPU lacks AVX2, FMA or F16C (the
  /// accelerated module is compiled for them and would die with SIGILL) or when the
  /// environment variable `LORA_SPEC_KERNELS=reference` asks for it. A fallback caused by the
  /// CPU prints one notice on stderr.
  public static let current: KernelBackend = detect()

  /// The features the accelerated kernels need (`avx2`, `fma`, `f16c`) that are missing from
  /// the first `flags` line of a `/proc/cpuinfo` text; empty when the CPU can run them.
  public static func missingFeatures(inCPUInfo text: String) -> [String] {
    CPUFeatures(cpuinfo: text).missing
  }

  static func detect() -> KernelBackend {
    if let forced = getenv("LORA_SPEC_KERNELS").map({ String(cString: $0) }), forced == "reference" {
      return .reference
    }
    let features = CPUFeatures.probe()
    if features.supportsAcceleratedKernels { return .avx2FMA }
    let notice =
      "lora-spec: this CPU lacks \(features.missing.joined(separator: ", ")); "
      + "using the reference kernels (correct but much slower)\n"
    var bytes = Array(notice.utf8)
    _ = write(2, &bytes, bytes.count)
    return .reference
  }
}

/// CPU features the accelerated kernels need, read once from the operating system.
struct CPUFeatures {
  /// Feature names (lower case) the accelerated build requires.
  static let required = ["avx2", "fma", "f16c"]

  /// Required features this CPU does not report.
  let missing: [String]

  var supportsAcceleratedKernels: Bool { missing.isEmpty }

  /// Reads the flags of the first processor in `/proc/cpuinfo`. Off Linux/x86-64 the
  /// accelerated module is built without target flags (plain Swift SIMD), so it is safe anywhere.
  static func probe() -> CPUFeatures {
    #if os(Linux) && arch(x86_64)
      guard let text = readSmallFile("/proc/cpuinfo") else { return CPUFeatures(missing: ["/proc/cpuinfo"]) }
      return CPUFeatures(cpuinfo: text)
    #else
      return CPUFeatures(missing: [])
    #endif
  }

  init(missing: [String]) {
    self.missing = missing
  }

  /// Parses the first `flags` line of a `/proc/cpuinfo` text.
  init(cpuinfo text: String) {
    let flagsLine = text.split(separator: "\n").first { $0.hasPrefix("flags") }
    let flags = Set((flagsLine?.split(separator: ":").dropFirst().first ?? "").split(separator: " ").map(String.init))
    missing = CPUFeatures.required.filter { !flags.contains($0) }
  }

  static func readSmallFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count < 1 << 20 {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, file) }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      // The first processor's block ends at the first blank line.
      if bytes.count > 8192 { break }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
