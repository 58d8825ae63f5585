import ConfigValues
import Testing

@Suite struct ConfigObjectTests {
  @Test func objectsKeepFileOrderAndKeyLines() throws {
    let value = try ConfigValue.parseJSON("{\n  \"z\": 1,\n  \"a\": {\"m\": 2,\n    \"b\": 3}\n}")
    let object = try #require(value.objectValue)
    #expect(object.keys == ["z", "a"])
    #expect(object.entry("z")?.line == 2)
    #expect(object.entry("a")?.line == 3)
    #expect(value["a"]?["m"]?.intValue == 2)
    #expect(value["a"]?.objectValue?.entry("b")?.line == 4)
  }

  @Test func yamlMappingsKeepFileOrderAndKeyLines() throws {
    let value = try ConfigValue.parse("r: 8\nrank_pattern:\n  q_proj: 4\n  k_proj: 2\n")
    #expect(value["rank_pattern"]?.objectValue?.keys == ["q_proj", "k_proj"])
    #expect(value["rank_pattern"]?.objectValue?.entry("k_proj")?.line == 4)
    #expect(value.typeDescription == "a mapping")
    #expect(value.jsonTypeDescription == "an object")
  }

  @Test func largeObjectsAreLookedUpByKeyAndKeepOrder() {
    var object = ConfigObject()
    for i in 0..<1000 { object["tensor.\(i)"] = .int(i) }
    object["tensor.10"] = .string("replaced")
    object.removeValue(forKey: "tensor.0")
    #expect(object.count == 999)
    #expect(object["tensor.999"] == .int(999))
    #expect(object["tensor.10"] == .string("replaced"))
    #expect(object["tensor.0"] == nil)
    #expect(object.keys.first == "tensor.1")
    #expect(object.keys.last == "tensor.999")
  }

  @Test func linesAreNotPartOfEquality() {
    let read: ConfigObject = [ConfigEntry(key: "a", value: .int(1), line: 7)]
    let built: ConfigObject = ["a": .int(1)]
    #expect(read == built)
    #expect(ConfigObject(["a": .int(1), "b": .int(2)] as ConfigObject) != ["b": .int(2), "a": .int(1)])
  }

  @Test func mergingKeepsTheFirstPositionAndLetsTheCombinerPick() {
    let base: ConfigObject = ["a": .int(1), "b": .int(2)]
    let merged = base.merging(["b": .int(3), "c": .int(4)]) { _, new in new }
    #expect(merged == ["a": .int(1), "b": .int(3), "c": .int(4)])
  }

  @Test func inputErrorsPrintFileLineAndMessage() {
    #expect(ConfigInputError(file: "a.yaml", line: 3, message: "bad").description == "a.yaml:3: bad")
    #expect(ConfigInputError(file: "a.yaml", message: "bad").description == "a.yaml: bad")
    do {
      _ = try ConfigValue.parse("a: 1\na: 2\n", file: "x.yaml")
      Issue.record("accepted a duplicate key")
    } catch {
      #expect(error.description.hasPrefix("x.yaml:"))
      #expect(error.message.contains("duplicate"))
    }
  }

  @Test func pythonJSONWritesKeysInOrderWithIndent() {
    let value: ConfigValue = .object(["b": .double(1), "a": .array([.string("é")]), "c": .object([:])])
    #expect(PythonJSON.dumps(value) == "{\n  \"b\": 1.0,\n  \"a\": [\n    \"\\u00e9\"\n  ],\n  \"c\": {}\n}")
  }
}

@Suite struct HostileYAMLTests {
  @Test func nestedAliasesThatExpandToBillionsOfValuesAreRefusedQuickly() {
    var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in 1...8 {
      lines.append(
        "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
    }
    #expect {
      try ConfigValue.parse(lines.joined(separator: "\n"), file: "laughs.yaml")
    } throws: { error in
      "\(error)".hasPrefix("laughs.yaml:") && "\(error)".contains("expands to more than 1000000 values")
    }
  }
}
