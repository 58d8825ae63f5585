import RunResults

/// What `lora-spec run` asks of the runner.
public struct RunOptions: Sendable {
  /// Files and directories to run (directories are searched for `.md` files).
  public var paths: [String]
  /// `--filter`, `--tag`, `--shard`.
  public var selection: Selection
  /// `--jobs`: scenarios run at once (at least 1).
  public var jobs: Int
  /// `--update`: rewrite failing and empty expect blocks with the actual results.
  public var update: Bool
  /// CI mode: a scenario without an expectation is an error (it would pass whatever the engine
  /// does) instead of a pass.
  public var requireExpectations: Bool
  /// `--timeout`: seconds a scenario may run before it is stopped and reported as an error
  /// (`nil`: no limit).
  public var timeout: Double?
  /// Properties written on every suite (tool version, PEFT semantics version, kernel);
  /// the runner adds `shard`.
  public var properties: [Property]

  public init(
    paths: [String], selection: Selection = Selection(), jobs: Int = RunOptions.defaultJobs, update: Bool = false,
    requireExpectations: Bool = false, timeout: Double? = nil, properties: [Property] = []
  ) {
    self.paths = paths
    self.selection = selection
    self.jobs = max(1, jobs)
    self.update = update
    self.requireExpectations = requireExpectations
    self.timeout = timeout
    self.properties = properties
  }

  /// The number of active processor cores.
  public static var defaultJobs: Int { max(1, ProcessInfoCores.active) }
}
