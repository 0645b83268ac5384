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

    /// A check's unknown key used to hide its other mistakes until it was fixed.
    @Test func aChecksUnknownKeyIsReportedWithItsOtherMistake() {
        let loaded = pack(ruleYAML() + checkYAML(facts: "[amount]").replacingOccurrences(of: "severity:", with: "severty:"))
        #expect(loaded.checks.map(\.id) == [MixedScript.id])
        #expect(loaded.errors == [
            .missingKey(path: "rules/test.yaml", line: 11, key: "severity", context: "check 'c.amount'"),
            .unknownKey(path: "rules/test.yaml", line: 15, key: "severty", context: "check 'c.amount'",
                        allowed: RuleLoader.checkKeys + ConsistencyCheck.keys, suggestion: "severity"),
        ])
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

    /// `rules new` writes where a rule of its prefix lives, or a file of its own; what it
    /// writes loads, lints clean and passes its examples; an id in use is refused.
    @Test func rulesNewWritesASkeletonThatLintsAndTests() throws {
        let directory = try workspace()
        let trade = try String(contentsOfFile: directory.path + "/rules/trade.yaml", encoding: .utf8)
        let result = try factcheck("rules", "new", "trade.export-rice", in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        // After the file's lines: a blank line, two lines of comment, then the rule.
        let line = trade.filter { $0 == "\n" }.count + 4
        #expect(result.stdout.hasPrefix("rules/trade.yaml:\(line): wrote rule 'trade.export-rice': a skeleton"), "\(result.stdout)")
        let written = try String(contentsOfFile: directory.path + "/rules/trade.yaml", encoding: .utf8)
        #expect(written.hasPrefix(trade))
        #expect(written.contains("  - id: trade.export-rice\n") && written.contains("    examples:") && written.contains("    counterexamples:"))

        let budget = try factcheck("rules", "new", "budget.spending", in: directory.path)
        #expect(budget.stdout.hasPrefix("rules/budget.yaml:4: wrote rule 'budget.spending' (a new file)"), "\(budget.stdout)")

        let lint = try factcheck("rules", "lint", "--strict", "--today", "2026-01-01", in: directory.path)
        #expect(lint.status == 0, "\(lint.stderr)")
        #expect(lint.stdout.contains("\(shippedPack.rules.count + 2) rules"))
        let test = try factcheck("rules", "test", in: directory.path)
        #expect(test.status == 0)
        #expect(test.stdout.contains("PASS trade.export-rice (1 example, 1 counterexample, 10 runs)"), "\(test.stdout)")
        #expect(test.stdout.contains("PASS budget.spending"))

        let again = try factcheck("rules", "new", "trade.export-rice", in: directory.path)
        #expect(again.status == 2)
        #expect(again.stderr.contains("rules/trade.yaml:\(line): error: the pack already has 'trade.export-rice' (defined here); choose another id"))
        let check = try factcheck("rules", "new", "consistency.trade-target", in: directory.path)
        #expect(check.stderr.contains("rules/checks.yaml:4: error: the pack already has 'consistency.trade-target'"), "\(check.stderr)")
    }

    /// A run with `--only` extracts with two rules; a full run after it must not take those
    /// facts from the store, and its report is a full run's without a store, byte for byte.
    @Test func onlyNarrowsARunWithoutPoisoningTheStoreForFullRuns() throws {
        let directory = try workspace()
        try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/articles")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/articles").count
        #expect(try factcheck("check", "articles", "--no-store", "--out", "full", "--fail-on", "none", in: directory.path).status == 0)
        let full = try report(in: directory, out: "full")

        let narrow = try factcheck("check", "articles", "--store", "s.sqlite", "--only", "trade.target", "--out", "narrow", "--fail-on", "none",
                                   "--report-facts", in: directory.path)
        #expect(narrow.status == 0, "\(narrow.stderr)")
        #expect(narrow.stdout.contains("7 documents, 2 rules:"), "\(narrow.stdout)")
        let narrowed = try JSONDecoder().decode(Report.self, from: try report(in: directory, out: "narrow"))
        // The rule, the context rule its key uses, and the checks over its keys on its facts alone.
        #expect(Set(narrowed.facts?.map(\.rule) ?? []) == ["trade.target", "context.partner"])
        #expect(narrowed.findings.map(\.rule) == ["consistency.trade-target"])

        let later = try factcheck("check", "articles", "--store", "s.sqlite", "--out", "later", "--fail-on", "none", "--timings", in: directory.path)
        #expect(later.stderr.contains("\(files) files extracted, 0 from the store"), "\(later.stderr)")
        #expect(try report(in: directory, out: "later") == full)
        let again = try factcheck("check", "articles", "--store", "s.sqlite", "--out", "again", "--fail-on", "none", "--timings", in: directory.path)
        #expect(again.stderr.contains("0 files extracted, \(files) from the store"), "\(again.stderr)")
        #expect(try report(in: directory, out: "again") == full)

        // Naming a check runs the rules it reads; --disable takes out only what it names.
        let check = try factcheck("check", "articles", "--only", "consistency.trade-target", "--out", "check", "--fail-on", "none", in: directory.path)
        #expect(check.stdout.contains("7 documents, 2 rules: 12 facts, 1 finding"), "\(check.stdout)")
        let disabled = try factcheck("check", "articles", "--disable", "consistency.trade-target,names.projects", "--out", "disabled", "--fail-on", "none",
                                     in: directory.path)
        #expect(disabled.status == 0, "\(disabled.stderr)")
        let fewer = try JSONDecoder().decode(Report.self, from: try report(in: directory, out: "disabled"))
        #expect(fewer.summary.rules == shippedPack.rules.count)
        #expect(!fewer.findings.isEmpty && fewer.findings.allSatisfy { !["consistency.trade-target", "names.projects"].contains($0.rule) })
    }

    /// Staged adoption: a check run at `warning` no longer fails the build at `--fail-on error`,
    /// and its findings keep their fingerprints, so a baseline recorded before still matches.
    @Test func severityChangesALevelButNoFingerprint() throws {
        let directory = try workspace()
        try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/articles")
        let before = try factcheck("check", "articles", "--no-store", "--write-baseline", "baseline.json", "--out", "before", in: directory.path)
        #expect(before.status == 1)
        let errors = try JSONDecoder().decode(Report.self, from: try report(in: directory, out: "before")).findings.filter { $0.severity == .error }
        #expect(Set(errors.map(\.rule)) == ["consistency.trade-target", "reference.officials"])

        let staged = try factcheck("check", "articles", "--no-store", "--severity", "consistency.trade-target=warning",
                                   "--severity", "reference.officials=info", "--out", "staged", in: directory.path)
        #expect(staged.status == 0, "\(staged.stdout)")
        let after = try JSONDecoder().decode(Report.self, from: try report(in: directory, out: "staged")).findings
        for error in errors {
            let same = try #require(after.first { $0.fingerprint == error.fingerprint })
            #expect(same.severity == (error.rule == "reference.officials" ? .info : .warning))
        }
        let baselined = try factcheck("check", "articles", "--no-store", "--baseline", "baseline.json", "--severity", "consistency.trade-target=warning",
                                      "--out", "baselined", in: directory.path)
        #expect(baselined.stdout.contains("0 findings") && baselined.stdout.contains("in the baseline"), "\(baselined.stdout)")
    }

    @Test func unknownIDsInRuleOptionsAreErrorsWithADidYouMean() throws {
        let directory = try workspace()
        directory.write("articles/a.txt", "Việt Nam có 274 dự án đầu tư tại Lào.")
        for (arguments, message) in [
            (["--only", "trade.targt"], "rules: error: --only: the rule pack has no rule or check 'trade.targt' (did you mean 'trade.target'?)"),
            (["--disable", "names.project"], "rules: error: --disable: the rule pack has no rule or check 'names.project' (did you mean 'names.projects'?)"),
            (["--severity", "trade.target=info"], "rules: error: --severity: 'trade.target' is a rule, not a check"),
            (["--severity", "names.projects=fatal"], "--severity: expected CHECK=LEVEL with LEVEL error, warning or info (got 'names.projects=fatal')"),
        ] {
            let result = try run(factcheckBinary, ["check", "articles"] + arguments, in: directory.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains(message), "\(result.stderr)")
        }
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

@Suite struct RuleSkeletonTests {
    /// The skeleton goes at the end of the `rules:` list, not after the `checks:` that follow
    /// it, nor among the comments that belong to them.
    @Test func theSkeletonIsAppendedToTheRulesListBeforeTheNextKey() throws {
        let file = ruleYAML() + "\n# The checks.\nchecks: []\n"
        let (text, line) = try RuleSkeleton.inserting(["- id: t.new", "  description: x"], into: file, path: "rules/test.yaml")
        #expect(text == ruleYAML() + "\n  - id: t.new\n    description: x\n\n# The checks.\nchecks: []\n")
        #expect(line == 11)
        let (fresh, freshLine) = try RuleSkeleton.inserting(["- id: t.new"], into: "fragments:\n  a: 'x'\n", path: "rules/test.yaml")
        #expect(fresh == "fragments:\n  a: 'x'\n\nrules:\n  - id: t.new\n")
        #expect(freshLine == 5)
        #expect(throws: RuleSkeletonError.self) { try RuleSkeleton.inserting(["- id: t.new"], into: "rules: []\n", path: "rules/test.yaml") }
    }
}
