import Foundation

/// How a qualifier bounds a value (DESIGN §7): "gần 2,5 tỷ" is just under 2.5 billion, "không
/// dưới 1 tỷ" at least 1 billion. A negation turns the bound around; the widths are fixed
/// guesses at what a newsroom means, documented in docs/RULES.md.
public enum Qualifier: String, Codable, Sendable, CaseIterable {
    case exact
    /// gần: just under, within 10%.
    case justUnder = "just-under"
    /// dưới, không quá, tối đa, … trở xuống: at most, within 25%.
    case under
    /// hơn, trên, không dưới, ít nhất, … trở lên: at least, within 25%.
    case over
    /// khoảng, chừng, tầm, xấp xỉ: about, within 10% either way.
    case about

    /// The words before a value, longest match first.
    static let prefixes: [(words: [String], value: Qualifier)] = phrases([
        ("gần", .justUnder),
        ("dưới", .under), ("ít hơn", .under), ("kém hơn", .under), ("thấp hơn", .under), ("chưa tới", .under),
        ("chưa đến", .under), ("chưa đầy", .under), ("không tới", .under), ("không đến", .under), ("không quá", .under),
        ("không hơn", .under), ("không cao hơn", .under), ("không vượt quá", .under), ("tối đa", .under),
        ("hơn", .over), ("trên", .over), ("nhiều hơn", .over), ("cao hơn", .over), ("ít nhất", .over), ("tối thiểu", .over),
        ("không dưới", .over), ("không ít hơn", .over), ("không thấp hơn", .over), ("không kém", .over),
        ("khoảng", .about), ("chừng", .about), ("tầm", .about), ("xấp xỉ", .about), ("khoảng chừng", .about),
        ("tầm khoảng", .about), ("ước tính", .about), ("ước khoảng", .about),
    ])

    /// The words after a value: "từ 7.000 đồng trở xuống".
    static let suffixes: [(words: [String], value: Qualifier)] = phrases([("trở lên", .over), ("trở xuống", .under)])

    /// The range of values "qualifier low…high" allows.
    func bounds(_ low: Decimal, _ high: Decimal) -> ClosedRange<Decimal> {
        switch self {
        case .exact: low...high
        case .justUnder: low * Self.ninetyPercent...high
        case .under: low * Self.threeQuarters...high
        case .over: low...high * Self.fiveQuarters
        case .about: low * Self.ninetyPercent...high * Self.hundredTenPercent
        }
    }

    /// How the qualifier reads before a normalized value: for readers "khoảng ", "gần ", "";
    /// in a fingerprint "about ", "just under ", "".
    func prefix(_ style: ValueStyle) -> String {
        switch (self, style) {
        case (.exact, _): ""
        case (_, .fingerprint): rawValue.replacingOccurrences(of: "-", with: " ") + " "
        case (.justUnder, .reader): "gần "
        case (.under, .reader): "tối đa "
        case (.over, .reader): "ít nhất "
        case (.about, .reader): "khoảng "
        }
    }

    private static let ninetyPercent = Decimal(string: "0.9")!
    private static let threeQuarters = Decimal(string: "0.75")!
    private static let fiveQuarters = Decimal(string: "1.25")!
    private static let hundredTenPercent = Decimal(string: "1.1")!
}

/// A quantity as written: one value or a range ("2-3 tỷ", "từ 1.000 đến 2.000"), and the
/// qualifier that bounds it. Money, counts and percentages each add their unit.
public struct Amount: Sendable, Hashable {
    /// The value, or the low end of a range.
    public var value: Decimal
    /// The high end of a range.
    public var upper: Decimal?
    public var qualifier: Qualifier

    public init(_ value: Decimal, upper: Decimal? = nil, qualifier: Qualifier = .exact) {
        self.value = value
        self.upper = upper
        self.qualifier = qualifier
    }

    /// The values the amount allows. A negative amount (a fall: "giảm hơn 6%") is bounded like
    /// its magnitude and mirrored, so "over" still means further from zero.
    var bounds: ClosedRange<Decimal> {
        let (low, high) = (value, upper ?? value)
        guard high <= 0, low < 0 else { return qualifier.bounds(low, high) }
        let mirrored = qualifier.bounds(-high, -low)
        return -mirrored.upperBound ... -mirrored.lowerBound
    }

