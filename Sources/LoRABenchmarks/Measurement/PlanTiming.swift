import ConfigValues
import Dispatch
import Foundation
import LoRA
import Support

/// How long planning takes for one model and config (`lora-spec plan --timing`): the median
/// wall time of repeated `plan` calls, and of `plan` plus building the injected model.
public struct PlanTiming: Sendable, Equatable {
  /// Median time of `plan` alone, in milliseconds.
  public var planMedianMs: Double
  /// Median time of `plan` and building the `PeftModel`, in milliseconds.
  public var planAndApplyMedianMs: Double
  /// Calls measured for each median.
  public var runs: Int
  /// Modules of the base model.
  public var moduleCount: Int

  /// Measures `runs` calls (at least one) of `plan` and of `planAndApply`, the latter the
  /// planning plus building of the injected model, for a model of `moduleCount` modules.
  public static func measure(
    runs: Int, moduleCount: Int, plan: () -> Void, planAndApply: () -> Void
  ) -> PlanTiming {
    func median(_ body: () -> Void) -> Double {
      let samples = (0..<max(runs, 1)).map { _ in Stopwatch.milliseconds(body) }
      return Descriptive.median(samples) ?? 0
    }
    let planMs = median(plan)
    let applyMs = median(planAndApply)
    return PlanTiming(planMedianMs: planMs, planAndApplyMedianMs: applyMs, runs: runs, moduleCount: moduleCount)
  }

  /// The `timing` entry of `plan --format json`.
  public var jsonEntry: ConfigEntry {
    ConfigEntry(
      key: "timing",
      value: .object([
        ConfigEntry(key: "plan_median_ms", value: .double(planMedianMs)),
        ConfigEntry(key: "plan_and_apply_median_ms", value: .double(planAndApplyMedianMs)),
        ConfigEntry(key: "runs", value: .int(runs)),
      ]))
  }

  /// The line printed after the text and tree formats.
  public var summaryLine: String {
    String(
      format: "timing: plan median %.3f ms, plan + apply median %.3f ms (%d runs, %d modules)", planMedianMs,
      planAndApplyMedianMs, runs, moduleCount)
  }
}
