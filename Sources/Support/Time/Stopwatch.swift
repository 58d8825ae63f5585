#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Wall-clock durations from the monotonic clock, in the units reports print.
public enum Stopwatch {
  /// Now on the monotonic clock, in nanoseconds (never goes back; unrelated to the date).
  public static func nanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
  }

  /// Milliseconds elapsed since `start` (a value of ``nanoseconds()``).
  public static func milliseconds(since start: UInt64) -> Double {
    Double(nanoseconds() &- start) / 1e6
  }

  /// Runs `body` once and returns how long it took, in milliseconds.
  public static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = nanoseconds()
    try body()
    return milliseconds(since: start)
  }

  /// Seconds between two instants of a `ContinuousClock`, as reports print durations.
  public static func seconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}
