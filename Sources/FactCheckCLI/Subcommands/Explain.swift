import ArgumentParser
import FactCheck
import PCRE2

extension FactCheckCommand {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what one rule matches in articles, and why.",
            discussion: "Every match is shown with its location, zone, captures and the fact it yields; "
                + "matches in zones the rule does not read (trailers, repeated paragraphs) are shown and marked.")

        @Option(name: .long, help: ArgumentHelp("The rule's id.", valueName: "id"))
        var rule: String

        @Argument(help: ArgumentHelp("Articles or directories of articles.", valueName: "path"))
        var paths: [String]

        @OptionGroup var rules: RulesOption

        func run() throws {
            let pack = rules.load()
            pack.errors.forEach(printError)
            guard let rule = pack.rule(withID: rule) else {
                let suggestion = pack.closestRuleID(to: self.rule).map { " (did you mean '\($0)'?)" } ?? ""
                printStandardError("\(rules.rules): error: no rule '\(self.rule)'\(suggestion)")
                throw ExitCode(2)
            }
            print("\(rule.id): \(rule.description)")
            print("  pattern (\(rule.pattern.path):\(rule.pattern.line)): \(rule.regex.pattern)")
            for fact in rule.facts {
                print("  fact: \(fact.key) = \(fact.value) (\(fact.type.rawValue))")
            }
            print("  reads \(rule.zones.sorted().map(\.rawValue).joined(separator: ", "))")
            let corpus = CorpusLoader.load(paths: paths)
            corpus.errors.forEach(printError)
            let extractor = Extractor(pack: pack)
            let matcher = Matcher()
            var matchCount = 0
            var factCount = 0
            for document in corpus.documents {
                let (matches, error) = extractor.explain(rule, in: document, matcher: matcher)
                let date = document.metadata.date.map { ", \($0)" } ?? ", no date"
                print("\n\(document.path) (id \(document.id)\(date)): \(counted(matches.count, "match", plural: "matches"))")
                for match in matches {
                    let location = document.location(of: match.range)
                    print("  \(location.line):\(location.column) \(match.zone.rawValue) «\(location.text)»")
                    for capture in match.captures {
                        print("      \(capture.name) = \(capture.text.debugDescription)")
                    }
                    for (fact, _) in match.facts {
                        print("    → \(fact.key) = \(fact.value)")
                    }
                    factCount += match.facts.count
                    if !match.read {
                        print("    → no fact: the rule does not read the \(match.zone.rawValue) zone")
                    } else if match.facts.isEmpty {
                        print("    → no fact: the captures its values name took no part in the match")
                    }
                }
                matchCount += matches.count
                if let error { printError(error) }
            }
            print("\n\(counted(corpus.documents.count, "document")): \(counted(matchCount, "match", plural: "matches")), \(counted(factCount, "fact"))")
            if !pack.errors.isEmpty || !corpus.errors.isEmpty { throw ExitCode(2) }
        }
    }
}
