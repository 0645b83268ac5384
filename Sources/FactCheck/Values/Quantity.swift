import Foundation

/// A number of things: "274 dự án".
public struct Count: Sendable, Hashable, Codable {
    public var value: Decimal
    /// What is counted, in matching form: "dự án".
    public var noun: String
    public var qualifier: Qualifier

    /// Reads "274 dự án", "hơn 1.000 doanh nghiệp".
    public init?(parsing text: String) {
        var scanner = WordScanner(text)
        qualifier = scanner.take(anyOf: Qualifier.words.map(\.0)).map { Qualifier.words[$0].1 } ?? .exact
        guard let number = scanner.next().flatMap(VietnameseNumber.parse) else { return nil }
        value = number
        noun = scanner.words.joined(separator: " ")
    }

    func isCompatible(with other: Count, tolerance: Decimal) -> Bool {
        noun == other.noun && Interval(qualifier.bounds(value)).overlaps(Interval(other.qualifier.bounds(other.value)), tolerance: tolerance)
    }

    var display: String { (qualifier == .exact ? "" : qualifier.rawValue + " ") + "\(value) \(noun)" }

    enum CodingKeys: String, CodingKey { case value, noun, qualifier }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decodeDecimalString(forKey: .value)
        noun = try container.decode(String.self, forKey: .noun)
        qualifier = try container.decode(Qualifier.self, forKey: .qualifier)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("\(value)", forKey: .value)
        try container.encode(noun, forKey: .noun)
        try container.encode(qualifier, forKey: .qualifier)
    }
}

/// A percentage: "50,4%".
public struct Percent: Sendable, Hashable, Codable {
    public var value: Decimal

    /// Reads "50,4%", "12 %", "tăng 3,5%" is not a percentage (the verb is the rule's business).
    public init?(parsing text: String) {
        let trimmed = text.replacingOccurrences(of: " ", with: "")
        guard trimmed.hasSuffix("%"), let value = VietnameseNumber.parse(trimmed.dropLast()) else { return nil }
        self.value = value
    }

    public init(_ value: Decimal) {
        self.value = value
    }

    func isCompatible(with other: Percent, tolerance: Decimal) -> Bool {
        Interval(value...value).overlaps(Interval(other.value...other.value), tolerance: tolerance)
    }

    var display: String { "\(value)%" }

    enum CodingKeys: String, CodingKey { case value }

    public init(from decoder: Decoder) throws {
        value = try decoder.container(keyedBy: CodingKeys.self).decodeDecimalString(forKey: .value)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("\(value)", forKey: .value)
    }
}

/// A closed range of decimals, compared with a relative tolerance.
struct Interval {
    var range: ClosedRange<Decimal>

    init(_ range: ClosedRange<Decimal>) {
        self.range = range
    }

    /// Whether the ranges overlap once each is widened by `tolerance` (0.05 = 5%) of its bounds.
    func overlaps(_ other: Interval, tolerance: Decimal) -> Bool {
        func widened(_ r: ClosedRange<Decimal>) -> ClosedRange<Decimal> {
            let low = r.lowerBound - abs(r.lowerBound) * tolerance
            let high = r.upperBound + abs(r.upperBound) * tolerance
            return low...high
        }
        let a = widened(range), b = widened(other.range)
        return a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound
    }
}

extension KeyedDecodingContainer {
    func decodeDecimalString(forKey key: Key) throws -> Decimal {
        let text = try decode(String.self, forKey: key)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a decimal: \(text)")
        }
        return value
    }
}
