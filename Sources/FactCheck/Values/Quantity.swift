import Foundation

/// A number of things: "274 dự án", "1,2 triệu người", "hơn 1.000 doanh nghiệp", "hàng trăm
/// doanh nghiệp" (an approximate lower bound: over 100).
public struct Count: Sendable, Hashable {
    public var quantity: Amount
    /// What is counted, lowercased: "dự án"; empty for a bare number.
    public var noun: String

    public var value: Decimal { quantity.value }
    public var qualifier: Qualifier { quantity.qualifier }

    /// "hàng trăm", "hàng nghìn": orders of magnitude that say "at least".
    private static let orders: [(words: [String], value: Decimal)] = phrases([("chục", 10), ("trăm", 100)]) + VietnameseNumber.scales

    public init?(parsing text: String) throws(ValueProblem) {
        var stream = TokenStream(text)
        guard !stream.take(["một", "số"]), !stream.take(["một", "vài"]) else { return nil }  // "some", not one
        if stream.take("hàng") {
            var value: Decimal = 1
            while let order = stream.take(longestOf: Count.orders) { value *= order }
            guard value > 1 else { return nil }
            quantity = Amount(value, qualifier: .over)
            noun = Count.noun(&stream) ?? ""
        } else {
            guard let (quantity, noun) = try Amount.read(&stream, term: {
                (stream: inout TokenStream) throws(ValueProblem) -> (number: VietnameseNumber.Numeral, unit: String?)? in
                try VietnameseNumber.read(&stream).map { (number: $0, unit: Count.noun(&stream)) }
            }), quantity.value >= 0 else { return nil }
            self.quantity = quantity
            self.noun = noun ?? ""
        }
        guard stream.isDone else { return nil }
    }

    /// The words after a number, up to a word that joins a range or ends it: "doanh nghiệp".
    private static func noun(_ stream: inout TokenStream) -> String? {
        var words: [String] = []
        while let token = stream.peek, token.kind == .word, !["đến", "tới", "và", "trở"].contains(token.text) {
            words.append(token.text)
            stream.position += 1
        }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    func isCompatible(with other: Count, tolerance: Decimal) -> Bool {
        noun == other.noun && quantity.isCompatible(with: other.quantity, tolerance: tolerance)
    }

    /// "1.500 người", "ít nhất 100 doanh nghiệp".
    func written(_ style: ValueStyle) -> String { quantity.written(style, grouped: false) + (noun.isEmpty ? "" : " " + noun) }
}

/// A percentage, "50,4%", "12 phần trăm", "khoảng 10-15%", a change with its direction,
/// "giảm 6%", or a change in percentage points, "1,5 điểm phần trăm": a different unit, never
/// compared with a percentage.
public struct Percent: Sendable, Hashable {
    public enum Unit: String, Codable, Sendable {
        case percent
        case points
    }

    public var quantity: Amount
    public var unit: Unit

    public var value: Decimal { quantity.value }

    private static let units: [(words: [String], value: Unit)] = phrases([
        ("%", .percent), ("phần trăm", .percent), ("điểm phần trăm", .points), ("điểm %", .points),
    ])

    private static let stresses: [(words: [String], value: Void)] = ["mạnh", "vọt", "tới", "nhẹ", "thêm"].map { ([$0], ()) }

    /// A change may carry its direction: "tăng 3,5%" is +3.5%, "giảm 6%", "giảm -6%" (a common
    /// double negative) and "-6%" are −6%; a word that only stresses it is read past: "tăng
    /// mạnh 91%", "tăng vọt", "tăng tới", "giảm nhẹ", "tăng thêm".
    public init?(parsing text: String) throws(ValueProblem) {
        var stream = TokenStream(text)
        let falling = stream.take("giảm")
        let rising = !falling && stream.take("tăng")
        if rising || falling {
            _ = stream.take(longestOf: Percent.stresses)
        }
        let minus = stream.take("-")
        guard !(rising && minus) else { return nil }  // "tăng -5%" says two things
        guard let (read, unit) = try Amount.read(&stream, term: {
            (stream: inout TokenStream) throws(ValueProblem) -> (number: VietnameseNumber.Numeral, unit: Unit?)? in
            guard let number = try VietnameseNumber.read(&stream) else { return nil }
            return (number, stream.take(longestOf: Percent.units))
        }), let unit, stream.isDone else { return nil }
        var quantity = read
        if falling || minus {  // a fall: the range's ends swap as they change sign
            (quantity.value, quantity.upper) = (-(read.upper ?? read.value), read.upper.map { _ in -read.value })
        }
        self.quantity = quantity
        self.unit = unit
    }

    func isCompatible(with other: Percent, tolerance: Decimal) -> Bool {
        unit == other.unit && quantity.isCompatible(with: other.quantity, tolerance: tolerance)
    }

    /// "4,5%", "-6%", "1,5 điểm %" (percentage points).
    func written(_ style: ValueStyle) -> String {
        quantity.written(style, grouped: false) + (unit == .percent ? "%" : style == .reader ? " điểm %" : " pp")
    }
}

extension Count: Decodable {
    private enum CodingKeys: String, CodingKey { case noun }

    public init(from decoder: Decoder) throws {
        quantity = try Amount(from: decoder, valueKey: "value")
        noun = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .noun)
    }
}

extension Percent: Decodable {
    private enum CodingKeys: String, CodingKey { case unit }

    public init(from decoder: Decoder) throws {
        quantity = try Amount(from: decoder, valueKey: "value")
        unit = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Unit.self, forKey: .unit) ?? .percent
    }
}
