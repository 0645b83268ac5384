import Foundation
import PCRE2
import Testing
@testable import FactCheck

@Suite struct RuleLoaderTests {
    @Test func aValidRuleLoads() throws {
        let loaded = pack(ruleYAML())
        #expect(loaded.errors.isEmpty)
        let rule = try #require(loaded.rule(withID: "t.amount"))
        #expect(rule.zones == [.body, .caption])
        #expect(rule.matchLimit == 1_000_000)
        #expect(rule.captureNames == ["n"])
        #expect(rule.line == 2)
    }

    @Test func unknownKeysAreErrorsWithASuggestion() {
        let loaded = pack(ruleYAML(extra: ["patern: 'x'"]))
        #expect(loaded.rules.isEmpty)
        guard case .unknownKey(let path, let line, "patern", _, _, "pattern") = loaded.errors.first else {
            Issue.record("expected an unknown key error, got \(loaded.errors)")
            return
        }
        #expect((path, line) == ("rules/test.yaml", 6))
        #expect(loaded.errors[0].errorDescription?.contains("did you mean 'pattern'?") == true)
    }

    @Test func duplicateIDsAreErrors() {
        let loaded = pack(ruleYAML() + ruleYAML().replacingOccurrences(of: "rules:\n", with: ""))
        #expect(loaded.rules.count == 1)
        #expect(loaded.errors == [.duplicateID(path: "rules/test.yaml", line: 10, id: "t.amount", first: "rules/test.yaml:2")])
    }

    @Test func theBuiltInCheckIsInEveryPackAndItsIDIsTaken() {
        let loaded = pack(ruleYAML(id: "text.mixed-script"))
        #expect(loaded.rules.isEmpty)
        #expect(loaded.errors == [.duplicateID(path: "rules/test.yaml", line: 2, id: "text.mixed-script", first: "factcheck (built in)")])
        #expect(loaded.checks.map(\.id) == ["text.mixed-script"])
        #expect(shippedPack.checks.last?.id == "text.mixed-script")
    }

    @Test func fragmentsExpandAcrossFiles() throws {
        let loaded = RuleLoader.load(sources: [
            ("rules/a.yaml", ruleYAML(pattern: "(?<n>{{digits}}) USD")),
            ("rules/b.yaml", "fragments:\n  digits: '{{digit}}+'\n  digit: '\\d'\n"),
        ])
        #expect(loaded.errors.isEmpty)
        #expect(try #require(loaded.rules.first).regex.pattern == #"(?<n>(?:(?:\d)+)) USD"#)
    }

    @Test func undefinedFragmentsAndCyclesAreErrors() {
        let undefined = pack(ruleYAML(pattern: "(?<n>{{nope}})"))
        #expect(undefined.errors == [.undefinedFragment(path: "rules/test.yaml", line: 4, name: "nope", context: "the pattern of rule 't.amount'")])
        let cycle = pack("fragments:\n  a: '{{b}}'\n  b: 'x{{a}}'\n" + ruleYAML(pattern: "(?<n>{{a}})"))
        guard case .fragmentCycle(_, _, let names) = cycle.errors.first else {
            Issue.record("expected a cycle, got \(cycle.errors)")
            return
        }
        #expect(names == ["a", "b", "a"])
    }

    /// Each fragment uses the next twice, and names a group (`(?J)` allows the repeats), so it is
    /// inlined, never shared: 20 levels would expand to 25 MB.
    @Test func fragmentsThatDoubleAtEveryLevelAreRefusedQuicklyNamingTheRuleAndTheChain() throws {
        let levels = 20
        let fragments = "fragments:\n" + (0..<levels).map { "  f\($0): '(?J)(?<g>{{f\($0 + 1)}}){{f\($0 + 1)}}'\n" }.joined()
            + "  f\(levels): 'a'\n"
        let start = Date()
        let loaded = pack(fragments + ruleYAML(id: "bomb", pattern: "(?<n>{{f0}})"))
        // About 1 s in a debug build (most of it compiling the fragments below the cap), 4 s on a
        // loaded CI machine; 18 levels took 9 s before the cap, and each level doubles that (36 s
        // for these 20): a guard against the unbounded expansion coming back, not a target.
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(loaded.rules.isEmpty)
        // Fragments that expand below the cap are still too large for PCRE2: errors of their own.
        let error = try #require(loaded.errors.first { $0.ruleID == "bomb" })
        guard case .patternTooLarge(let path, let line, let rule, _, let chain, let limit) = error else {
            Issue.record("expected a pattern too large, got \(loaded.errors)")
            return
        }
        #expect((path, line, rule, limit) == ("rules/test.yaml", levels + 2 + 4, "bomb", 128 * 1024))
        #expect(chain.count > 1 && chain == (0..<chain.count).map { "f\($0)" })
        #expect(error.message.hasPrefix("the pattern of rule 'bomb' expands past 128 KiB (the limit on an expanded pattern) in fragment f0 → f1 → "))
    }

