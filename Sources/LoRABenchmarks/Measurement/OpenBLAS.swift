#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// OpenBLAS loaded at run time with `dlopen`, only as a comparison baseline for `bench`.
///
/// lora-spec never links OpenBLAS; when the library is not installed the bench reports
/// "not installed" for its rows.
public final class OpenBLAS: @unchecked Sendable {
  typealias SGEMM =
    @convention(c) (
      Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
      Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
  typealias SGEMV =
    @convention(c) (
      Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
      UnsafeMutablePointer<Float>?, Int32
    ) -> Void
  typealias SetThreads = @convention(c) (Int32) -> Void
  typealias GetConfig = @convention(c) () -> UnsafePointer<CChar>?

  private let handle: UnsafeMutableRawPointer
  private let sgemmFunction: SGEMM
  private let sgemvFunction: SGEMV
  /// The library file that was loaded.
  public let libraryName: String
  /// OpenBLAS's own configuration string (version, kernel), when it provides one.
  public let configuration: String

  static let rowMajor: Int32 = 101
  static let noTrans: Int32 = 111
  static let trans: Int32 = 112

  /// The library names tried, in order.
  public static let candidates = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]

  /// Loads OpenBLAS, or returns nil when it is not installed. `threads` sets its thread count.
  public init?(threads: Int) {
    var loaded: (UnsafeMutableRawPointer, String)?
    for name in OpenBLAS.candidates {
      if let h = dlopen(name, RTLD_NOW | RTLD_LOCAL) {
        loaded = (h, name)
        break
      }
    }
    guard let (h, name) = loaded, let gemm = dlsym(h, "cblas_sgemm"), let gemv = dlsym(h, "cblas_sgemv") else {
      return nil
    }
    handle = h
    libraryName = name
    sgemmFunction = unsafeBitCast(gemm, to: SGEMM.self)
    sgemvFunction = unsafeBitCast(gemv, to: SGEMV.self)
    if let set = dlsym(h, "openblas_set_num_threads") {
      unsafeBitCast(set, to: SetThreads.self)(Int32(threads))
    }
    if let get = dlsym(h, "openblas_get_config"), let text = unsafeBitCast(get, to: GetConfig.self)() {
      configuration = String(cString: text)
    } else {
      configuration = ""
    }
  }

  deinit { dlclose(handle) }

  /// `C = alpha · A · Bᵀ + beta · C` (row-major; A `[m, k]`, B `[n, k]`, C `[m, n]`).
  public func sgemmABt(
    _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    m: Int, n: Int, k: Int, alpha: Float = 1, beta: Float = 0
  ) {
    sgemmFunction(
      OpenBLAS.rowMajor, OpenBLAS.noTrans, OpenBLAS.trans, Int32(m), Int32(n), Int32(k), alpha, a, Int32(k), b,
      Int32(k), beta, c, Int32(n))
  }

  /// `y = W · x` (row-major W `[n, k]`, x `[k]`, y `[n]`).
  public func sgemv(
    _ w: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, n: Int, k: Int
  ) {
    sgemvFunction(OpenBLAS.rowMajor, OpenBLAS.noTrans, Int32(n), Int32(k), 1, w, Int32(k), x, 1, 0, y, 1)
  }
}
