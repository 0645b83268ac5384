import Foundation
import PCRE2

/// `factcheck rules test`: every rule's examples must yield exactly their facts and its
/// counterexamples none, as written and in forms that must not change what is found
/// (SwiftLint-style mutations): NFD, CRLF line ends, the other tone-mark style, and
/// multi-byte text prepended. A mutation must also locate each fact on the same text.
public enum RuleTester {
    public struct Result: Sendable {
        /// The extraction rule's or event rule's id.
        public let id: String
        public let examples: Int
        public let counterexamples: Int
        /// One entry per failed example or counterexample, each a multi-line explanation.
        public let failures: [String]
        /// How many example runs (texts × mutations) were checked.
        public let runs: Int
        public var passed: Bool { failures.isEmpty }
    }

    /// A way of rewriting a text that must not change its facts.
    struct Mutation: Sendable {
        let name: String
        let apply: @Sendable (String) -> String
    }

    static let prefix = "Đoạn mở đầu — “trích dẫn” có dấu tiếng Việt 🇻🇳.\n\n"

    static let mutations: [Mutation] = [
        Mutation(name: "as written") { $0 },
        Mutation(name: "NFD") { $0.decomposedStringWithCanonicalMapping },
        Mutation(name: "CRLF") { $0.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n" },
        Mutation(name: "other tone style") { otherToneStyle($0) },
        Mutation(name: "multi-byte text prepended") { prefix + $0 },
    ]

    /// Every extraction rule, then every event rule. An extraction rule runs alone, with the
    /// context rules its keys may use; an event rule runs with the whole pack, whose facts it joins.
    public static func test(_ pack: RulePack) -> [Result] {
        let matcher = Matcher()
        let rules = pack.rules.map { rule in
            // The rule alone, with the context rules its keys may use.
            var single = pack
            single.rules = pack.rules.filter { $0.context != nil && $0.id != rule.id } + [rule]
            single.events = []
            return test(id: rule.id, path: rule.path, examples: rule.examples, counterexamples: rule.counterexamples,
                        extractor: Extractor(pack: single), matcher: matcher)
        }
        let whole = Extractor(pack: pack)
        return rules + pack.events.map { rule in
            test(id: rule.id, path: rule.path, examples: rule.examples, counterexamples: rule.counterexamples, extractor: whole, matcher: matcher)
        }
    }

    /// Runs one rule's examples and counterexamples, as written and mutated, keeping the facts whose rule is `id`.
    private static func test(
        id: String, path: String, examples: [RuleExample], counterexamples: [RuleCounterexample], extractor: Extractor, matcher: Matcher
    ) -> Result {
        func extract(_ text: String, line: Int) -> [Fact] {
            extractor.extract(Document(text: text, path: "\(path):\(line)"), matcher: matcher).facts.filter { $0.rule == id }
        }
        var failures: [String] = []
        var runs = 0
        for example in examples {
            let expected = example.facts.map { "\($0.key) = \($0.value)" }.sorted()
            var reference: [String]?
            for mutation in mutations {
                runs += 1
                let facts = extract(mutation.apply(example.text), line: example.line)
                let found = facts.map { "\($0.key) = \($0.value)" }.sorted()
                let spans = facts.map { Canonicalizer.canonicalize($0.location.text) }.sorted()
                if let unparsed = facts.first(where: { $0.normalized == nil }) {
                    failures.append("example at \(path):\(example.line) (\(mutation.name)): value \(unparsed.value.debugDescription) "
                                    + "is not a valid \(unparsed.type.rawValue)")
                    break
                }
                if found != expected {
                    failures.append(describe("example", line: example.line, path: path, mutation: mutation.name,
                                             text: example.text, expected: expected, found: found))
                    break
                }
                if let reference, spans != reference {
                    failures.append("example at \(path):\(example.line) (\(mutation.name)): the facts are right but located on "
                                    + "different text:\n    as written: \(reference)\n    \(mutation.name): \(spans)")
                    break
                }
                reference = reference ?? spans
            }
        }
        for counterexample in counterexamples {
            for mutation in mutations {
                runs += 1
                let facts = extract(mutation.apply(counterexample.text), line: counterexample.line)
                guard facts.isEmpty else {
                    failures.append(describe("counterexample", line: counterexample.line, path: path, mutation: mutation.name,
                                             text: counterexample.text, expected: [], found: facts.map { "\($0.key) = \($0.value)" }))
                    break
                }
            }
        }
        return Result(id: id, examples: examples.count, counterexamples: counterexamples.count, failures: failures, runs: runs)
    }

    private static func describe(
        _ what: String, line: Int, path: String, mutation: String, text: String, expected: [String], found: [String]
    ) -> String {
        var lines = ["\(what) at \(path):\(line) (\(mutation)): \(text.debugDescription)"]
        let missing = expected.filter { !found.contains($0) }
        let unexpected = found.filter { !expected.contains($0) }
        lines += missing.map { "    - expected: \($0)" }
        lines += unexpected.map { "    + found:    \($0)" }
        if missing.isEmpty, unexpected.isEmpty {
            lines.append("    expected \(expected.count) facts, found \(found.count): \(found)")
        }
        return lines.joined(separator: "\n")
    }

    /// The text with every syllable's tone mark in the new style ("hòa" → "hoà").
    static func otherToneStyle(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var word: [Unicode.Scalar] = []
        func flush() {
            result.append(contentsOf: VietnameseTone.placed(word, style: .new) ?? word)
            word.removeAll()
        }
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isAlphabetic {
                word.append(scalar)
            } else {
                flush()
                result.append(scalar)
            }
        }
        flush()
        return String(result)
    }
}

extension Document {
    /// A document made from text in memory (rule examples, tests), as if read from a .txt file.
    public init(text: String, path: String, metadata: DocumentMetadata = DocumentMetadata()) {
        let file = SourceFile(path: path, bytes: Array(text.utf8))
        self.init(path: path, id: path, line: 1, metadata: metadata, original: file.bytes, file: file, fileMap: OffsetMap())
    }
}