    @Test func unknownCapturesInTemplatesAreErrors() {
        let loaded = pack(ruleYAML(value: "{amount}"))
        #expect(loaded.errors == [.unknownCapture(path: "rules/test.yaml", line: 5, rule: "t.amount", name: "amount", field: "fact.value", available: ["n"])])
    }

    @Test func aBadPatternPointsACaretAtPCRE2sOffset() throws {
        let loaded = pack(ruleYAML(pattern: #"(?<n>\d+ USD"#))
        let error = try #require(loaded.errors.first)
        #expect(error.line == 4)
        #expect(error.message.contains("missing closing parenthesis"))
        #expect(error.caret == "    (?<n>\\d+ USD\n                ^")
    }

    @Test func aBadFragmentIsBlamedWithItsOwnLine() throws {
        let loaded = pack("fragments:\n  amount: '\\d+(?:,\\d+'\n" + ruleYAML(pattern: "(?<n>{{amount}}) USD"))
        #expect(loaded.errors.count == 2)
        let error = try #require(loaded.errors.first)
        guard case .pattern(_, let line, nil, let context, _, let source, let offset) = error else {
            Issue.record("expected a pattern error, got \(error)")
            return
        }
        #expect(line == 2)
        #expect(context == "fragment 'amount'")
        #expect(source == #"\d+(?:,\d+"#)
        #expect(offset == source.utf8.count)
        // The rule that uses it says why it was skipped, pointing at the fragment.
        #expect(loaded.errors[1].message.contains("uses fragment 'amount', which does not compile (see rules/test.yaml:2)"))
        #expect(loaded.rules.isEmpty)
    }

    @Test func badValuesNameTheirLine() {
        #expect(pack(ruleYAML(extra: ["flags: [caseles]"])).errors.first?.message.contains("unknown flag 'caseles'") == true)
        #expect(pack(ruleYAML(extra: ["zones: [footer]"])).errors.first?.message.contains("unknown zone 'footer'") == true)
        #expect(pack(ruleYAML(extra: ["match_limit: 0"])).errors.first?.line == 6)
        #expect(pack("rules: [1, 2").errors.first.map { if case .yaml = $0 { true } else { false } } == true)
    }

    @Test func rulesWithoutExamplesAreRejected() {
        let yaml = ruleYAML().components(separatedBy: "\n").prefix(5).joined(separator: "\n")
        #expect(pack(yaml).errors == [
            .missingKey(path: "rules/test.yaml", line: 2, key: "examples", context: "rule 't.amount'"),
            .missingKey(path: "rules/test.yaml", line: 2, key: "counterexamples", context: "rule 't.amount'"),
        ])
    }

    /// `rules lint` used to stop at a rule's first mistake: fixing a pack took a run per mistake.
    @Test func everyMistakeOfARuleIsReportedInOnePassInLineOrder() {
        let loaded = pack("""
            rules:
              - id: t.amount
                description: test rule
                pattern: '(?<n>\\d+ USD'
                fact: {key: amount, value: '{n}', type: mony}
                flags: [caseles]
                zones: [footer]
                exampels: []
                examples:
                  - text: 'giá 10 USD'
                    facts: []
              - id: t.second
                description: test rule
                pattern: '(?<n>\\d+) USD'
                fact: {key: amount, value: '{m}', modality: wish}
                examples: [{text: 'giá 10 USD', facts: [{key: amount, value: '10'}]}]
                counterexamples: ['không có số']
            """)
        #expect(loaded.rules.isEmpty)
        #expect(loaded.errors.map(\.line) == [2, 4, 5, 6, 7, 8, 11, 15, 15])
        #expect(loaded.errors.map(\.message) == [
            "rule 't.amount' needs 'counterexamples'",
            "the pattern does not compile: missing closing parenthesis (at byte 12); hint: a '(' is never closed; to match a literal '(' write '\\('",
            "rule 't.amount' fact: 'type' must be one of money, count, percent, date, name, person, text",
            "rule 't.amount': 'flags' has unknown flag 'caseles'; known: caseless, dotall, extended, multiline",
            "rule 't.amount': 'zones' has unknown zone 'footer'; known: body, caption, trailer",
            "unknown key 'exampels' in rule 't.amount' (did you mean 'examples'?); allowed: " + RuleLoader.ruleKeys.joined(separator: ", "),
            "an example of rule 't.amount': 'facts' must list the facts the text yields (use counterexamples for texts that yield none)",
            "rule 't.second' fact: 'modality' must be one of " + Modality.allCases.map(\.rawValue).joined(separator: ", "),
            "'fact.value' uses '{m}', which is not a named group of the pattern; named groups: n",
        ])
    }

    @Test func shippedPackLoadsWithoutErrors() {
        #expect(shippedPack.errors.isEmpty, "\(shippedPack.errors.map { $0.errorDescription ?? "" })")
        #expect(shippedPack.rules.count >= 8)
        #expect(shippedPack.zones.trailer.count >= 2)
    }
}

