import Foundation
import PCRE2

/// `factcheck rules test`: every rule's examples must yield exactly their facts and its
/// counterexamples none, as written and in forms that must not change what is found
/// (SwiftLint-style mutations): NFD, CRLF line ends, the other tone-mark style, and
/// multi-byte text prepended. A mutation must also locate each fact on the same text.
public enum RuleTester {
    public struct Result: Sendable {
        public let rule: ExtractRule
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

    public static func test(_ pack: RulePack) -> [Result] {
        let matcher = Matcher()
        return pack.rules.map { rule in
            // The rule alone, with the context rules its keys may use.
            var single = pack
            single.rules = pack.rules.filter { $0.context != nil && $0.id != rule.id } + [rule]
            let extractor = Extractor(pack: single)
            var failures: [String] = []
            var runs = 0
            for example in rule.examples {
                let expected = example.facts.map { "\($0.key) = \($0.value)" }.sorted()
                var reference: [String]?
                for mutation in mutations {
                    runs += 1
                    let facts = extract(mutation.apply(example.text), rule: rule, line: example.line, extractor: extractor, matcher: matcher)
                    let found = facts.map { "\($0.key) = \($0.value)" }.sorted()
                    let spans = facts.map { Canonicalizer.canonicalize($0.location.text) }.sorted()
                    if let unparsed = facts.first(where: { $0.normalized == nil }) {
                        failures.append("example at \(rule.path):\(example.line) (\(mutation.name)): value \(unparsed.value.debugDescription) "
                                        + "is not a valid \(unparsed.type.rawValue)")
                        break
                    }
                    if found != expected {
                        failures.append(describe("example", line: example.line, path: rule.path, mutation: mutation.name,
                                                 text: example.text, expected: expected, found: found))
                        break
                    }
                    if let reference, spans != reference {
                        failures.append("example at \(rule.path):\(example.line) (\(mutation.name)): the facts are right but located on "
                                        + "different text:\n    as written: \(reference)\n    \(mutation.name): \(spans)")
                        break
                    }
                    reference = reference ?? spans
                }
            }
            for counterexample in rule.counterexamples {
                for mutation in mutations {
                    runs += 1
                    let facts = extract(mutation.apply(counterexample.text), rule: rule, line: counterexample.line, extractor: extractor, matcher: matcher)
                    guard facts.isEmpty else {
                        failures.append(describe("counterexample", line: counterexample.line, path: rule.path, mutation: mutation.name,
                                                 text: counterexample.text, expected: [], found: facts.map { "\($0.key) = \($0.value)" }))
                        break
                    }
                }
            }
            return Result(rule: rule, failures: failures, runs: runs)
        }
    }

    private static func extract(_ text: String, rule: ExtractRule, line: Int, extractor: Extractor, matcher: Matcher) -> [Fact] {
        let document = Document(text: text, path: "\(rule.path):\(line)")
        return extractor.extract(document, matcher: matcher).facts.filter { $0.rule == rule.id }
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
