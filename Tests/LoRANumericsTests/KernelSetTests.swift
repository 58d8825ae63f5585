import LoRANumerics
import Testing

@Suite("Kernel set selection")
struct KernelSetTests {
  let avx512CPU = CPUFeatures(
    cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 avx f16c fma avx2 avx512f avx512dq avx512bw avx512vl\n\n"
      + "processor\t: 1\nflags\t\t: fpu\n")
  let avx2CPU = CPUFeatures(cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 avx f16c fma avx2 bmi2\n")
  let oldCPU = CPUFeatures(cpuinfo: "processor\t: 0\nflags\t\t: fpu sse2 sse4_2 avx\n")

  @Test("the fastest set the CPU runs is chosen when nothing is requested")
  func fastestByDefault() throws {
    #expect(try KernelSet.select(request: nil, on: avx512CPU).name == "avx512")
    #expect(try KernelSet.select(request: "", on: avx2CPU).name == "avx2-fma")
    #expect(try KernelSet.select(request: nil, on: oldCPU).name == "reference")
    #expect(try KernelSet.select(request: nil, on: CPUFeatures(cpuinfo: "no flags here")).name == "reference")
  }

  @Test("LORA_SPEC_KERNELS picks a set the CPU runs")
  func requested() throws {
    #expect(try KernelSet.select(request: "avx2", on: avx512CPU).name == "avx2-fma")
    #expect(try KernelSet.select(request: "reference", on: avx512CPU).name == "reference")
    #expect(try KernelSet.select(request: "avx512", on: avx512CPU).name == "avx512")
  }

  @Test("a set the CPU lacks is an error naming the missing features, as is an unknown name")
  func refused() {
    #expect(throws: KernelSetError.unsupported("avx512", missing: ["avx512f", "avx512bw", "avx512vl", "avx512dq"])) {
      try KernelSet.select(request: "avx512", on: avx2CPU)
    }
    #expect(throws: KernelSetError.unsupported("avx2", missing: ["avx2", "fma", "f16c"])) {
      try KernelSet.select(request: "avx2", on: oldCPU)
    }
    #expect(throws: KernelSetError.unknown("sse")) { try KernelSet.select(request: "sse", on: avx512CPU) }
    #expect("\(KernelSetError.unknown("sse"))".contains("reference|avx2|avx512"))
  }

  @Test("the set names are the ones bench fingerprints and the kernel property record")
  func names() {
    #expect(KernelSet.all.map(\.name) == ["reference", "avx2-fma", "avx512"])
    #expect(KernelSet.available(on: avx2CPU).map(\.name) == ["reference", "avx2-fma"])
  }
}