@Suite struct RuleLintTests {
    @Test func literalsThatNeverOccurInTheMatchingFormAreWarned() {
        let loaded = pack("""
            fragments:
              unused: 'x'
            rules:
              - id: t.lint
                description: test
                pattern: 'Hà Nội – Viêng\u{00A0}Chăn hoà (?<n>\\d+)'
                fact: {key: k, value: '{n}'}
                examples: [{text: 'Hà Nội - Viêng Chăn hòa 1', facts: [{key: k, value: '1'}]}]
                counterexamples: ['x']
            """)
        #expect(loaded.errors.isEmpty)
        let messages = RuleLint.lint(loaded).map(\.message)
        #expect(messages.count == 4, "\(messages)")
        #expect(messages.contains { $0.contains("U+2013") && $0.contains("write '-'") })
        #expect(messages.contains { $0.contains("U+00A0") })
        #expect(messages.contains { $0.contains("'hoà'") && $0.contains("'hòa'") })
        #expect(messages.contains { $0.contains("fragment 'unused' is not used") })
        let dash = RuleLint.lint(loaded).first { $0.message.contains("U+2013") }
        #expect(dash?.caret == "    Hà Nội – Viêng\u{00A0}Chăn hoà (?<n>\\d+)\n           ^")
    }

    @Test func oneMatchStatesEachFactWhoseValueItCaptured() {
        let loaded = pack("""
            rules:
              - id: t.figure
                description: a figure and its growth
                pattern: 'đạt (?<amount>\\d+ USD)(?:, tăng (?<change>\\d+%))?'
                fact:
                  - {key: turnover, value: '{amount}', type: money}
                  - {key: turnover.growth, value: '{change}', type: percent}
                examples:
                  - text: 'đạt 10 USD, tăng 5%'
                    facts: [{key: turnover, value: 10 USD}, {key: turnover.growth, value: 5%}]
                counterexamples: ['không có số']

            """)
        #expect(loaded.errors.isEmpty)
        #expect(facts(in: "Năm nay đạt 10 USD, tăng 5%. Năm ngoái đạt 8 USD.", pack: loaded)
                == ["turnover = 10 USD", "turnover.growth = 5%", "turnover = 8 USD"])
    }

    @Test func aContextRuleSetsOneVariableSoStatesOneFact() {
        let loaded = pack(ruleYAML(extra: ["context: partner"]).replacingOccurrences(
            of: "fact: {key: 'amount', value: '{n}'}", with: "fact: [{key: a, value: '{n}'}, {key: b, value: '{n}'}]"))
        #expect(loaded.rules.isEmpty)
        #expect(loaded.errors.first?.errorDescription?.contains("must be one fact: a context rule sets one variable") == true)
    }

    /// A fragment the pattern would hold several times is written once and called (inlined, a
    /// rule with four amounts exceeded PCRE2's limit on a compiled pattern); one used once is inlined.
    @Test func aFragmentUsedManyTimesIsDefinedOnce() throws {
        let big = "(?:" + (0..<300).map { "word\($0)" }.joined(separator: "|") + ")"
        let loaded = pack("fragments:\n  big: '\(big)'\n  small: 'x'\n"
                          + ruleYAML(pattern: "(?<n>\\d+) USD" + String(repeating: " {{big}}", count: 6) + " {{small}}", example: "giá 10 USD word1 word2 word3 word4 word5 word6 x"))
        #expect(loaded.errors.isEmpty)
        let rule = try #require(loaded.rules.first)
        #expect(rule.regex.pattern.components(separatedBy: "word299").count == 2)
        #expect(rule.regex.pattern.hasSuffix(")))"))
        #expect(rule.regex.pattern.contains("(?:x)"))  // used once: inlined
        #expect(facts(in: "giá 10 USD word1 word2 word3 word4 word5 word299 x", pack: loaded) == ["amount = 10"])
    }

    /// `rules export --pcre2` lines are joined into one alternation by ripgrep: each rule's
    /// definitions of shared fragments are named apart from the others'.
    @Test func exportedRulesWithSharedFragmentsJoinIntoOnePattern() throws {
        let fragments = "fragments:\n  unit: '(?:USD|EUR|đồng)'\n"
        let loaded = pack(fragments + ruleYAML(id: "t.a", pattern: "(?<n>\\d+) {{unit}} và \\d+ {{unit}}", example: "10 USD và 2 EUR")
                          + ruleYAML(id: "t.b", pattern: "(?<n>\\d+) {{unit}} hay \\d+ {{unit}}", example: "10 USD hay 2 EUR")
                              .replacingOccurrences(of: "rules:\n", with: ""))
        #expect(loaded.errors.isEmpty)
        let lines = try loaded.rules.map { try #require(PCRE2Export.line(for: $0)) }
        #expect(lines.allSatisfy { $0.contains("(?(DEFINE)") })
        let joined = try Regex(lines.map { "(?:\($0))" }.joined(separator: "|"))
        let text = Array("gia 3 EUR hay 4 USD".utf8)
        let match = try text.withUnsafeBufferPointer { try Matcher().firstMatch(of: joined, in: $0) }
        #expect(match?.range == 4..<19)
    }

    /// Two open terms, one confirmed until 2026-05-01, the other until 2026-06-03 (180 days
    /// before 2026-11-30), and an ended term whose age does not matter.
    private static let offices = """
        references:
          offices:
            - {name: Nguyễn Văn A, title: Thủ tướng, country: Việt Nam, from: 2021-04-05, to: 2024-01-01, source: x}
            - {name: Nguyễn Văn B, title: Thủ tướng, country: Việt Nam, from: 2024-01-01,
               known_until: 2026-05-01, source: x}
            - {name: Nguyễn Văn C, title: Chủ tịch nước, country: Việt Nam, from: 2024-01-01, known_until: 2026-06-03, source: x}
        """

    @Test func aKnownUntilMoreThan180DaysOldIsWarnedAtItsLine() throws {
        let loaded = pack(Self.offices)
        #expect(loaded.errors.isEmpty)
        let warnings = RuleLint.lint(loaded, today: try #require(CalendarDate(year: 2026, month: 11, day: 30)))
        #expect(warnings.map(\.description) == [
            "rules/test.yaml:5: warning: table 'offices': Nguyễn Văn B (Thủ tướng, Việt Nam) is known only until 2026-05-01, "
                + "213 days before today (2026-11-30); articles dated later cannot be verified: "
                + "research the office again and move 'known_until' (or end the term with 'to')",
        ])
    }

    @Test func aKnownUntilWithin180DaysIsNotWarned() throws {
        // 2026-06-03 is exactly 180 days before 2026-11-30: the limit is inclusive.
        let loaded = pack(Self.offices.replacingOccurrences(of: "2026-05-01", with: "2026-06-03"))
        #expect(RuleLint.lint(loaded, today: try #require(CalendarDate(year: 2026, month: 11, day: 30))).isEmpty)
        #expect(RuleLint.lint(loaded, today: try #require(CalendarDate(year: 2026, month: 12, day: 1))).map(\.line) == [5, 6])
        // A table checked after "today" (a clock set back) is not stale either.
        #expect(RuleLint.lint(loaded, today: try #require(CalendarDate(year: 2025, month: 1, day: 1))).isEmpty)
    }

    /// Lint on the day of the table's newest confirmation: the rules are clean, and no open
    /// term lags that day by more than the limit. How old the table is on the real date is
    /// for `factcheck rules lint` to say, not for a test that must not read the clock.
    @Test func theShippedPackLintsClean() throws {
        let checked = try #require(shippedPack.tables.values.joined().compactMap(\.knownUntil).max())
        #expect(RuleLint.lint(shippedPack, today: checked).map(\.description) == [])
    }
}
