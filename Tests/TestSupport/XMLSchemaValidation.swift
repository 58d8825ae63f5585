import CLibXML2
import Foundation

/// XSD validation through libxml2, for tests of the JUnit reports.
public enum XMLSchemaValidation {
  /// Collects the validator's messages.
  private final class Messages {
    var lines: [String] = []
  }

  /// The validation errors of `xml` against the schema at `schemaPath` (`line N: message`);
  /// empty when the document is valid. A schema or document that cannot be parsed is
  /// reported as an error too.
  public static func errors(xml: Data, schemaPath: String) -> [String] {
    let messages = Messages()
    let box = Unmanaged.passUnretained(messages).toOpaque()
    let collect: xmlStructuredErrorFunc = { userData, error in
      guard let userData, let error else { return }
      let messages = Unmanaged<Messages>.fromOpaque(userData).takeUnretainedValue()
      let text = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
      messages.lines.append("line \(error.pointee.line): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
    guard let parserContext = xmlSchemaNewParserCtxt(schemaPath) else { return ["cannot open schema \(schemaPath)"] }
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    xmlSchemaSetParserStructuredErrors(parserContext, collect, box)
    guard let schema = xmlSchemaParse(parserContext) else {
      return ["cannot parse schema \(schemaPath)"] + messages.lines
    }
    defer { xmlSchemaFree(schema) }
    guard let document = parse(xml) else { return ["the document is not well-formed XML"] }
    defer { xmlFreeDoc(document) }
    guard let validator = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validator"] }
    defer { xmlSchemaFreeValidCtxt(validator) }
    xmlSchemaSetValidStructuredErrors(validator, collect, box)
    let status = xmlSchemaValidateDoc(validator, document)
    return withExtendedLifetime(messages) {
      if status == 0 { return [] }
      return messages.lines.isEmpty ? ["invalid (libxml2 status \(status))"] : messages.lines
    }
  }

  /// Whether `xml` is well-formed XML 1.0 (libxml2 parses it without error).
  public static func isWellFormed(_ xml: Data) -> Bool {
    guard let document = parse(xml) else { return false }
    xmlFreeDoc(document)
    return true
  }

  private static func parse(_ xml: Data) -> xmlDocPtr? {
    xml.withUnsafeBytes { raw -> xmlDocPtr? in
      guard let base = raw.baseAddress else { return nil }
      return xmlReadMemory(
        base.assumingMemoryBound(to: CChar.self), Int32(raw.count), "report.xml", nil,
        Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
    }
  }
}
