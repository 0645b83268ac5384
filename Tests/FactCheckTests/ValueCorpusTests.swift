import Foundation
import PCRE2
import Testing
@testable import FactCheck

/// The value grammar against a corpus it was not written for: ValueCorpus/values.tsv holds
/// the forms of Duckling's Vietnamese corpora (money, numbers, dates) and our own newsroom
/// phrasings, each with the value it must give or `none`. The test prints the agreement per
/// part and category and fails below the figures reached so far, so they can only go up;
/// a value that differs from the expected one (a confident wrong value) fails at once.
@Suite struct ValueCorpusTests {
    struct Case {
        let line: Int
        let part: String
        let category: String
        let text: String
        let expected: String
        let articleDate: CalendarDate?
        /// Where our reading differs from Duckling's on purpose, the note says so.
        let differsFromDuckling: Bool
    }

    /// The agreement reached, per "part/category": raise a floor when the grammar gets better.
    static let floors: [String: Double] = [
        "duckling/money": 1.0, "duckling/number": 1.0, "duckling/date": 1.0, "duckling/relative": 1.0,
        "newsroom/money": 1.0, "newsroom/number": 1.0, "newsroom/count": 1.0, "newsroom/percent": 1.0,
        "newsroom/date": 1.0, "newsroom/period": 1.0, "newsroom/relative": 1.0,
    ]

    static func cases() throws -> [Case] {
        let text = try String(contentsOfFile: packageRoot + "/Tests/FactCheckTests/ValueCorpus/values.tsv", encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let part = columns[0]
            let date = columns.count > 4 ? columns[4] : ""
            let articleDate = date == "none" ? nil
                : CalendarDate(parsing: date.isEmpty ? (part == "duckling" ? "2017-02-02" : "2025-12-01") : date)
            return Case(line: index + 1, part: part, category: columns[1], text: columns[2], expected: columns[3], articleDate: articleDate,
                        differsFromDuckling: columns.count > 5 && columns[5].contains("differs from Duckling"))
        }
    }

    /// What the grammar gives for a case, in the corpus's notation.
    static func actual(_ item: Case) -> String {
        do {
            switch item.category {
            case "number": return try VietnameseNumber.parse(item.text).map { "\($0)" } ?? "none"
            case "money": return try Money(parsing: item.text).map { notation($0.quantity) + " " + $0.currency } ?? "none"
            case "count":
                return try Count(parsing: item.text).map { notation($0.quantity) + ($0.noun.isEmpty ? "" : " " + $0.noun) } ?? "none"
            case "percent":
                return try Percent(parsing: item.text).map { notation($0.quantity) + ($0.unit == .percent ? "%" : " pp") } ?? "none"
            default:
                guard let date = DateValue(parsing: item.text, articleDate: item.articleDate), date.isValid else { return "none" }
                return notation(date)
            }
        } catch {
            return "none"
        }
    }

    static func notation(_ amount: Amount) -> String {
        (amount.qualifier == .exact ? "" : amount.qualifier.rawValue + " ") + "\(amount.value)" + (amount.upper.map { "..\($0)" } ?? "")
    }

