import Foundation

/// Why a value text yields no value. Parsers return nil for a text that is simply not a
/// value of their type; these are the cases a reader must hear about.
public enum ValueProblem: Error, Equatable, Sendable {
    /// The number can be read two ways with different results: "100,000" is 100 with a
    /// Vietnamese decimal comma and 100000 with English thousands.
    case ambiguous(String)
    /// The number is outside the range factcheck represents exactly (`ValueLimits`).
    case outOfRange(String)
}

/// The range of numbers the value parsers accept: a number written with more digits, or a
/// value beyond `maximum`, is refused (`ValueProblem.outOfRange`), never rounded, so no
/// value is ever NaN or infinite. Ten to the 21st is well beyond any amount a newsroom
/// writes (the world's yearly output is about 10^14 USD, 10^18 VND or 10^19 LAK).
enum ValueLimits {
    /// Digits in one written number, integer and fraction together.
    static let digits = 24
    /// The largest absolute value, after scale words: 10^21.
    static let maximum = Decimal(sign: .plus, exponent: 21, significand: 1)
}

/// A word, a number or a symbol of a value text, lowercased. "USD1,23" is the word "usd"
/// and the number "1,23"; "10K$" is "10", "k", "$".
struct ValueToken: Equatable {
    enum Kind { case number, word, symbol }
    let kind: Kind
    let text: String
    /// Whether white space separates it from the token before.
    let spaced: Bool

    /// Splits `text`: runs of letters, runs of digits with the dots and commas between them
    /// (".77", "1.000,5"), and every other visible character alone.
    static func split(_ text: String) -> [ValueToken] {
        let characters = Array(text.lowercased())
        var tokens: [ValueToken] = []
        var index = 0
        var spaced = false
        func isDigit(_ at: Int) -> Bool { at < characters.count && characters[at].isASCIIDigit }
        while index < characters.count {
            let character = characters[index]
            let start = index
            let kind: Kind
            if character.isWhitespace {
                spaced = true
                index += 1
                continue
            } else if character.isASCIIDigit || ((character == "." || character == ",") && isDigit(index + 1)
                                                    && tokens.last?.kind != .number) {
                kind = .number
                index += 1
                while index < characters.count,
                      characters[index].isASCIIDigit || ((characters[index] == "." || characters[index] == ",") && isDigit(index + 1)) {
                    index += 1
                }
            } else if character.isLetter {
                kind = .word
                while index < characters.count, characters[index].isLetter { index += 1 }
            } else {
                kind = .symbol
                index += 1
            }
            tokens.append(ValueToken(kind: kind, text: String(characters[start..<index]), spaced: spaced || tokens.isEmpty))
            spaced = false
        }
        return tokens
    }
}

/// Tokens of a value text read from the front, with backtracking by saving `position`.
struct TokenStream {
    let tokens: [ValueToken]
    var position = 0

    init(_ text: String) {
        tokens = ValueToken.split(text)
    }

    var isAtEnd: Bool { position >= tokens.count }
    var peek: ValueToken? { position < tokens.count ? tokens[position] : nil }

    /// At the end, or only a final full stop is left ("1 AED.").
    var isDone: Bool { isAtEnd || (position == tokens.count - 1 && tokens[position].text == ".") }

    mutating func next() -> ValueToken? {
        defer { position += 1 }
        return peek
    }

    /// Consumes `phrase` (token texts) when the stream continues with it.
    mutating func take(_ phrase: [String]) -> Bool {
        guard position + phrase.count <= tokens.count,
              phrase.indices.allSatisfy({ tokens[position + $0].text == phrase[$0] }) else { return false }
        position += phrase.count
        return true
    }

    mutating func take(_ word: String) -> Bool { take([word]) }

    /// Consumes the longest of `phrases` the stream continues with, and returns its value.
    mutating func take<Value>(longestOf phrases: [(words: [String], value: Value)]) -> Value? {
        var best: (length: Int, value: Value)?
        for phrase in phrases where phrase.words.count > (best?.length ?? 0) {
            let saved = position
            if take(phrase.words) { best = (phrase.words.count, phrase.value) }
            position = saved
        }
        guard let best else { return nil }
        position += best.length
        return best.value
    }

    /// Runs `body` and rewinds when it returns nil.
    mutating func attempt<Value>(_ body: (inout TokenStream) throws(ValueProblem) -> Value?) throws(ValueProblem) -> Value? {
        let saved = position
        if let value = try body(&self) { return value }
        position = saved
        return nil
    }
}

/// Phrase tables as `[(words, value)]` from "a b" strings.
func phrases<Value>(_ table: [(String, Value)]) -> [(words: [String], value: Value)] {
    table.map { (ValueToken.split($0.0).map(\.text), $0.1) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
