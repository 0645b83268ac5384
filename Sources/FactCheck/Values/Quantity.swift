import Foundation

/// A number of things: "274 dự án".
public struct Count: Sendable, Hashable, Decodable {
    @DecimalString public var value: Decimal
    /// What is counted, in matching form: "dự án".
    public var noun: String
    public var qualifier: Qualifier

    /// Reads "274 dự án", "hơn 1.000 doanh nghiệp".
    public init?(parsing text: String) {
        var scanner = WordScanner(text)
        qualifier = scanner.take(anyOf: Qualifier.words.map(\.0)).map { Qualifier.words[$0].1 } ?? .exact
        guard let number = scanner.next().flatMap(VietnameseNumber.parse) else { return nil }
        _value = DecimalString(wrappedValue: number)
        noun = scanner.words.joined(separator: " ")
    }

    func isCompatible(with other: Count, tolerance: Decimal) -> Bool {
        noun == other.noun && Interval(qualifier.bounds(value)).overlaps(Interval(other.qualifier.bounds(other.value)), tolerance: tolerance)
    }

    var display: String { (qualifier == .exact ? "" : qualifier.rawValue + " ") + "\(value) \(noun)" }
}

/// A percentage: "50,4%".
public struct Percent: Sendable, Hashable, Decodable {
    @DecimalString public var value: Decimal

    /// Reads "50,4%", "12 %", "tăng 3,5%" is not a percentage (the verb is the rule's business).
    public init?(parsing text: String) {
        let trimmed = text.replacingOccurrences(of: " ", with: "")
        guard trimmed.hasSuffix("%"), let value = VietnameseNumber.parse(trimmed.dropLast()) else { return nil }
        _value = DecimalString(wrappedValue: value)
    }

    func isCompatible(with other: Percent, tolerance: Decimal) -> Bool {
        Interval(value...value).overlaps(Interval(other.value...other.value), tolerance: tolerance)
    }

    var display: String { "\(value)%" }
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

/// A `Decimal` that goes to JSON as an exact decimal string ("5800000000", "50.4"), never
/// through a binary float.
@propertyWrapper
public struct DecimalString: Sendable, Hashable, Decodable {
    public var wrappedValue: Decimal

    public init(wrappedValue: Decimal) {
        self.wrappedValue = wrappedValue
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a decimal: \(text)"))
        }
        wrappedValue = value
    }

}
