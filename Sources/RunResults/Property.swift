/// A name/value pair written into reports (JUnit `<property>`, JSON `properties`).
public struct Property: Sendable, Hashable, Codable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}
