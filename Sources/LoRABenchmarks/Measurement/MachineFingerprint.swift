import BenchRegression
import Foundation
import LoRANumerics

/// Builds the machine fingerprint written into every bench report.
public enum MachineFingerprint {
  /// The fingerprint of this process: CPU model, cores, OS, compiler, build configuration, git
  /// commit (of the current directory's repository, empty when unknown), host and kernel ISA.
  public static func current() -> BenchFingerprint {
    BenchFingerprint(
      cpu: cpuModel(), cores: ProcessInfo.processInfo.activeProcessorCount, os: operatingSystem(),
      swift: compilerVersion, configuration: buildConfiguration, commit: gitCommit(),
      hostname: ProcessInfo.processInfo.hostName, kernelISA: KernelSet.current.name)
  }

  /// `debug` or `release`.
  public static var buildConfiguration: String {
    #if DEBUG
      return "debug"
    #else
      return "release"
    #endif
  }

  /// The Swift compiler that built this binary.
  public static var compilerVersion: String {
    #if compiler(>=6.4)
      return "Swift 6.4+"
    #elseif compiler(>=6.3)
      return "Swift 6.3"
    #elseif compiler(>=6.2)
      return "Swift 6.2"
    #elseif compiler(>=6.1)
      return "Swift 6.1"
    #else
      return "Swift 6.0"
    #endif
  }

  static func cpuModel() -> String {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "" }
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      if let value = line.split(separator: ":", maxSplits: 1).last {
        return value.trimmingCharacters(in: .whitespaces)
      }
    }
    return ""
  }

  static func operatingSystem() -> String {
    var name = ProcessInfo.processInfo.operatingSystemVersionString
    if let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) {
      for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
        name = String(line.dropFirst("PRETTY_NAME=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
      }
    }
    var info = utsname()
    if uname(&info) == 0 {
      let release = withUnsafeBytes(of: &info.release) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
      name += " (kernel \(release))"
    }
    return name
  }

  static func gitCommit() -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git", "rev-parse", "--short=12", "HEAD"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do {
      try process.run()
      process.waitUntilExit()
    } catch {
      return ""
    }
    guard process.terminationStatus == 0 else { return "" }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
