import LoRANumerics
import Testing

@Suite("Kernel backend selection")
struct KernelBackendTests {
  @Test("a CPU reporting avx2, fma and f16c can run the accelerated kernels")
  func fullFeatures() {
    let text = "processor\t: 0\nflags\t\t: fpu sse2 avx f16c fma avx2 bmi2\n\nprocessor\t: 1\nflags\t\t: fpu\n"
    #expect(KernelBackend.missingFeatures(inCPUInfo: text) == [])
  }

  @Test("a CPU without AVX2 or FMA is reported as missing them (the reference fallback)")
  func missingFeatures() {
    let text = "processor\t: 0\nflags\t\t: fpu sse2 sse4_2 avx\n"
    #expect(KernelBackend.missingFeatures(inCPUInfo: text) == ["avx2", "fma", "f16c"])
    #expect(KernelBackend.missingFeatures(inCPUInfo: "no flags here") == ["avx2", "fma", "f16c"])
  }

  @Test("the backend names are the ones the bench fingerprint records")
  func names() {
    #expect(KernelBackend.allCases.map(\.rawValue) == ["avx2-fma", "reference"])
  }
}
