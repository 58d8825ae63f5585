import Foundation

extension RegressionPolicy {
  /// This policy with the settings of a bench block applied. Keys: `alpha` (0.01), `threshold`
  /// or `noise_threshold` (`5%` or `0.05`), `confidence` (`95%` or `0.95`), `resamples` (10000),
  /// `seed`, `strict` (true/false). Unknown keys and bad values throw, naming the key.
  public func applying(settings: [String: String]) throws(PolicySettingError) -> RegressionPolicy {
    var policy = self
    for (key, raw) in settings.sorted(by: { $0.key < $1.key }) {
      let value = raw.trimmingCharacters(in: .whitespaces)
      switch key {
      case "alpha":
        policy.alpha = try Self.fraction(value, key: key, open: true)
      case "threshold", "noise_threshold":
        policy.noiseThreshold = try Self.fraction(value, key: key, open: false)
      case "confidence":
        policy.confidence = try Self.fraction(value, key: key, open: true)
      case "resamples":
        guard let count = Int(value), count >= 100, count <= 1_000_000 else {
          throw PolicySettingError(key: key, value: raw, expected: "a whole number from 100 to 1000000")
        }
        policy.resamples = count
      case "seed":
        guard let seed = UInt64(value) else {
          throw PolicySettingError(key: key, value: raw, expected: "a non-negative whole number")
        }
        policy.seed = seed
      case "strict":
        guard let flag = Bool(value.lowercased()) else {
          throw PolicySettingError(key: key, value: raw, expected: "true or false")
        }
        policy.strict = flag
      default:
        throw PolicySettingError(
          key: key, value: raw, expected: "one of alpha, threshold, confidence, resamples, seed, strict")
      }
    }
    return policy
  }

  /// `5%` -> 0.05, `0.05` -> 0.05; within (0, 1) (or [0, 1) when `open` is false).
  static func fraction(_ text: String, key: String, open: Bool) throws(PolicySettingError) -> Double {
    let isPercent = text.hasSuffix("%")
    let number = Double(isPercent ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text)
    guard let number else {
      throw PolicySettingError(key: key, value: text, expected: "a number such as 0.05 or 5%")
    }
    let value = isPercent ? number / 100 : number
    guard value.isFinite, value < 1, open ? value > 0 : value >= 0 else {
      throw PolicySettingError(key: key, value: text, expected: open ? "between 0 and 1 (exclusive)" : "from 0 to 1")
    }
    return value
  }
}

/// A bench block setting that could not be applied.
public struct PolicySettingError: Error, Equatable, CustomStringConvertible {
  /// The setting's key.
  public var key: String
  /// The value given.
  public var value: String
  /// What is accepted.
  public var expected: String

  /// `threshold: 'abc' is not valid; expected a number such as 0.05 or 5%`.
  public var description: String { "\(key): '\(value)' is not valid; expected \(expected)" }
}
