import Foundation

/// An amount of money: an exact decimal amount (or range) in units of `currency`, and its
/// qualifier. Reads "gần 2,5 tỷ USD", "1 tỷ 200 triệu đồng", "2-3 tỷ USD", "từ 1.000 đến 2.000
/// đồng", "không dưới 1 tỷ USD", "$10k", "USD1,23", "hai đô la và 23 xen", "hai tỷ rưỡi đồng".
public struct Money: Sendable, Hashable {
    /// The amount, or the low end of a range, with its qualifier.
    public var quantity: Amount
    /// ISO 4217: USD, VND, LAK, EUR, CNY, THB, JPY, GBP, INR, AED.
    public var currency: String

    public var amount: Decimal { quantity.value }
    public var qualifier: Qualifier { quantity.qualifier }

    /// Currencies as written, before or after the number.
    static let currencies: [(words: [String], value: String)] = phrases([
        ("usd", "USD"), ("us$", "USD"), ("$", "USD"), ("đô", "USD"), ("đô la", "USD"), ("đô-la", "USD"), ("đô la mỹ", "USD"),
        ("đô-la mỹ", "USD"), ("đô mỹ", "USD"), ("dollar", "USD"), ("dollars", "USD"),
        ("vnd", "VND"), ("vnđ", "VND"), ("đồng", "VND"), ("đ", "VND"), ("₫", "VND"), ("vn$", "VND"),
        ("kíp", "LAK"), ("lak", "LAK"), ("₭", "LAK"),
        ("euro", "EUR"), ("euros", "EUR"), ("eur", "EUR"), ("€", "EUR"),
        ("nhân dân tệ", "CNY"), ("cny", "CNY"),
        ("baht", "THB"), ("bạt", "THB"), ("thb", "THB"),
        ("yên", "JPY"), ("jpy", "JPY"), ("¥", "JPY"),
        ("bảng anh", "GBP"), ("£", "GBP"), ("gbp", "GBP"), ("pound", "GBP"), ("pounds", "GBP"),
        ("rs", "INR"), ("rs.", "INR"), ("rupee", "INR"), ("rupees", "INR"), ("inr", "INR"),
        ("aed", "AED"), ("dirham", "AED"), ("dirhams", "AED"),
    ])

    /// Currencies with hundredths written after the main unit: "2 đô la và 23 xen".
    private static let withCents: Set<String> = ["USD", "EUR", "GBP", "INR", "AED", "CNY"]

    public init?(parsing text: String) throws(ValueProblem) {
        var stream = TokenStream(text)
        guard let (quantity, currency) = try Amount.read(&stream, term: Money.term), let currency, stream.isDone else { return nil }
        self.init(quantity: quantity, currency: currency)
    }

    public init(quantity: Amount, currency: String) {
        self.quantity = quantity
        self.currency = currency
    }

    public init(amount: Decimal, currency: String, qualifier: Qualifier = .exact) {
        self.init(quantity: Amount(amount, qualifier: qualifier), currency: currency)
    }

    /// One end of an amount: `[currency] number [currency] [cents]`.
    private static func term(_ stream: inout TokenStream) throws(ValueProblem) -> (number: VietnameseNumber.Numeral, unit: String?)? {
        let before = stream.take(longestOf: currencies)
        guard var number = try VietnameseNumber.read(&stream) else { return nil }
        let after = before == nil ? stream.take(longestOf: currencies) : nil
        guard let currency = before ?? after else { return (number, nil) }
        if after != nil, withCents.contains(currency), let cents = try Self.cents(&stream) { number.value += cents }
        return (number, currency)
    }

    /// "và 23 xen", "23 xu", or a bare one- or two-digit number at the very end ("hai đô 23").
    private static func cents(_ stream: inout TokenStream) throws(ValueProblem) -> Decimal? {
        try stream.attempt { (stream: inout TokenStream) throws(ValueProblem) -> Decimal? in
            let joined = stream.take("và")
            guard let number = try VietnameseNumber.read(&stream), number.scale == nil, number.value < 100,
                  number.value == number.value.rounded else { return nil }
            let named = stream.take("xen") || stream.take("xu") || stream.take("cent") || stream.take("cents")
            guard named || (!joined && stream.isDone) else { return nil }
            return number.value / 100
        }
    }

    /// Same currency, and the ranges the qualifiers allow overlap once widened by `tolerance`.
    func isCompatible(with other: Money, tolerance: Decimal) -> Bool {
        currency == other.currency && quantity.isCompatible(with: other.quantity, tolerance: tolerance)
    }

    /// "10.000.000.000 USD", "gần 2.500.000.000 USD", "2.000.000.000–3.000.000.000 USD".
    func written(_ style: ValueStyle) -> String { quantity.written(style) + " " + currency }
}

extension Money: Decodable {
    private enum CodingKeys: String, CodingKey { case currency }

    public init(from decoder: Decoder) throws {
        quantity = try Amount(from: decoder, valueKey: "amount")
        currency = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .currency)
    }
}

extension Decimal {
    /// Rounded to a whole number.
    var rounded: Decimal {
        var value = self, result = Decimal()
        NSDecimalRound(&result, &value, 0, .plain)
        return result
    }
}
