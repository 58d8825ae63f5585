import ArgumentParser
import Reporters

/// `--junit-flavor extended|strict`, with the allowed values in `--help`.
extension JUnitFlavor: ExpressibleByArgument {}
