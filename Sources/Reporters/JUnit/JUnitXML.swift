import CLibXML2
import Foundation
import Support

/// JUnit XML through libxml2: the one place that writes and reads the XML, and so the
/// one place that owns escaping and character hygiene.
///
/// Writing goes through `xmlTextWriter` (which escapes `&`, `<`, `>`, quotes); text is
/// first made XML-safe: ANSI escape sequences removed, then every character XML 1.0
/// forbids (C0 controls except tab, newline and carriage return; U+FFFE, U+FFFF).
public enum JUnitXML {
  /// A report that could not be written or read.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var description: String
  }

  // MARK: Writing

  /// The UTF-8 XML text of `document` in `flavor`.
  public static func data(_ document: JUnitDocument, flavor: JUnitFlavor = .extended) throws(Failure) -> Data {
    guard let buffer = xmlBufferCreate() else { throw Failure(description: "libxml2 could not allocate a buffer") }
    defer { xmlBufferFree(buffer) }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
      throw Failure(description: "libxml2 could not create a writer")
    }
    var output = Writer(writer: writer)
    xmlTextWriterSetIndent(writer, 1)
    _ = "  ".withCString { xmlTextWriterSetIndentString(writer, $0.xml) }
    output.check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil))
    write(document, flavor: flavor, to: &output)
    output.check(xmlTextWriterEndDocument(writer))
    xmlFreeTextWriter(writer)
    guard output.ok, let content = xmlBufferContent(buffer) else {
      throw Failure(description: "libxml2 failed while writing the JUnit report")
    }
    return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
  }

  /// Writes `document` to `path` atomically (a temporary file beside it, then a rename),
  /// creating the parent directory.
  public static func write(_ document: JUnitDocument, to path: String, flavor: JUnitFlavor = .extended) throws(Failure)
  {
    let bytes = try data(document, flavor: flavor)
    do {
      try AtomicFile.write(bytes, to: path)
    } catch {
      throw Failure(description: "\(path): cannot write the JUnit report: \(error.reason)")
    }
  }

  private static func write(_ document: JUnitDocument, flavor: JUnitFlavor, to output: inout Writer) {
    output.start("testsuites")
    output.attribute("name", document.name)
    output.attribute("tests", String(document.tests))
    output.attribute("failures", String(document.failures))
    output.attribute("errors", String(document.errors))
    if flavor == .extended { output.attribute("skipped", String(document.skipped)) }
    output.attribute("time", seconds(document.time))
    for (index, suite) in document.suites.enumerated() {
      output.start("testsuite")
      output.attribute("name", suite.name)
      output.attribute("tests", String(suite.tests))
      output.attribute("failures", String(suite.failures))
      output.attribute("errors", String(suite.errors))
      output.attribute("skipped", String(suite.skipped))
      output.attribute("time", seconds(suite.time))
      if let timestamp = suite.timestamp { output.attribute("timestamp", timestamp) }
      if let hostname = suite.hostname { output.attribute("hostname", hostname) }
      output.attribute("id", String(index))
      if let file = suite.file { output.attribute("file", file) }
      write(suite.properties, to: &output)
      for item in suite.cases { write(item, flavor: flavor, to: &output) }
      if let text = suite.systemOut { output.element("system-out", text: text) }
      if let text = suite.systemErr { output.element("system-err", text: text) }
      output.end()
    }
    output.end()
  }

  private static func write(_ item: JUnitCase, flavor: JUnitFlavor, to output: inout Writer) {
    output.start("testcase")
    output.attribute("classname", item.classname)
    output.attribute("name", item.name)
    output.attribute("time", seconds(item.time))
    if flavor == .extended {
      if let file = item.file { output.attribute("file", file) }
      if let line = item.line { output.attribute("line", String(line)) }
      // junit-10 (strict) allows no properties inside a testcase.
      write(item.properties, to: &output)
    }
    if let outcome = item.outcome {
      output.start(outcome.kind.rawValue)
      if let type = outcome.type { output.attribute("type", type) }
      if let message = outcome.message { output.attribute("message", message) }
      if let body = outcome.body, !body.isEmpty { output.text(body) }
      output.end()
    }
    if let text = item.systemOut { output.element("system-out", text: text) }
    if let text = item.systemErr { output.element("system-err", text: text) }
    output.end()
  }

  private static func write(_ properties: [JUnitProperty], to output: inout Writer) {
    guard !properties.isEmpty else { return }
    output.start("properties")
    for property in properties {
      output.start("property")
      output.attribute("name", property.name)
      output.attribute("value", property.value)
      output.end()
    }
    output.end()
  }

  /// Seconds with `.` and at most three decimals, never negative or exponential.
  static func seconds(_ value: Double) -> String {
    String(format: "%.3f", value.isFinite ? max(0, value) : 0)
  }

  /// `text` made safe for XML 1.0: ANSI escape sequences removed, then every character
  /// XML forbids (C0 controls except tab/newline/return, U+FFFE, U+FFFF).
  public static func sanitize(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let scalar = pending ?? scalars.next() {
      pending = nil
      if scalar == "\u{1B}" {
        guard let next = scalars.next() else { break }
        if next == "[" {
          // CSI: parameters and intermediates, then one final byte in 0x40...0x7E.
          while let part = scalars.next() {
            if (0x40...0x7E).contains(part.value) { break }
            if !(0x20...0x3F).contains(part.value) {
              pending = part
              break
            }
          }
        } else if next == "]" {
          // OSC: up to BEL or ESC \.
          while let part = scalars.next() {
            if part == "\u{07}" { break }
            if part == "\u{1B}" {
              _ = scalars.next()
              break
            }
          }
        }
        continue
      }
      if isAllowed(scalar) { result.append(scalar) }
    }
    return String(result)
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD: true
    case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// The text writer with error tracking; every string passes `sanitize`.
  private struct Writer {
    let writer: xmlTextWriterPtr
    var ok = true

    mutating func check(_ status: Int32) {
      if status < 0 { ok = false }
    }

    mutating func start(_ name: String) {
      check(name.withCString { xmlTextWriterStartElement(writer, $0.xml) })
    }

    mutating func end() {
      check(xmlTextWriterEndElement(writer))
    }

    mutating func attribute(_ name: String, _ value: String) {
      let clean = JUnitXML.sanitize(value)
      check(name.withCString { name in clean.withCString { xmlTextWriterWriteAttribute(writer, name.xml, $0.xml) } })
    }

    mutating func text(_ value: String) {
      check(JUnitXML.sanitize(value).withCString { xmlTextWriterWriteString(writer, $0.xml) })
    }

    mutating func element(_ name: String, text value: String) {
      start(name)
      text(value)
      end()
    }
  }

  // MARK: Reading

  /// Reads a JUnit report (a `testsuites` root, or a single `testsuite`).
  public static func read(path: String) throws(Failure) -> JUnitDocument {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(description: "\(path): cannot read the file")
    }
    return try read(data: data, name: path)
  }

  /// Reads a JUnit report from `data`; `name` appears in error messages.
  public static func read(data: Data, name: String) throws(Failure) -> JUnitDocument {
    let options = Int32(
      bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOERROR.rawValue)
    let parsed = data.withUnsafeBytes { raw -> xmlDocPtr? in
      guard let base = raw.baseAddress else { return nil }
      return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), name, nil, options)
    }
    guard let document = parsed else {
      var detail = "not well-formed XML"
      if let error = xmlGetLastError(), let message = error.pointee.message {
        detail =
          "line \(error.pointee.line): " + String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
      }
      throw Failure(description: "\(name): \(detail)")
    }
    defer { xmlFreeDoc(document) }
    guard let root = xmlDocGetRootElement(document) else { throw Failure(description: "\(name): empty document") }
    switch elementName(root) {
    case "testsuites":
      var result = JUnitDocument(name: attribute(root, "name") ?? "lora-spec")
      for child in elements(of: root) where elementName(child) == "testsuite" { result.suites += suites(child) }
      return result
    case "testsuite":
      return JUnitDocument(suites: suites(root))
    default:
      throw Failure(description: "\(name): the root element is '\(elementName(root))', not 'testsuites' or 'testsuite'")
    }
  }

  /// A suite and its nested suites, flattened.
  private static func suites(_ node: xmlNodePtr) -> [JUnitSuite] {
    var suite = JUnitSuite(
      name: attribute(node, "name") ?? "", time: Double(attribute(node, "time") ?? "") ?? 0,
      timestamp: attribute(node, "timestamp"), hostname: attribute(node, "hostname"), file: attribute(node, "file"))
    var nested: [JUnitSuite] = []
    for child in elements(of: node) {
      switch elementName(child) {
      case "properties": suite.properties += properties(child)
      case "testcase": suite.cases.append(testCase(child))
      case "testsuite": nested += suites(child)
      case "system-out": suite.systemOut = text(of: child)
      case "system-err": suite.systemErr = text(of: child)
      default: break
      }
    }
    return [suite] + nested
  }

  private static func testCase(_ node: xmlNodePtr) -> JUnitCase {
    var item = JUnitCase(
      classname: attribute(node, "classname") ?? "", name: attribute(node, "name") ?? "",
      time: Double(attribute(node, "time") ?? "") ?? 0, file: attribute(node, "file"),
      line: attribute(node, "line").flatMap { Int($0) })
    for child in elements(of: node) {
      let name = elementName(child)
      if let kind = JUnitOutcome.Kind(rawValue: name), item.outcome == nil {
        let body = text(of: child)
        item.outcome = JUnitOutcome(
          kind: kind, type: attribute(child, "type"), message: attribute(child, "message"),
          body: body.isEmpty ? nil : body)
      } else if name == "properties" {
        item.properties += properties(child)
      } else if name == "system-out" {
        item.systemOut = text(of: child)
      } else if name == "system-err" {
        item.systemErr = text(of: child)
      }
    }
    return item
  }

  private static func properties(_ node: xmlNodePtr) -> [JUnitProperty] {
    elements(of: node).filter { elementName($0) == "property" }.map {
      JUnitProperty(name: attribute($0, "name") ?? "", value: attribute($0, "value") ?? "")
    }
  }

  private static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
    var result: [xmlNodePtr] = []
    var child = node.pointee.children
    while let current = child {
      if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
      child = current.pointee.next
    }
    return result
  }

  private static func elementName(_ node: xmlNodePtr) -> String {
    node.pointee.name.map { String(cString: $0) } ?? ""
  }

  private static func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
    var property = node.pointee.properties
    while let current = property {
      if let attributeName = current.pointee.name, String(cString: attributeName) == name {
        return current.pointee.children.map { text(of: $0, includingSelf: true) } ?? ""
      }
      property = current.pointee.next
    }
    return nil
  }

  /// The text content of a node's text and CDATA children (or of the node itself).
  private static func text(of node: xmlNodePtr, includingSelf: Bool = false) -> String {
    var result = ""
    var child: xmlNodePtr? = includingSelf ? node : node.pointee.children
    while let current = child {
      if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
        let content = current.pointee.content
      {
        result += String(cString: content)
      }
      child = current.pointee.next
    }
    return result
  }
}

extension UnsafePointer<CChar> {
  /// The same bytes as libxml2's `xmlChar`.
  fileprivate var xml: UnsafePointer<xmlChar> {
    UnsafeRawPointer(self).assumingMemoryBound(to: xmlChar.self)
  }
}
