import Dispatch
import Synchronization
import Testing
@testable import PCRE2

/// All matches of `pattern` in `text` as substrings, for readable expectations.
private func matches(_ pattern: String, in text: String, options: Regex.Options = []) throws -> [String] {
    let regex = try Regex(pattern, options: options)
    let bytes = Array(text.utf8)
    var found: [String] = []
    try bytes.withUnsafeBufferPointer { buffer in
        try Matcher().forEachMatch(of: regex, in: buffer) { match in
            found.append(String(decoding: bytes[match.range], as: UTF8.self))
            return true
        }
    }
    return found
}

@Suite struct RegexTests {
    @Test func wordBoundariesAndClassesAreUnicodeAware() throws {
        // With UTF alone \b and \w are ASCII-only: "\bđồng\b" would fail and "\bHà\b" match in "Hàng".
        #expect(try matches(#"\bđồng\b"#, in: "giá 5 triệu đồng.") == ["đồng"])
        #expect(try matches(#"\bHà\b"#, in: "Hàng hóa từ Hà Nội") == ["Hà"])
        #expect(try matches(#"\w+"#, in: "Viêng Chăn") == ["Viêng", "Chăn"])
        #expect(try matches(#"\d+"#, in: "274 dự án") == ["274"])
    }

    @Test func caselessFoldsVietnameseLetters() throws {
        #expect(try matches("tổng bí thư", in: "TỔNG BÍ THƯ Tô Lâm", options: .caseless) == ["TỔNG BÍ THƯ"])
        #expect(try matches("tổng bí thư", in: "TỔNG BÍ THƯ Tô Lâm") == [])
    }

    @Test func offsetsAreUTF8ByteOffsets() throws {
        let regex = try Regex(#"(?<amount>\d+(?:,\d+)?) tỷ (?<currency>USD)"#)
        let text = "Kim ngạch đạt gần 2,5 tỷ USD."
        let bytes = Array(text.utf8)
        let match = try bytes.withUnsafeBufferPointer { try Matcher().firstMatch(of: regex, in: $0) }
        let group = try #require(regex.groupNumbers["amount"])
        let amount = try #require(match?[group])
        #expect(String(decoding: bytes[amount], as: UTF8.self) == "2,5")
        #expect(amount.lowerBound == Array("Kim ngạch đạt gần ".utf8).count)
        #expect(regex.captureCount == 2)
        #expect(regex.groupNumbers == ["amount": 1, "currency": 2])
    }

    @Test func unsetGroupsAreNil() throws {
        let regex = try Regex("(gần )?(\\d+)")
        let bytes = Array("274".utf8)
        let match = try #require(bytes.withUnsafeBufferPointer { try Matcher().firstMatch(of: regex, in: $0) })
        #expect(match[1] == nil)
        #expect(match[2] == 0..<3)
        #expect(match[7] == nil)
    }

    @Test func compileErrorsCarryPCRE2MessageAndOffset() {
        #expect(throws: PCRE2Error.compile(message: "missing closing parenthesis", offset: 13)) {
            try Regex("(?<x>\\d+ tỷ")
        }
        #expect(throws: PCRE2Error.self) { try Regex("a\\Cb") }  // \C could split a UTF-8 character
    }

    @Test func emptyMatchesAdvanceByWholeCharacters() throws {
        // An empty pattern matches once between every pair of characters, never inside one.
        #expect(try matches("", in: "Hà").count == 3)
        #expect(try matches("x*", in: "ấx") == ["", "x", ""])
    }

    @Test func rangeLimitsMatchesButLookbehindSeesBefore() throws {
        let regex = try Regex(#"(?<![\p{L}\p{N}])\d+"#)
        let bytes = Array("a12 34 56".utf8)
        var found: [Range<Int>] = []
        try bytes.withUnsafeBufferPointer { buffer in
            try Matcher().forEachMatch(of: regex, in: buffer, range: 2..<6) { match in
                found.append(match.range)
                return true
            }
        }
        // "2" at offset 2 is preceded by "1": no match there; "34" is inside the range; "56" is past it.
        #expect(found == [4..<6])
    }

    @Test func catastrophicBacktrackingHitsTheMatchLimitQuickly() throws {
        let regex = try Regex("(a+)+$")
        let bytes = Array((String(repeating: "a", count: 40) + "b").utf8)
        let start = DispatchTime.now()
        #expect(throws: PCRE2Error.matchLimit(limit: 100_000)) {
            try bytes.withUnsafeBufferPointer { buffer in
                try Matcher().forEachMatch(of: regex, in: buffer, matchLimit: 100_000) { _ in true }
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print("(a+)+$ on 40 a's + b stopped by the match limit after \(seconds) s")
    }

    @Test func theCalloutWrapperKeepsAlternativesCommentsAndErrorOffsets() throws {
        let bytes = Array("b1 a2 # c3".utf8)
        func matches(_ regex: Regex) throws -> [Range<Int>] {
            var found: [Range<Int>] = []
            try bytes.withUnsafeBufferPointer { buffer in
                try Matcher().forEachMatch(of: regex, in: buffer) { found.append($0.range); return true }
            }
            return found
        }
        #expect(try matches(Regex("a2|b1")) == [0..<2, 3..<5])
        #expect(try matches(Regex("a2 # a comment", options: .extended)) == [3..<5])
        #expect(throws: PCRE2Error.compile(message: "unmatched closing parenthesis", offset: 1)) { try Regex("a)(") }
    }

    @Test func oneBudgetBoundsEverySearchOfARangeSplitInTwo() throws {
        let regex = try Regex("(?:a|aa)+c")
        let bytes = Array((String(repeating: String(repeating: "a", count: 18) + " ", count: 200) + "c").utf8)
        var budget = MatchBudget(limit: 100_000)
        #expect(throws: PCRE2Error.matchLimit(limit: 100_000)) {
            try bytes.withUnsafeBufferPointer { buffer in
                for range in [0..<(bytes.count / 2), (bytes.count / 2)..<bytes.count] {
                    try Matcher().forEachMatch(of: regex, in: buffer, range: range, budget: &budget) { _ in true }
                }
            }
        }
        #expect(budget.spent <= 100_000)
    }

    @Test func oneCompiledPatternServesManyThreads() throws {
        let regex = try Regex(#"(?<n>\d+) dự án"#)
        let bytes = Array(String(repeating: "Có 274 dự án và 12 dự án mới. ", count: 200).utf8)
        let counts = Mutex([Int](repeating: 0, count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            let matcher = Matcher()
            var count = 0
            try? bytes.withUnsafeBufferPointer { buffer in
                try matcher.forEachMatch(of: regex, in: buffer) { _ in count += 1; return true }
            }
            counts.withLock { $0[worker] = count }
        }
        #expect(counts.withLock { $0 } == Array(repeating: 400, count: 8))
    }
}
