import Foundation

/// Numbers as Vietnamese newsrooms write them: dot thousands and decimal comma
/// ("1.000" = 1000, "5,8" = 5.8, "10.000,5" = 10000.5), read into an exact `Decimal`.
enum VietnameseNumber {
    /// nil when `text` is not such a number: misplaced separators ("1.00", "1,2,3") included.
    static func parse(_ text: some StringProtocol) -> Decimal? {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let integer = parts.first, !integer.isEmpty else { return nil }
        let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              groups.count == 1 || (groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { return nil }
        var digits = groups.joined()
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
            digits += "." + parts[1]
        }
        return Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Scale words, longest first: "nghìn tỷ" is 10^12.
    static let scales: [(words: [String], factor: Decimal)] = [
        (["nghìn", "tỷ"], Decimal(sign: .plus, exponent: 12, significand: 1)),
        (["nghìn", "tỉ"], Decimal(sign: .plus, exponent: 12, significand: 1)),
        (["ngàn", "tỷ"], Decimal(sign: .plus, exponent: 12, significand: 1)),
        (["ngàn", "tỉ"], Decimal(sign: .plus, exponent: 12, significand: 1)),
        (["tỷ"], Decimal(sign: .plus, exponent: 9, significand: 1)),
        (["tỉ"], Decimal(sign: .plus, exponent: 9, significand: 1)),
        (["triệu"], Decimal(sign: .plus, exponent: 6, significand: 1)),
        (["nghìn"], Decimal(sign: .plus, exponent: 3, significand: 1)),
        (["ngàn"], Decimal(sign: .plus, exponent: 3, significand: 1)),
    ]
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Reads words off the front of a value text, case-insensitively.
struct WordScanner {
    private(set) var words: ArraySlice<String>

    init(_ text: String) {
        words = ArraySlice(text.lowercased().split(separator: " ").map(String.init))
    }

    var isAtEnd: Bool { words.isEmpty }

    /// Consumes the first of `phrases` that starts the remaining words, and returns its index.
    mutating func take(anyOf phrases: [[String]]) -> Int? {
        for (index, phrase) in phrases.enumerated() where words.starts(with: phrase) {
            words = words.dropFirst(phrase.count)
            return index
        }
        return nil
    }

    mutating func next() -> String? {
        words.popFirst()
    }
}
