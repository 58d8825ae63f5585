/// What the parser treats as executable: the keywords of the registered block handlers,
/// the names of table directives, and the front matter keys.
public struct SpecSyntax: Sendable, Hashable {
  /// Info-string keywords that make a fenced block executable (`model`, `lora`, `do`, `expect`).
  public var blockKinds: Set<String>
  /// Directive names that turn the following table into cases (`match`).
  public var tableDirectives: Set<String>
  /// Front matter keys accepted without a diagnostic.
  public var frontMatterKeys: Set<String>

  /// The front matter keys every spec understands.
  public static let standardFrontMatterKeys: Set<String> = ["tags", "skip", "xfail"]
  /// Directives that mark a scenario (or, before the first `##`, the file).
  public static let markerDirectives: Set<String> = ["skip", "xfail", "tags"]

  public init(
    blockKinds: Set<String>, tableDirectives: Set<String> = [],
    frontMatterKeys: Set<String> = SpecSyntax.standardFrontMatterKeys
  ) {
    self.blockKinds = blockKinds
    self.tableDirectives = tableDirectives
    self.frontMatterKeys = frontMatterKeys.union(Self.standardFrontMatterKeys)
  }

  /// Info strings that are ordinary code languages: never reported as misspelt keywords.
  static let languages: Set<String> = [
    "bash", "c", "console", "cpp", "csv", "diff", "go", "html", "ini", "java", "javascript", "js", "json",
    "jsonc", "lua", "markdown", "md", "mermaid", "python", "py", "rust", "sh", "shell", "sql", "swift", "text",
    "toml", "ts", "txt", "typescript", "xml", "yaml", "yml", "zsh", "plaintext", "pycon", "output", "log",
  ]
}
