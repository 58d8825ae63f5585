import Foundation

#if FUZZING
  /// libFuzzer's driver (in the fuzzer runtime that `-sanitize=fuzzer` links).
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// One input for the target `LORA_SPEC_FUZZ_TARGET` names.
  @_cdecl("LLVMFuzzerTestOneInput")
  public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let name = ProcessInfo.processInfo.environment["LORA_SPEC_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
      FileHandle.standardError.write(Data("set LORA_SPEC_FUZZ_TARGET to one of: \(names)\n".utf8))
      exit(2)
    }
    target.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  }

  /// The executable's entry (SwiftPM names an executable's `main` after its module): hands the
  /// command line to libFuzzer, built with `-sanitize=fuzzer,address -DFUZZING`.
  @_cdecl("lora_spec_fuzz_main")
  public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzOneInput)
  }
#else
  /// Without libFuzzer: replays files through a target (`lora-spec-fuzz TARGET FILE...`), so
  /// crashes found by fuzzing stay regression tests in an ordinary build.
  @main
  struct Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: lora-spec-fuzz \(names) FILE...\n".utf8))
        exit(2)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("\(path): cannot read\n".utf8))
          exit(2)
        }
        target.run(data)
      }
      print("\(arguments.count - 1) inputs ran through \(name)")
    }
  }
#endif
