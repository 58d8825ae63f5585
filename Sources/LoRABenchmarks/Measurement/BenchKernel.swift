/// The kernel names `lora-spec bench` and the peer script write.
public enum BenchKernel: String, CaseIterable, Sendable {
  /// Plain-loop GEMM (the oracle), usually subsampled.
  case referenceGemm = "reference-gemm"
  /// The accelerated GEMM `C = A·Bᵀ`.
  case gemm
  /// The accelerated GEMM over bf16 weights (fp32 activations and accumulation).
  case gemmBF16 = "gemm-bf16"
  /// OpenBLAS `cblas_sgemm` via `dlopen`.
  case openblasSgemm = "openblas-sgemm"
  /// OpenBLAS `cblas_sgemv` (M = 1 only).
  case openblasSgemv = "openblas-sgemv"
  /// Fused unmerged LoRA forward.
  case loraFused = "lora-fused"
  /// Unmerged LoRA forward as three accelerated GEMMs.
  case loraUnfused = "lora-unfused"
  /// Unmerged LoRA forward as three OpenBLAS calls.
  case openblasLoRA = "openblas-lora"
  /// Merged weights: one GEMM with `W + s·B·A`.
  case merged
  /// The kernel set's FMA-bound loop on every thread: the measured peak.
  case peakFMA = "peak-fma"
  /// Injection planning time for a model tree.
  case plan
  /// PEFT's unmerged LoRA Linear (peer script).
  case peftUnmerged = "peft-unmerged"
  /// PyTorch's `nn.Linear` (peer script).
  case torchLinear = "torch-linear"
}