    static func notation(_ date: DateValue) -> String {
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "??" }
        let year = date.year.map(String.init) ?? "????"
        let endYear = date.endYear.map(String.init) ?? year
        switch date.kind {
        case .day: return "\(year)-\(two(date.month))-\(two(date.day))"
        case .days: return "\(year)-\(two(date.month))-\(two(date.day))..\(endYear)-\(two(date.endMonth))-\(two(date.endDay))"
        case .month: return "\(year)-\(two(date.month))"
        case .period: return "\(year)-\(two(date.month))..\(year)-\(two(date.endMonth))"
        case .year: return year
        case .range: return "\(year)..\(endYear)"
        }
    }

    @Test func agreementPerCategoryNeverFalls() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 300)
        var agreed: [String: (Int, Int)] = [:]
        var withDuckling: [String: Int] = [:]  // agreeing with Duckling's own answer
        var wrong: [String] = []
        var missed: [String] = []
        for item in cases {
            let group = item.part + "/" + item.category
            let actual = Self.actual(item)
            let agrees = actual == item.expected
            agreed[group, default: (0, 0)].0 += agrees ? 1 : 0
            agreed[group, default: (0, 0)].1 += 1
            if agrees, !item.differsFromDuckling { withDuckling[group, default: 0] += 1 }
            let line = "  values.tsv:\(item.line) [\(group)] \(item.text) → \(actual), expected \(item.expected)"
            if !agrees { (actual == "none" ? { missed.append(line) } : { wrong.append(line) })() }
        }
        print("value corpus: agreement per part/category")
        for group in agreed.keys.sorted() {
            let (hits, total) = agreed[group]!
            func percent(_ count: Int) -> String { String(format: "%.1f%%", Double(count) * 100 / Double(total)) }
            let duckling = group.hasPrefix("duckling/") ? "; with Duckling's own answers \(withDuckling[group] ?? 0)/\(total) = \(percent(withDuckling[group] ?? 0))" : ""
            print("  \(group): \(hits)/\(total) = \(percent(hits))\(duckling)")
            let floor = try #require(Self.floors[group], "no floor for \(group)")
            #expect(Double(hits) / Double(total) >= floor - 1e-9, "\(group) fell to \(hits)/\(total)")
        }
        if !missed.isEmpty { print("not understood (no value):\n" + missed.joined(separator: "\n")) }
        #expect(wrong.isEmpty, "confident wrong values:\n\(wrong.joined(separator: "\n"))")
    }

    /// The fragments a rule author uses by name must match, whole, every value text the grammar
    /// reads: otherwise a rule built on them would never hand the grammar that form.
    @Test func theShippedFragmentsMatchEveryFormTheGrammarReads() throws {
        // A day is read after "ngày", "sáng", ... (the rules' {{day_part}}); a month, quarter or
        // year given where a date may stand is a period.
        let patterns = [
            "money": "^(?:{{money}})$", "count": "^(?:{{count}})$", "percent": "^(?:{{percent}})$", "period": "^(?:{{period}})$",
            "date": "^(?:(?:{{day_part}}) )?(?:{{date}})$|^(?:{{period}})$",
        ]
        var regexes: [String: Regex] = [:]
        for (category, pattern) in patterns {
            let expansion = try PatternExpansion.expand(pattern, fragments: shippedPack.fragments, extended: false)
            regexes[category] = try Regex(expansion.text, options: [.caseless])
        }
        let matcher = Matcher()
        var unmatched: [String] = []
        var checked = 0
        for item in try Self.cases() where item.expected != "none" {
            // Counts carry their noun after the fragment; a date with a weekday is read by date.weekday.
            let category = item.category == "count" ? "count" : item.category == "relative" ? nil : item.category
            guard let category, let regex = regexes[category] else { continue }
            var text = Canonicalizer.canonicalize(item.text)
            if text.hasSuffix(".") { text.removeLast() }  // "1 AED." ends a sentence
            if category == "count", case .count(let count)? = try? FactValue.parse(item.text, as: .count, context: .init()), !count.noun.isEmpty {
                text = String(text.dropLast(count.noun.count + 1))
            }
            if category == "date", ["thứ ", "chủ nhật"].contains(where: item.text.lowercased().contains) { continue }
            checked += 1
            let bytes = Array(text.utf8)
            let matched = try bytes.withUnsafeBufferPointer { try matcher.firstMatch(of: regex, in: $0) } != nil
            if !matched { unmatched.append("  values.tsv:\(item.line) [\(category)] \(item.text)") }
        }
        print("fragments: \(checked - unmatched.count)/\(checked) value texts matched whole by their fragment")
        if !unmatched.isEmpty { print(unmatched.joined(separator: "\n")) }
        #expect(unmatched.isEmpty, "not matched by their fragment:\n\(unmatched.joined(separator: "\n"))")
    }
}
