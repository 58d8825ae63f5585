import LoRAModules

/// What PEFT raises or warns once every module was decided: the no-match error cascade
/// and the warnings about unused keys.
extension Planner {
  func checkOutcome(
    _ config: LoraConfig, targeted: [PlannedLayer], parameters: [PlannedLayer], excluded: Int, unmatched: Int,
    warnings: inout [PeftWarning]
  ) throws(PeftError) {
    let targetsTruthy = config.targetModules.map { !$0.isEmpty } ?? false
    var notes = ""
    if let l = config.layersToTransform {
      notes += " Note: You specified 'layers_to_transform': \(l.pythonDescription)."
    }
    if let p = config.layersPattern { notes += " You also specified 'layers_pattern': \(p.pythonDescription)." }
    if targeted.isEmpty && parameters.isEmpty {
      if excluded > 0 && unmatched == 0 {
        throw PeftError(
          .noMatchingModule,
          "All modules were excluded. This is likely unintended. Check your `target_modules`, `exclude_modules` and `modules_to_save` configuration."
        )
      } else if excluded == 0 && unmatched > 0 && !targetsTruthy {
        throw PeftError(
          .noMatchingModule,
          "No `target_modules` passed but also no `target_parameters` found. Please check the values for these arguments."
        )
      } else if excluded == 0 && unmatched > 0 {
        throw PeftError(
          .noMatchingModule,
          "Target modules \(config.targetModules?.pythonDescription ?? "None") not found in the base model. Please check the target modules and try again."
            + notes)
      } else {
        throw PeftError(
          .noMatchingModule,
          "No modules were targeted for adaptation. This might be caused by a combination of mismatched target modules and excluded modules. Please check your `target_modules` and `exclude_modules` configuration. You may also have only targeted modules that are marked to be saved (`modules_to_save`)."
            + notes)
      }
    } else if let ex = config.excludeModules, !ex.isEmpty, excluded == 0 {
      warnings.append(
        PeftWarning(
          .userWarning,
          "You have passed exclude_modules=\(ex.pythonDescription) but no modules were excluded. Please check that exclude_modules was set correctly."
        ))
    } else if targetsTruthy && targeted.isEmpty {
      warnings.append(
        PeftWarning(
          .runtimeWarning,
          "target_modules=\(config.targetModules?.pythonDescription ?? "None") were set but no module was matched."))
    } else if let tp = config.targetParameters, !tp.isEmpty, parameters.isEmpty {
      warnings.append(
        PeftWarning(
          .runtimeWarning, "target_parameters=\(PythonRepr.stringList(tp)) were set but no parameter was matched."))
    }
    for (name, keys) in [
      ("rank_pattern", config.rankPattern.map(\.key)), ("alpha_pattern", config.alphaPattern.map(\.key)),
    ]
    where !keys.isEmpty {
      let unmatchedKeys = Set(keys.filter { key in !targeted.contains { patternMatches(key, $0.path) } }).sorted()
      if !unmatchedKeys.isEmpty {
        warnings.append(
          PeftWarning(
            .runtimeWarning,
            "The following \(name) keys did not match any targeted module and were ignored: \(PythonRepr.stringList(unmatchedKeys))."
          ))
      }
    }
  }
}
