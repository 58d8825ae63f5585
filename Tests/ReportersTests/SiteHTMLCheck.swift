import CLibXML2
import Foundation

/// Parses HTML with libxml2's HTML parser and collects its errors, ignoring only the "unknown
/// tag" complaints about HTML5 elements libxml2 2.9 does not know.
enum SiteHTMLCheck {
  static let html5Elements: Set<String> = [
    "main", "nav", "header", "footer", "article", "section", "figure", "figcaption", "details", "summary", "svg",
    "mark", "time", "aside",
  ]

  final class Collector {
    var messages: [String] = []
  }

  /// Parser errors as `line N: message`; empty when the document is clean.
  static func errors(in html: String) -> [String] {
    let collector = Collector()
    let context = Unmanaged.passRetained(collector)
    defer { context.release() }
    xmlSetStructuredErrorFunc(context.toOpaque()) { userData, error in
      guard let userData, let error else { return }
      let collector = Unmanaged<Collector>.fromOpaque(userData).takeUnretainedValue()
      let message =
        error.pointee.message.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
      if error.pointee.code == 801, let tag = message.split(separator: " ").dropFirst().first,
        SiteHTMLCheck.html5Elements.contains(String(tag))
      {
        return
      }
      collector.messages.append("line \(error.pointee.line): \(message)")
    }
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let bytes = Array(html.utf8)
    let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          htmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options)
        }
      } ?? nil
    }
    if let document {
      xmlFreeDoc(document)
    } else {
      collector.messages.append("not parsed at all")
    }
    return collector.messages
  }

  /// Errors of `xml` parsed as strict XML (for the SVG files); empty when well-formed.
  static func xmlErrors(in xml: String) -> [String] {
    let collector = Collector()
    let context = Unmanaged.passRetained(collector)
    defer { context.release() }
    xmlSetStructuredErrorFunc(context.toOpaque()) { userData, error in
      guard let userData, let error else { return }
      let collector = Unmanaged<Collector>.fromOpaque(userData).takeUnretainedValue()
      collector.messages.append(
        "line \(error.pointee.line): " + (error.pointee.message.map { String(cString: $0) } ?? ""))
    }
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let bytes = Array(xml.utf8)
    let document = bytes.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
          xmlReadMemory($0, Int32(buffer.count), "image.svg", "UTF-8", Int32(XML_PARSE_NONET.rawValue))
        }
      } ?? nil
    }
    if let document {
      if let root = xmlDocGetRootElement(document), let name = root.pointee.name {
        if String(cString: name) != "svg" { collector.messages.append("root element is not svg") }
      }
      xmlFreeDoc(document)
    } else {
      collector.messages.append("not well-formed")
    }
    return collector.messages
  }
}