    /// Whether the values the two allow overlap once widened by `tolerance` (0.05 = 5%).
    func isCompatible(with other: Amount, tolerance: Decimal) -> Bool {
        let a = widenedBounds(tolerance: tolerance), b = other.widenedBounds(tolerance: tolerance)
        return a.lowerBound <= b.upperBound && b.lowerBound <= a.upperBound
    }

    /// The values the amount allows, widened by `tolerance`: what compatibility compares, and
    /// what `ClusterIndex` orders amounts by.
    func widenedBounds(tolerance: Decimal) -> ClosedRange<Decimal> {
        let r = bounds
        return (r.lowerBound - abs(r.lowerBound) * tolerance)...(r.upperBound + abs(r.upperBound) * tolerance)
    }

    /// "khoảng 1.000–2.000" for readers, "about 1,000–2,000" in a fingerprint (`grouped`: with
    /// thousands separated; else only the fingerprint's digits are bare, as counts have them).
    func written(_ style: ValueStyle, grouped: Bool = true) -> String {
        func number(_ value: Decimal) -> String {
            switch style {
            case .reader: ValueStyle.vietnamese(value)
            case .fingerprint: grouped ? ValueStyle.english(value) : "\(value)"
            }
        }
        return qualifier.prefix(style) + number(value) + (upper.map { "–" + number($0) } ?? "")
    }

    /// Reads `[qualifier] A [(- | đến | tới) B] [trở lên | trở xuống]`, also "từ A đến B" and
    /// "giữa A và B", where each end is a number with the unit `term` reads around it. The
    /// ends must agree on the unit (or one of them gives it), and a scale word on the high
    /// end only applies to both: "2-3 tỷ USD".
    static func read<Unit: Equatable>(
        _ stream: inout TokenStream, term: (inout TokenStream) throws(ValueProblem) -> (number: VietnameseNumber.Numeral, unit: Unit?)?
    ) throws(ValueProblem) -> (Amount, Unit?)? {
        var qualifier = stream.take(longestOf: Qualifier.prefixes) ?? .exact
        if qualifier != .exact { _ = stream.take("là") }  // "ít nhất là 5 tỷ USD"
        let opening = stream.take("từ") ? "từ" : stream.take("giữa") ? "giữa" : nil
        guard let low = try term(&stream) else { return nil }
        var high: (number: VietnameseNumber.Numeral, unit: Unit?)?
        let joiners = opening == "giữa" ? [["và"]] : [["-"], ["đến"], ["tới"], ["đến", "mức"]]
        let beforeJoiner = stream.position
        if joiners.contains(where: { stream.take($0) }) {
            high = try term(&stream)
            if high == nil { stream.position = beforeJoiner }
        }
        if high == nil, let suffix = stream.take(longestOf: Qualifier.suffixes) {
            guard qualifier == .exact else { return nil }
            qualifier = suffix
        } else if high == nil, opening != nil {
            return nil  // "từ 1.000 đồng" alone says where something starts, not how much it is
        }
        guard let high else { return (Amount(low.number.value, qualifier: qualifier), low.unit) }
        if let a = low.unit, let b = high.unit, a != b { return nil }
        var from = low.number.value
        if low.number.scale == nil, let scale = high.number.scale { from *= scale }
        guard from <= high.number.value else { return nil }
        return (Amount(from, upper: high.number.value, qualifier: qualifier), low.unit ?? high.unit)
    }
}

extension Amount: Decodable {
    /// Reads the members `FactValue.write(to:)` writes: `valueKey` (the amount's own name,
    /// "amount" for money), "upper" and "qualifier".
    init(from decoder: Decoder, valueKey: String) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        func decimal(_ key: String) throws -> Decimal? {
            guard let text = try container.decodeIfPresent(String.self, forKey: AnyKey(key)) else { return nil }
            guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
                throw DecodingError.dataCorruptedError(forKey: AnyKey(key), in: container, debugDescription: "not a decimal: \(text)")
            }
            return value
        }
        guard let value = try decimal(valueKey) else {
            throw DecodingError.keyNotFound(AnyKey(valueKey), .init(codingPath: decoder.codingPath, debugDescription: "no \(valueKey)"))
        }
        self.init(value, upper: try decimal("upper"),
                  qualifier: try container.decodeIfPresent(Qualifier.self, forKey: AnyKey("qualifier")) ?? .exact)
    }

    public init(from decoder: Decoder) throws {
        try self.init(from: decoder, valueKey: "value")
    }

    struct AnyKey: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
