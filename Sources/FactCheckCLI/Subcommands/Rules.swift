import ArgumentParser
import FactCheck

extension FactCheckCommand {
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Work on the rule pack.",
            subcommands: [Lint.self, Test.self, New.self, Export.self])
    }
}

extension FactCheckCommand.Rules {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile every pattern and report mistakes.",
            discussion: """
                Errors (bad YAML, unknown keys, bad patterns with a caret under PCRE2's error, a check's facts pattern \
                that no rule's key matches) exit 2; every mistake of every rule is reported in one pass. \
                Warnings (literals that never occur in the matching form, unused fragments) exit 0, or 1 with --strict. \
                A reference table's known_until more than \(RuleLint.maximumReferenceAge) days before today is a warning \
                too, but never fails --strict: a commit's verdict must not change with the day it is run.
                """)

        @OptionGroup var rules: RulesOption

        @Flag(help: "Exit 1 when there are warnings.")
        var strict = false

        @Option(help: ArgumentHelp("The day by which the reference tables' age is judged (default: today).", valueName: "yyyy-mm-dd"))
        var today: String?

        func validate() throws {
            if let today, CalendarDate(parsing: today) == nil { throw ValidationError("--today: expected a date such as 2026-11-30") }
        }

        func run() throws {
            let pack = rules.load()
            let errors = pack.errors + RuleLint.errors(pack)
            errors.forEach(printError)
            let warnings = RuleLint.lint(pack, today: today.flatMap(CalendarDate.init(parsing:)) ?? .today)
            for warning in warnings { printStandardError(warning.description) }
            printLine("\(counted(pack.files.count, "rule file")), \(counted(pack.rules.count, "rule")), "
                  + "\(counted(pack.fragments.count, "fragment")): \(counted(errors.count, "error")), \(counted(warnings.count, "warning"))")
            if !errors.isEmpty { throw ExitCode(2) }
            if strict, warnings.contains(where: { !$0.dated }) { throw ExitCode(1) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples and counterexamples, also in mutated forms.",
            discussion: "Mutations: NFD, CRLF line ends, the other tone-mark style, multi-byte text prepended. Exit 1 on any failure.")

        @OptionGroup var rules: RulesOption

        func run() throws {
            let pack = rules.load()
            pack.errors.forEach(printError)
            let results = RuleTester.test(pack)
            for result in results {
                printLine("\(result.passed ? "PASS" : "FAIL") \(result.id) (\(counted(result.examples, "example")), "
                      + "\(counted(result.counterexamples, "counterexample")), \(counted(result.runs, "run")))")
                for failure in result.failures { printLine("  " + failure.replacingOccurrences(of: "\n", with: "\n  ")) }
            }
            let failed = results.filter { !$0.passed }.count
            printLine("rules: \(results.count - failed) passed, \(failed) failed")
            if !pack.errors.isEmpty { throw ExitCode(2) }
            if failed > 0 { throw ExitCode(1) }
        }
    }
}

extension FactCheckCommand.Rules {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a commented skeleton rule, with an example and a counterexample, to the rule pack.",
            discussion: """
                The rule goes into the file whose rules share the id's prefix (trade.x into the file of the trade.* rules), \
                else into a new file named after the prefix (budget.x into budget.yaml). It loads and passes rules lint and \
                rules test as written: replace its pattern, fact and examples with what the rule is meant to read.
                """)

        @Argument(help: ArgumentHelp("The new rule's id, such as trade.export-rice.", valueName: "id"))
        var id: String

        @OptionGroup var rules: RulesOption

        func run() throws {
            do throws(RuleSkeletonError) {
                let written = try RuleSkeleton.add(id: id, to: rules.rules)
                printLine("\(written.path):\(written.line): wrote rule '\(id)'\(written.created ? " (a new file)" : ""): "
                          + "a skeleton to replace with what the rule is meant to read, then run 'factcheck rules test'")
            } catch {
                printError(error)
                throw ExitCode(2)
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the extraction rules' patterns for other PCRE2 tools.",
            discussion: """
                With --pcre2, one pattern per line with fragments expanded, flags as inline options and named \
                groups made plain, for `rg -P -f FILE` (the benchmark's anchor, docs/PERFORMANCE.md).
                """)

        @OptionGroup var rules: RulesOption

        @Flag(help: "PCRE2 patterns, one per line.")
        var pcre2 = false

        func validate() throws {
            guard pcre2 else { throw ValidationError("choose an export format: --pcre2") }
        }

        func run() throws {
            let pack = rules.load()
            pack.errors.forEach(printError)
            for rule in pack.rules {
                guard let pattern = PCRE2Export.line(for: rule) else {
                    printStandardError("\(rule.path):\(rule.line): warning: rule '\(rule.id)' spans several lines and is not exported")
                    continue
                }
                print(pattern)  // a machine-readable pattern for other tools, byte for byte
            }
            if !pack.errors.isEmpty { throw ExitCode(2) }
        }
    }
}
