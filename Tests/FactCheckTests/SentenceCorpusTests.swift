import Foundation
import PCRE2
import Testing
import Yams
@testable import FactCheck

/// The shipped pack on sentences of our own, one or more per form real articles use
/// (docs/RULES.md, "What real articles say"): each file in Sentences/ names the key prefixes
/// it is about and lists sentences with exactly the facts those keys must get.
///
/// ```yaml
/// keys: ['trade.', 'investment.']
/// sentences:
///   - text: 'Năm 2025, kim ngạch thương mại hai nước đạt 2,9 tỷ USD.'
///     date: 2026-01-10          # optional: the article's date
///     partner: Lào              # optional: front matter partner
///     form: T1                  # optional: the catalogue's form
///     facts: ['trade.turnover/Lào = 2,9 tỷ USD @ năm 2025']   # key = value [@ period]
/// ```
@Suite struct SentenceCorpusTests {
    struct Sentence: Sendable, CustomTestStringConvertible {
        let file: String
        let text: String
        let date: String?
        let partner: String?
        let facts: [String]
        let keys: [String]
        var testDescription: String { "\(file): \(text.prefix(60))" }
    }

    static let folder = packageRoot + "/Tests/FactCheckTests/Sentences"

    static func sentences() throws -> [Sentence] {
        var all: [Sentence] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".yaml") {
            let yaml = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            guard let root = try Yams.load(yaml: yaml) as? [String: Any], let keys = root["keys"] as? [String],
                  let list = root["sentences"] as? [[String: Any]] else {
                throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: name])
            }
            for item in list {
                all.append(Sentence(
                    file: name, text: "\(item["text"] ?? "")", date: item["date"].map { "\($0)" }, partner: item["partner"] as? String,
                    facts: (item["facts"] as? [Any])?.map { "\($0)" } ?? [], keys: keys))
            }
        }
        return all
    }

    /// The facts the pack finds in one sentence, as "key = value [@ period]", for the file's keys.
    static func found(_ sentence: Sentence) -> [String] {
        var front = ["id: s"]
        if let date = sentence.date { front.append("date: \(date)") }
        if let partner = sentence.partner { front.append("partner: \(partner)") }
        let article = "---\n" + front.joined(separator: "\n") + "\n---\n" + sentence.text + "\n"
        var corpus = Corpus()
        CorpusLoader.decode(Array(article.utf8), path: "s.md", into: &corpus)
        let extractor = Extractor(pack: shippedPack), matcher = Matcher()
        return corpus.documents.flatMap { extractor.extract($0, matcher: matcher).facts }
            .filter { fact in sentence.keys.contains { fact.key.hasPrefix($0) } }
            .map { "\($0.key) = \($0.value)" + ($0.period.map { " @ \($0)" } ?? "") }
    }

    @Test func everySentenceGivesExactlyItsFacts() throws {
        let sentences = try Self.sentences()
        var failures: [String] = []
        for sentence in sentences {
            let found = Self.found(sentence)
            if found.sorted() != sentence.facts.sorted() {
                failures.append("\(sentence.file): \(sentence.text)\n    expected: \(sentence.facts)\n    found:    \(found)")
            }
        }
        print("sentence corpus: \(sentences.count - failures.count)/\(sentences.count) sentences give exactly their facts")
        if !failures.isEmpty { print(failures.joined(separator: "\n")) }
        #expect(failures.isEmpty, "\(failures.count) sentences differ")
    }
}
