import Foundation

/// Numbers as Vietnamese newsrooms write them, read into an exact `Decimal`:
/// - digits in the Vietnamese convention, dot thousands and decimal comma ("1.000" = 1000,
///   "5,8" = 5.8, "10.000,5"); in the English convention only with English thousands, where no
///   Vietnamese reading exists ("3,000,000", "1,000.5"), and for fractions below one ("0.77",
///   ".77"). A decimal point after a whole number ("1.5": English, or a Vietnamese number
///   missing digits?) and one comma before three digits ("100,000 USD": 100 or 100000) are
///   `ValueProblem.ambiguous`: flagged, never guessed — but before a scale word a comma is a
///   decimal comma ("1,687 tỷ USD");
/// - k, M, G stuck to digits ("10k", "1.2M"); "phẩy" or "chấm" as a decimal point ("hai phẩy 23");
/// - number words ("hai mươi mốt", "bảy trăm linh năm") and scale words that add up in
///   decreasing order ("1 tỷ 200 triệu", "hai mươi mốt nghìn không trăm mười một"), with
///   "rưỡi" as half of the scale before it ("hai tỷ rưỡi").
enum VietnameseNumber {
    /// A number read off a stream, with the last scale word's factor: a range "2-3 tỷ"
    /// lends the scale of its high end to a low end written without one.
    struct Numeral {
        var value: Decimal
        var scale: Decimal?
    }

    static let scales: [(words: [String], value: Decimal)] = phrases([
        ("nghìn tỷ", power(12)), ("nghìn tỉ", power(12)), ("ngàn tỷ", power(12)), ("ngàn tỉ", power(12)),
        ("tỷ", power(9)), ("tỉ", power(9)), ("triệu", power(6)), ("nghìn", power(3)), ("ngàn", power(3)),
    ])

    /// Digits' suffixes, only when stuck to the digits: "10k", "3M", ".0012G".
    private static let suffixes: [String: Decimal] = ["k": power(3), "m": power(6), "g": power(9)]

