#if canImport(Glibc)
  import Glibc
#endif

/// Thread-to-CPU pinning through glibc's `pthread_{get,set}affinity_np`, looked up at run time
/// (Swift's Glibc module does not declare these GNU extensions). Elsewhere nothing is pinned.
enum CPUAffinity {
  /// Bytes of a `cpu_set_t` (1024 CPUs).
  static let setBytes = 128

  typealias GetAffinity = @convention(c) (pthread_t, Int, UnsafeMutableRawPointer) -> Int32
  typealias SetAffinity = @convention(c) (pthread_t, Int, UnsafeRawPointer) -> Int32

  /// The CPUs the calling thread may run on, in ascending order (empty when unknown).
  static func allowedCPUs() -> [Int] {
    #if os(Linux)
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_getaffinity_np") else { return [] }
      let get = unsafeBitCast(symbol, to: GetAffinity.self)
      var words = [UInt64](repeating: 0, count: setBytes / 8)
      let status = words.withUnsafeMutableBytes { bytes in
        bytes.baseAddress.map { get(pthread_self(), setBytes, $0) } ?? -1
      }
      guard status == 0 else { return [] }
      return (0..<(setBytes * 8)).filter { words[$0 / 64] & (1 << UInt64($0 % 64)) != 0 }
    #else
      return []
    #endif
  }

  /// Pins `thread` to `cpu`; false when the OS refuses or offers no way to.
  static func pin(_ thread: pthread_t, to cpu: Int) -> Bool {
    #if os(Linux)
      guard cpu >= 0, cpu < setBytes * 8,
        let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setaffinity_np")
      else { return false }
      let set = unsafeBitCast(symbol, to: SetAffinity.self)
      var words = [UInt64](repeating: 0, count: setBytes / 8)
      words[cpu / 64] = 1 << UInt64(cpu % 64)
      return words.withUnsafeBytes { bytes in bytes.baseAddress.map { set(thread, setBytes, $0) == 0 } ?? false }
    #else
      return false
    #endif
  }
}
