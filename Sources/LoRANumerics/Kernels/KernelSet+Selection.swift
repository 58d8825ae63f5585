#if canImport(Glibc)
  import Glibc
#endif

/// Why a requested kernel set cannot be used.
public enum KernelSetError: Error, Equatable, CustomStringConvertible {
  /// `LORA_SPEC_KERNELS` names no set.
  case unknown(String)
  /// The set exists but the CPU lacks features its module is compiled for.
  case unsupported(String, missing: [String])

  public var description: String {
    let names = KernelSet.all.map { $0.requestNames[0] }.joined(separator: "|")
    switch self {
    case .unknown(let request):
      return "LORA_SPEC_KERNELS=\(request) names no kernel set (use \(names))"
    case .unsupported(let request, let missing):
      return "LORA_SPEC_KERNELS=\(request): this CPU lacks \(missing.joined(separator: ", "))"
    }
  }
}

extension KernelSet {
  /// The set for this process, chosen once: `LORA_SPEC_KERNELS` when set, otherwise the fastest
  /// set the CPU runs. A request the CPU cannot honour ends the process with a message (exit
  /// status 2), never with SIGILL; falling back to ``reference`` prints one notice on stderr.
  public static let current: KernelSet = {
    let request = getenv("LORA_SPEC_KERNELS").map { String(cString: $0) }
    do {
      let set = try select(request: request, on: .current)
      if set.name == reference.name, request == nil {
        standardError(
          "lora-spec: this CPU lacks \(avx2.missingFeatures(on: .current).joined(separator: ", ")); "
            + "using the reference kernels (correct but much slower)\n")
      }
      return set
    } catch {
      standardError("lora-spec: \(error)\n")
      exit(2)
    }
  }()

  /// The set named by `request` (a `LORA_SPEC_KERNELS` value; nil or empty: the fastest set
  /// `features` runs).
  public static func select(request: String?, on features: CPUFeatures) throws(KernelSetError) -> KernelSet {
    guard let request, !request.isEmpty else { return available(on: features).last ?? reference }
    guard let set = all.first(where: { $0.requestNames.contains(request) }) else {
      throw .unknown(request)
    }
    let missing = set.missingFeatures(on: features)
    guard missing.isEmpty else { throw .unsupported(request, missing: missing) }
    return set
  }

  static func standardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = write(2, &bytes, bytes.count)
  }
}
