import ArgumentParser
import FactCheck
import PCRE2

extension FactCheckCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what one rule matches in articles, or how one check compares their facts, and why.",
            discussion: "With --rule, every match is shown with its location, zone, captures and the facts it yields; "
                + "matches in zones the rule does not read (trailers, repeated paragraphs) are shown and marked. "
                + "With --check, the groups of facts the check compared (key, modality, period), what came of each, "
                + "and every fact it read but compared with none, with why (no value, no period, suppressed, ...).")

        @Option(name: .long, help: ArgumentHelp("A rule's id.", valueName: "id"))
        var rule: String?

        @Option(name: .long, help: ArgumentHelp("A check's id.", valueName: "id"))
        var check: String?

        @Argument(help: ArgumentHelp("Articles or directories of articles.", valueName: "path"))
        var paths: [String]

        @OptionGroup var rules: RulesOption

        func validate() throws {
            guard (rule == nil) != (check == nil) else { throw ValidationError("Give one of --rule and --check.") }
        }

        func run() throws {
            let pack = rules.load()
            pack.errors.forEach(printError)
            if let rule { try explain(rule: rule, pack: pack) }
            if let check { try explain(check: check, pack: pack) }
        }

        /// Says that the pack has no such rule or check, with the closest id, and gives exit 2.
        private func unknown(_ what: String, _ id: String, closest: String?) -> ExitCode {
            printStandardError("\(rules.rules): error: no \(what) '\(id)'" + (closest.map { " (did you mean '\($0)'?)" } ?? ""))
            return ExitCode(2)
        }

        private func explain(rule id: String, pack: RulePack) throws {
            guard let rule = pack.rule(withID: id) else { throw unknown("rule", id, closest: pack.closestRuleID(to: id)) }
            printLine("\(rule.id): \(rule.description)")
            printLine("  pattern (\(rule.pattern.path):\(rule.pattern.line)): \(rule.regex.pattern)")
            for fact in rule.facts {
                printLine("  fact: \(fact.key) = \(fact.value) (\(fact.type.rawValue))")
            }
            printLine("  reads \(rule.zones.sorted().map(\.rawValue).joined(separator: ", "))")
            let corpus = CorpusLoader.load(paths: paths)
            printInputDiagnostics(skipped: corpus.skipped, corpus.errors)
            let extractor = Extractor(pack: pack)
            let matcher = Matcher()
            var matchCount = 0
            var factCount = 0
            for document in corpus.documents {
                let (matches, error) = extractor.explain(rule, in: document, matcher: matcher)
                let date = document.metadata.date.map { ", \($0)" } ?? ", no date"
                printLine("\n\(document.path) (id \(document.id)\(date)): \(counted(matches.count, "match", plural: "matches"))")
                for match in matches {
                    let location = document.location(of: match.range)
                    printLine("  \(location.line):\(location.column) \(match.zone.rawValue) «\(location.text)»")
                    for capture in match.captures {
                        printLine("      \(capture.name) = \(capture.text.debugDescription)")
                    }
                    for (fact, _) in match.facts {
                        printLine("    → \(fact.key) = \(fact.value)")
                    }
                    factCount += match.facts.count
                    if !match.read {
                        printLine("    → no fact: the rule does not read the \(match.zone.rawValue) zone")
                    } else if match.facts.isEmpty {
                        printLine("    → no fact: the captures its values name took no part in the match")
                    }
                }
                matchCount += matches.count
                if let error { printError(error) }
            }
            printLine("\n\(counted(corpus.documents.count, "document")): \(counted(matchCount, "match", plural: "matches")), \(counted(factCount, "fact"))")
            if !pack.errors.isEmpty || corpus.errors.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
        }

        private func explain(check id: String, pack: RulePack) throws {
            guard let check = pack.check(withID: id) else { throw unknown("check", id, closest: pack.closestCheckID(to: id)) }
            printLine("\(check.id): \(check.settings.description)")
            printLine("  reads \(check.settings.facts.joined(separator: ", "))")
            // The check is explained from every fact it could read, not only those in findings.
            let result = CheckRun.run(paths: paths, pack: pack, triage: TriageOptions(), reportFacts: true, allowEmpty: true)
            let report = result.report
            printInputDiagnostics(skipped: result.skipped, report.errors + report.warnings)
            let suppressed = report.triage.suppressedFacts.filter { $0.check == check.id }
            let facts = (report.facts ?? []).filter { fact in !suppressed.contains { $0.isOf(fact) } }
            let explanation = check.explain(in: FactIndex(facts))
            func line(_ fact: Fact) -> String {
                let normalized = fact.normalized.map { " = \($0.display)" } ?? ""
                return "\(fact.location.path):\(fact.location.line):\(fact.location.column) «\(fact.location.text)» \(fact.key)\(normalized)"
            }
            for group in explanation.groups {
                printLine("\n\(group.label): \(counted(group.facts.count, "fact"))")
                for fact in group.facts { printLine("    \(line(fact))") }
                printLine("  → \(group.outcome.replacingOccurrences(of: "\n", with: "\n  → "))")
            }
            let notCompared = explanation.notCompared.map { (line($0.fact), $0.reason) }
                + suppressed.map { fact in
                    ("\(fact.location.path):\(fact.location.line):\(fact.location.column) «\(fact.location.text)» \(fact.key)",
                     "suppressed by \(fact.directive.path):\(fact.directive.line) \(fact.directive.text)")
                }
            if !notCompared.isEmpty {
                printLine("\nnot compared:")
                for (fact, reason) in notCompared { printLine("    \(fact)\n      \(reason)") }
            }
            let read = explanation.groups.reduce(0) { $0 + $1.facts.count } + notCompared.count
            printLine("\n\(counted(report.documents.count, "document")): \(counted(read, "fact")) read, "
                  + "\(counted(explanation.groups.count, "group")), \(counted(notCompared.count, "fact")) not compared")
            if !report.errors.isEmpty { throw ExitCode(2) }
        }
    }
}
