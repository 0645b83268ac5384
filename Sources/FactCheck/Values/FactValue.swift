import Foundation

/// A fact's value, typed and normalized so that two ways of writing it compare equal:
/// "10 tỷ USD" and "10.000 triệu USD" are one amount.
public enum FactValue: Sendable, Hashable {
    case money(Money)
    case count(Count)
    case percent(Percent)
    case date(DateValue)
    case name(NameValue)
    case person(Person)
    case text(String)

    /// What a parser needs besides the value text.
    struct Context {
        var captures: [String: String] = [:]
        /// The article's publication date, which resolves a date without a year.
        var articleDate: CalendarDate?
        /// The sentence around the match, for tense cues.
        var sentence = ""
    }

    /// Parses `text` (the rendered value template) as `type`: nil when it is not one; a
    /// `ValueProblem` when it looks like one but must not be guessed (ambiguous, out of range).
    static func parse(_ text: String, as type: ValueType, context: Context) throws(ValueProblem) -> FactValue? {
        switch type {
        case .money: try Money(parsing: text).map(FactValue.money)
        case .count: try Count(parsing: text).map(FactValue.count)
        case .percent: try Percent(parsing: text).map(FactValue.percent)
        case .date:
            DateValue(parsing: text, articleDate: context.articleDate, sentence: context.sentence,
                      partOfDay: context.captures["part"]).map(FactValue.date)
        case .name: text.isEmpty ? nil : .name(NameValue(name: text))
        case .person: Person(captures: context.captures).map(FactValue.person)
        case .text: .text(text)
        }
    }

    /// Whether two values can both be true: same type, and within `tolerance` (a fraction)
    /// for amounts, counts and percentages.
    func isCompatible(with other: FactValue, tolerance: Decimal) -> Bool {
        switch (self, other) {
        case (.money(let a), .money(let b)): a.isCompatible(with: b, tolerance: tolerance)
        case (.count(let a), .count(let b)): a.isCompatible(with: b, tolerance: tolerance)
        case (.percent(let a), .percent(let b)): a.isCompatible(with: b, tolerance: tolerance)
        case (.date(let a), .date(let b)): a.isCompatible(with: b)
        case (.name(let a), .name(let b)): a.matchingKey == b.matchingKey
        case (.person(let a), .person(let b)): a == b
        case (.text(let a), .text(let b)): a == b
        default: false
        }
    }

    /// The normalized value for readers, numbers as Vietnamese editors write them:
    /// "10.000.000.000 USD", "4,5%", "khoảng 1.200 người", "2025-10-25".
    public var display: String { written(.reader) }

    /// The normalized value as findings are identified by it: "10,000,000,000 USD", "4.5%".
    /// Baselines hold fingerprints made of it, so it never changes with the readers' form.
    var fingerprint: String { written(.fingerprint) }

    func written(_ style: ValueStyle) -> String {
        switch self {
        case .money(let money): money.written(style)
        case .count(let count): count.written(style)
        case .percent(let percent): percent.written(style)
        case .date(let date): date.display
        case .name(let name): name.name
        case .person(let person): person.display
        case .text(let text): text
        }
    }

    /// The amount of money, count or percentage the value holds, if it is one.
    var quantity: Amount? {
        switch self {
        case .money(let money): money.quantity
        case .count(let count): count.quantity
        case .percent(let percent): percent.quantity
        default: nil
        }
    }

    var type: ValueType {
        switch self {
        case .money: .money
        case .count: .count
        case .percent: .percent
        case .date: .date
        case .name: .name
        case .person: .person
        case .text: .text
        }
    }
}

extension FactValue: Decodable {
    /// Reads `{"type": "money", "amount": "10000000000", ...}` (report.json's `normalized`, written
    /// by `FactValue.write(to:)`): the type beside the value's own fields.
    private enum TypeKey: String, CodingKey { case type }
    private enum TextKey: String, CodingKey { case text }

    public init(from decoder: Decoder) throws {
        switch try decoder.container(keyedBy: TypeKey.self).decode(ValueType.self, forKey: .type) {
        case .money: self = .money(try Money(from: decoder))
        case .count: self = .count(try Count(from: decoder))
        case .percent: self = .percent(try Percent(from: decoder))
        case .date: self = .date(try DateValue(from: decoder))
        case .name: self = .name(try NameValue(from: decoder))
        case .person: self = .person(try Person(from: decoder))
        case .text: self = .text(try decoder.container(keyedBy: TextKey.self).decode(String.self, forKey: .text))
        }
    }
}

/// How a normalized value's numbers are written: for readers (Vietnamese: "10.000.000.000",
/// "4,5", "khoảng"), or in a finding's fingerprint, whose form ("10,000,000,000", "4.5",
/// "about") baselines depend on and which therefore stays as it was first written.
enum ValueStyle {
    case reader, fingerprint

    /// Dot thousands and a decimal comma: "10.000.000.000", "1.500", "2,5", "-6".
    static func vietnamese(_ value: Decimal) -> String { grouped(value, thousands: ".", decimal: ",") }

    /// Comma thousands and a decimal point: "10,000,000,000", "2.5".
    static func english(_ value: Decimal) -> String { grouped(value, thousands: ",", decimal: ".") }

    private static func grouped(_ value: Decimal, thousands: String, decimal: String) -> String {
        let parts = value.description.split(separator: ".", maxSplits: 1)
        var integer = String(parts[0])
        let negative = integer.hasPrefix("-")
        if negative { integer.removeFirst() }
        var groups: [String] = []
        while integer.count > 3 {
            groups.insert(String(integer.suffix(3)), at: 0)
            integer.removeLast(3)
        }
        groups.insert(integer, at: 0)
        return (negative ? "-" : "") + groups.joined(separator: thousands) + (parts.count == 2 ? decimal + parts[1] : "")
    }
}
