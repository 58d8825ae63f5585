/// Whether the process runs in continuous integration: the `CI` variable that GitHub Actions,
/// GitLab CI, Jenkins and most other services set (`--ci` / `--no-ci` override it).
enum CIEnvironment {
  /// `CI` set to anything but empty, `0` or `false`.
  static func isCI(_ environment: [String: String]) -> Bool {
    guard let value = environment["CI"]?.lowercased() else { return false }
    return !["", "0", "false", "no"].contains(value)
  }
}
