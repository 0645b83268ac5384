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
        #expect(pack(yaml).errors == [.missingKey(path: "rules/test.yaml", line: 2, key: "examples", context: "rule 't.amount'")])
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

    @Test func theShippedPackLintsClean() {
        #expect(RuleLint.lint(shippedPack).map(\.description) == [])
    }
}
