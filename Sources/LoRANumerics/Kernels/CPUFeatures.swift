#if canImport(Glibc)
  import Glibc
#endif

/// The CPU feature flags of this machine, read once from the operating system.
///
/// On Linux the flags come from `/proc/cpuinfo`, which lists a feature only when the CPU has it
/// *and* the kernel enabled its register state: `avx512f` and friends disappear when XCR0 (read
/// by XGETBV) lacks the opmask and ZMM state, and `avx2` when it lacks the YMM state. So a flag
/// listed there is safe to use from user code.
public struct CPUFeatures: Sendable, Equatable {
  /// Feature names, lower case, as `/proc/cpuinfo` spells them (`avx2`, `fma`, `avx512f`, ...).
  public let flags: Set<String>

  /// A feature set from explicit flag names.
  public init(flags: Set<String>) {
    self.flags = flags
  }

  /// Parses the first `flags` line of a `/proc/cpuinfo` text (no line: no features).
  public init(cpuinfo text: String) {
    let flagsLine = text.split(separator: "\n").first { $0.hasPrefix("flags") }
    let names = (flagsLine?.split(separator: ":").dropFirst().first ?? "").split(separator: " ")
    flags = Set(names.map(String.init))
  }

  /// This machine's features. Off Linux/x86-64 the accelerated modules are built without target
  /// flags (plain Swift SIMD), so every set is reported as runnable there.
  public static let current: CPUFeatures = probe()

  static func probe() -> CPUFeatures {
    #if os(Linux) && arch(x86_64)
      return CPUFeatures(cpuinfo: readSmallFile("/proc/cpuinfo") ?? "")
    #else
      return CPUFeatures(flags: Set(KernelSet.all.flatMap(\.requiredFeatures)))
    #endif
  }

  /// The first few kilobytes of a file (the first processor's block of `/proc/cpuinfo`).
  static func readSmallFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while bytes.count <= 8192 {
      let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, 4096, file) }
      if count <= 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