    /// Units as the first word of a number; `tail` adds the forms used after "mươi"/"mười".
    private static let units: [String: Int] = [
        "không": 0, "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
    ]
    private static let tail: [String: Int] = units.merging(["mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5]) { unit, _ in unit }

    static func power(_ exponent: Int) -> Decimal { Decimal(sign: .plus, exponent: exponent, significand: 1) }

    /// A whole value text as one number, signed ("âm 1,200,000", "-3"), or nil.
    static func parse(_ text: String) throws(ValueProblem) -> Decimal? {
        var stream = TokenStream(text)
        let negative = stream.take("âm") || stream.take("-")
        guard let number = try read(&stream), stream.isDone else { return nil }
        return negative ? -number.value : number.value
    }

    /// Reads a number with its scale words; nil (and the stream unmoved) when none starts here.
    static func read(_ stream: inout TokenStream) throws(ValueProblem) -> Numeral? {
        var total: Decimal = 0
        var lastScale: Decimal?
        var any = false
        while true {
            let saved = stream.position
            guard let group = try small(&stream) else { break }
            if let scale = stream.take(longestOf: scales) {
                if let lastScale, scale >= lastScale {  // "2 nghìn 3 tỷ" is not a number
                    stream.position = saved
                    break
                }
                total += group.value * scale
                if stream.take("rưỡi") { total += scale / 2 }
                lastScale = scale
                any = true
                continue
            }
            if lastScale == nil {
                total = group.value
                any = true
            } else if lastScale == power(3), group.inWords, group.value < 1000 {
                total += group.value  // "hai mươi mốt nghìn không trăm mười một"
            } else {
                stream.position = saved  // "1 tỷ 2" is colloquial shorthand, not read
            }
            break
        }
        guard any else { return nil }
        guard total <= ValueLimits.maximum else { throw .outOfRange(stream.tokens.map(\.text).joined(separator: " ")) }
        return Numeral(value: total, scale: lastScale)
    }

    /// One group before a scale word: digits (with a suffix or decimal words) or words below 1000.
    private static func small(_ stream: inout TokenStream) throws(ValueProblem) -> (value: Decimal, inWords: Bool)? {
        guard let token = stream.peek else { return nil }
        var value: Decimal
        let inWords: Bool
        if token.kind == .number {
            let scaled = stream.position + 1 < stream.tokens.count && scales.contains { $0.words[0] == stream.tokens[stream.position + 1].text }
            guard let digits = try digits(token.text, beforeScale: scaled) else { return nil }
            stream.position += 1
            value = digits
            inWords = false
            if let next = stream.peek, next.kind == .word, !next.spaced, let factor = suffixes[next.text] {
                stream.position += 1
                return (value * factor, false)
            }
        } else {
            guard let words = words(&stream) else { return nil }
            value = Decimal(words)
            inWords = true
        }
        if let fraction = decimalPart(&stream) { value += fraction }
        return (value, inWords)
    }

    /// "phẩy 23", "chấm ba": the fraction after a decimal point said as a word.
    private static func decimalPart(_ stream: inout TokenStream) -> Decimal? {
        let saved = stream.position
        guard stream.take("phẩy") || stream.take("chấm") else { return nil }
        var digits = ""
        if let token = stream.peek, token.kind == .number, token.text.allSatisfy(\.isASCIIDigit) {
            digits = token.text
            stream.position += 1
        } else {
            while let token = stream.peek, let digit = units[token.text] {
                digits += String(digit)
                stream.position += 1
            }
        }
        guard !digits.isEmpty, digits.count <= ValueLimits.digits else {
            stream.position = saved
            return nil
        }
        return Decimal(string: "0." + digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Number words below a thousand: "ba mươi ba", "mười lăm", "bảy trăm linh năm", "hai trăm rưỡi".
    static func words(_ stream: inout TokenStream) -> Int? {
        let saved = stream.position
        if let hundreds = unit(&stream, in: units), stream.take("trăm") {
            var value = hundreds * 100
            if stream.take("rưỡi") { return value + 50 }
            let beforeRest = stream.position
            if stream.take("linh") || stream.take("lẻ") {
                if let unit = unit(&stream, in: tail) { return value + unit }
                stream.position = beforeRest
                return value
            }
            if let tens = tens(&stream) { value += tens }
            return value
        }
        stream.position = saved
        return tens(&stream)
    }

    private static func tens(_ stream: inout TokenStream) -> Int? {
        if stream.take("mười") { return 10 + (unit(&stream, in: tail) ?? 0) }
        let saved = stream.position
        if let tens = unit(&stream, in: units), tens >= 2, stream.take("mươi") {
            return tens * 10 + (unit(&stream, in: tail) ?? 0)
        }
        stream.position = saved
        return unit(&stream, in: units)
    }

    private static func unit(_ stream: inout TokenStream, in table: [String: Int]) -> Int? {
        guard let token = stream.peek, token.kind == .word, let value = table[token.text] else { return nil }
        stream.position += 1
        return value
    }

    /// A run of digits with dots and commas, in the convention that reads it (see the type's
    /// comment); nil when neither does. Before a scale word the Vietnamese reading wins: "1,687
    /// tỷ USD" is how newsrooms write 1.687 billion, never 1,687 billion.
    static func digits(_ text: String, beforeScale: Bool = false) throws(ValueProblem) -> Decimal? {
        guard text.count(where: \.isASCIIDigit) <= ValueLimits.digits else { throw .outOfRange(text) }
        let vietnamese = read(text, thousands: ".", decimal: ",")
        let english = read(text, thousands: ",", decimal: ".")
        switch (vietnamese, english) {
        case (let value?, nil): return value
        case (nil, let value?):
            // English thousands, or a fraction below one ("0.77", ".77"), read one way only;
            // "1.5" may be English or a Vietnamese number missing digits.
            guard text.contains(",") || text.hasPrefix(".") || text.hasPrefix("0.") else { throw .ambiguous(text) }
            return value
        case (let value?, let other?):
            // Plain digits read alike. Otherwise dot thousands is how Vietnamese is written
            // ("1.000"), while one comma before three digits is as likely English thousands.
            if value != other, text.contains(","), !beforeScale { throw .ambiguous(text) }
            return value
        case (nil, nil): return nil
        }
    }

    private static func read(_ text: String, thousands: Character, decimal: Character) -> Decimal? {
        let parts = text.split(separator: decimal, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let integer = parts[0]
        var digits = ""
        if integer.isEmpty {
            guard parts.count == 2 else { return nil }  // ".77"
            digits = "0"
        } else {
            let groups = integer.split(separator: thousands, omittingEmptySubsequences: false)
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
                  groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }) else { return nil }
            digits = groups.joined()
        }
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
            digits += "." + parts[1]
        }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }
}
