import Foundation
import Testing
@testable import FactCheck

/// A check of `consistency` kind reading `facts`, for a rule file's `checks:`.
func checkYAML(id: String = "c.amount", facts: String, severity: String = "warning") -> String {
    """
    checks:
      - id: \(id)
        kind: consistency
        description: test check
        facts: \(facts)
        severity: \(severity)
        message: 'Số liệu {key} không khớp: {values}.'

    """
}

/// What `rules lint` tells a rule author beyond "it does not compile".
@Suite struct RuleAuthoringTests {
    @Test func aCheckWhoseFactsMatchNoRulesKeyIsALintError() throws {
        let loaded = pack(ruleYAML(key: "trade.amount/{n}") + checkYAML(facts: "['trade.amount/*', 'trade.amuont/*', 'text.mixed-script']"))
        #expect(loaded.errors.isEmpty)
        let errors = RuleLint.errors(loaded)
        #expect(errors == [.invalidValue(
            path: "rules/test.yaml", line: 11, context: "check 'c.amount'",
            message: "'facts' pattern 'trade.amuont/*' matches no key a rule of the pack yields, so the check reads nothing from it "
                + "(did you mean 'trade.amount/*'?)")])
        #expect(RuleLint.errors(shippedPack) == [])
    }

    @Test func keyPatternsOverlapWhenSomeKeyMatchesBoth() {
        #expect(KeyGlob.overlap("trade.*", "trade.turnover/*"))
        #expect(KeyGlob.overlap("trade.turnover/*", "trade.*"))
        #expect(KeyGlob.overlap("*/Lào", "trade.turnover/*"))
        #expect(KeyGlob.overlap("event.date/*", "event.date/Lễ mở ký Công ước Hà Nội"))
        #expect(KeyGlob.overlap("a*b*c", "*x*"))
        #expect(!KeyGlob.overlap("trade.turnvoer/*", "trade.turnover/*"))
        #expect(!KeyGlob.overlap("project.name", "project.names"))
        #expect(!KeyGlob.overlap("a*b", "*c"))
    }

    /// PCRE2 says "two named subpatterns have the same name"; the hint says what to write, and
    /// what it says to write compiles.
    @Test func aCommonPatternMistakeGetsATrueHint() throws {
        let duplicate = pack(ruleYAML(pattern: #"(?<n>\d+) USD|USD (?<n>\d+)"#, extra: []))
        let error = try #require(duplicate.errors.first)
        #expect(error.message.contains("two named subpatterns have the same name"))
        #expect(error.message.contains("hint: alternatives that capture the same thing under one name go in a branch reset group, (?|(?<n>...)|(?<n>...))"))
        let reset = pack(ruleYAML(pattern: #"(?|(?<n>\d+) USD|USD (?<n>\d+))"#))
        #expect(reset.errors.isEmpty)
        #expect(facts(in: "giá USD 12", pack: reset) == ["amount = 12"])

        let lookbehind = try #require(pack(ruleYAML(pattern: #"(?<![\p{N}]+)(?<n>\d+) USD"#)).errors.first)
        #expect(lookbehind.message.contains("lookbehind assertion is not fixed length"))
        #expect(lookbehind.message.contains("write (?<![\\p{N}]) rather than (?<![\\p{N}]+)"))
        #expect(pack(ruleYAML(pattern: #"(?<![\p{N}])(?<n>\d+) USD"#)).errors.isEmpty)

        let plus = try #require(pack(ruleYAML(pattern: #"+84 (?<n>\d+) USD"#)).errors.first)
        #expect(plus.message.hasSuffix("hint: a '*', '+', '?' or '{' here repeats nothing; to match it literally escape it, as in '\\+84'"))
        // An error with no common cause known gets no hint.
        #expect(pack(ruleYAML(pattern: #"(?<n>\d{3,1}) USD"#)).errors.first?.message.contains("hint") == false)
    }
}

/// `factcheck rules ...` and the rule options of `check`, as a rule author runs them.
@Suite(.serialized) struct RuleAuthoringCLITests {
    @Test func lintFailsOnACheckThatReadsNothing() throws {
        let directory = try workspace()
        directory.write("rules/typo.yaml", checkYAML(facts: "['trade.turnvoer/*']"))
        let result = try factcheck("rules", "lint", "--strict", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "rules/typo.yaml:2: error: check 'c.amount': 'facts' pattern 'trade.turnvoer/*' matches no key a rule of the pack yields, "
                + "so the check reads nothing from it (did you mean 'trade.turnover/*'?)"), "\(result.stderr)")
    }

    @Test func aMissingOrEmptyRulesDirectoryNamesTheOption() throws {
        let directory = try workspace()
        let missing = try factcheck("rules", "lint", "--rules", "rulez", in: directory.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains(
            "rulez: error: no rule pack here: no such directory; name the rule pack's directory with --rules DIR (by default ./rules, where factcheck runs)"),
                "\(missing.stderr)")
        try FileManager.default.createDirectory(atPath: directory.path + "/empty", withIntermediateDirectories: true)
        let empty = try factcheck("rules", "test", "--rules", "empty", in: directory.path)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty: error: no rule pack here: no rule files (*.yaml, *.yml) in this directory; name the rule pack's directory with --rules DIR"))
    }
}
