import Foundation

/// How a qualifier bounds an amount (DESIGN §7): "gần 2,5 tỷ" is just under 2.5 billion.
public enum Qualifier: String, Codable, Sendable, CaseIterable {
    case exact
    /// gần: just under, within 10%.
    case justUnder = "just-under"
    /// dưới: under, within 25%.
    case under
    /// hơn, trên: over, within 25%.
    case over
    /// khoảng, chừng, tầm, xấp xỉ: about, within 10% either way.
    case about

    static let words: [([String], Qualifier)] = [
        (["gần"], .justUnder), (["dưới"], .under), (["hơn"], .over), (["trên"], .over),
        (["khoảng"], .about), (["chừng"], .about), (["tầm"], .about), (["xấp", "xỉ"], .about),
    ]

    /// The range of values "qualifier x" allows.
    func bounds(_ x: Decimal) -> ClosedRange<Decimal> {
        switch self {
        case .exact: x...x
        case .justUnder: x * Self.ninetyPercent...x
        case .under: x * Self.threeQuarters...x
        case .over: x...x * Self.fiveQuarters
        case .about: x * Self.ninetyPercent...x * Self.hundredTenPercent
        }
    }

    private static let ninetyPercent = Decimal(string: "0.9")!
    private static let threeQuarters = Decimal(string: "0.75")!
    private static let fiveQuarters = Decimal(string: "1.25")!
    private static let hundredTenPercent = Decimal(string: "1.1")!
}

/// An amount of money: exact decimal amount in units of `currency`, and its qualifier.
public struct Money: Sendable, Hashable, Decodable {
    @DecimalString public var amount: Decimal
    /// ISO 4217: USD, VND, LAK.
    public var currency: String
    public var qualifier: Qualifier

    static let currencies: [([String], String)] = [
        (["usd"], "USD"), (["đô", "la", "mỹ"], "USD"), (["đô-la", "mỹ"], "USD"), (["$"], "USD"),
        (["vnđ"], "VND"), (["vnd"], "VND"), (["đồng"], "VND"), (["₫"], "VND"),
        (["kíp"], "LAK"), (["lak"], "LAK"), (["₭"], "LAK"),
    ]

    /// Reads "gần 2,5 tỷ USD", "10.000 triệu USD", "1 nghìn tỷ đồng", "hơn 5,8 tỷ USD".
    public init?(parsing text: String) {
        var scanner = WordScanner(text)
        let qualifier = scanner.take(anyOf: Qualifier.words.map(\.0)).map { Qualifier.words[$0].1 } ?? .exact
        guard let number = scanner.next().flatMap(VietnameseNumber.parse) else { return nil }
        var amount = number
        if let scale = scanner.take(anyOf: VietnameseNumber.scales.map(\.words)) {
            amount *= VietnameseNumber.scales[scale].factor
        }
        guard let currency = scanner.take(anyOf: Money.currencies.map(\.0)), scanner.isAtEnd else { return nil }
        _amount = DecimalString(wrappedValue: amount)
        self.currency = Money.currencies[currency].1
        self.qualifier = qualifier
    }

    public init(amount: Decimal, currency: String, qualifier: Qualifier = .exact) {
        _amount = DecimalString(wrappedValue: amount)
        self.currency = currency
        self.qualifier = qualifier
    }

    /// Same currency, and the ranges the qualifiers allow overlap once widened by `tolerance`
    /// (a fraction: 0.05 is 5%).
    func isCompatible(with other: Money, tolerance: Decimal) -> Bool {
        currency == other.currency
            && Interval(qualifier.bounds(amount)).overlaps(Interval(other.qualifier.bounds(other.amount)), tolerance: tolerance)
    }

    /// "10,000,000,000 USD", "just under 2,500,000,000 USD": the normalized value for readers.
    var display: String {
        let prefix = qualifier == .exact ? "" : qualifier.rawValue.replacingOccurrences(of: "-", with: " ") + " "
        return prefix + Money.grouped(amount) + " " + currency
    }

    /// Thousands separated by commas, decimals after a point, as in "10,000,000,000".
    static func grouped(_ value: Decimal) -> String {
        let plain = value.description
        let parts = plain.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: ",") + (parts.count == 2 ? "." + parts[1] : "")
    }
}
