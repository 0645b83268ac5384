import Foundation
import Testing
@testable import FactCheck

@Suite struct CorpusTests {
    @Test func plainTextIsOneArticle() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.txt", "Tiêu đề\n\nNội dung bài viết.\n")
        let corpus = CorpusLoader.load(paths: [path])
        #expect(corpus.errors.isEmpty)
        let document = try #require(corpus.documents.first)
        #expect(document.id == path)
        #expect(document.canonical.string == "Tiêu đề\n\nNội dung bài viết.\n")
    }

    @Test func markdownFrontMatterBecomesMetadataAndLinesStayTrue() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", """
            ---
            id: vn-la-001
            title: "Hội đàm cấp cao"
            date: 2026-01-26
            url: https://example.org/a
            tags: [ngoại giao, Lào]
            ---
            Dòng một.
            Ngày 26/1, hai bên hội đàm.
            """)
        let corpus = CorpusLoader.load(paths: [path])
        #expect(corpus.errors.isEmpty)
        let document = try #require(corpus.documents.first)
        #expect(document.id == "vn-la-001")
        #expect(document.metadata.title == "Hội đàm cấp cao")
        #expect(document.metadata.date == CalendarDate(year: 2026, month: 1, day: 26))
        #expect(document.metadata.url == "https://example.org/a")
        #expect(document.metadata.extra["tags"] == "ngoại giao, Lào")
        #expect(document.line == 8)
        let start = try #require(document.canonical.string.utf8.firstRange(of: "26/1".utf8))
        let offset = document.canonical.string.utf8.distance(from: document.canonical.string.utf8.startIndex, to: start.lowerBound)
        let location = document.location(of: offset..<(offset + 4))
        #expect((location.line, location.column, location.text) == (9, 6, "26/1"))
    }

    /// Front matter of plain `key: value` lines is read without a YAML parser; for every such
    /// text the fast reading must be YAML's, and anything it is unsure of must go to YAML.
    @Test func plainFrontMatterReadsAsYAMLReadsIt() throws {
        let pieces = ["id", "title", "date", "url", "partner", "x_1", "a-b", ": ", ":", " #", "#", "\"", "'", "[", "]", "{", "-", "?",
                      "2025-10-01", "01/10/2025", "Hà Nội", "Viêng Chăn - Vũng Áng", "https://vnexpress.net/a-b.html", "true", "null",
                      "~", "&", "*", "!", "|", ">", "%", "@", "`", ",", " ", "  ", "\t", "10.000", "007", "é", "tỷ USD", "a:b"]
        var generator = SplitMix64(seed: 20261130)  // fixed: a failure repeats
        var fast = 0
        for _ in 0..<3_000 {
            let lines = (0..<Int.random(in: 1...4, using: &generator)).map { _ in
                let key = ["id", "title", "date", "url", "partner", "x_1", "a-b", "-x", "1a", "é"].randomElement(using: &generator)!
                let value = (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                return key + ": " + value
            }
            let text = lines.joined(separator: "\n") + "\n"
            guard let plain = FrontMatter.plainFields(Array(text.utf8)[...], firstLine: 2) else { continue }
            fast += 1
            let yaml: [(key: String, value: String, line: Int)]
            do {
                yaml = try FrontMatter.yamlFields(text, firstLine: 2, path: "a.md")
            } catch {
                Issue.record("read without YAML, but YAML rejects it (\(error)): \(text.debugDescription)")
                continue
            }
            #expect(plain.map { "\($0.key)=\($0.value)@\($0.line)" } == yaml.map { "\($0.key)=\($0.value)@\($0.line)" }, "\(text)")
        }
        #expect(fast > 100)  // the fast path is exercised, not always declined
    }

    @Test func badFrontMatterIsAnErrorAndTheBodyIsStillRead() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", "---\ntitle: [unclosed\n---\nNội dung.\n")
        let corpus = CorpusLoader.load(paths: [path])
        let error = try #require(corpus.errors.first)
        #expect(error.path == path)
        #expect(error.line == 2 || error.line == 3)
        #expect(error.message.hasPrefix("front matter:"))
        #expect(corpus.documents.first?.canonical.string == "Nội dung.\n")
    }

    @Test func anInvalidDateKeepsTheRestOfTheMetadata() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", "---\ntitle: Bài\ndate: 2025-02-30\n---\nNội dung.\n")
        let corpus = CorpusLoader.load(paths: [path])
        #expect(corpus.errors == [.badDate(path: path, line: 3, value: "2025-02-30")])
        #expect(corpus.documents.first?.metadata.title == "Bài")
        #expect(corpus.documents.first?.metadata.date == nil)
    }

    @Test func vietnameseDateOrderIsAccepted() {
        #expect(CalendarDate(parsing: "26/02/2024") == CalendarDate(year: 2024, month: 2, day: 26))
        #expect(CalendarDate(parsing: "2025-10-25T08:30:00+07:00") == CalendarDate(year: 2025, month: 10, day: 25))
        #expect(CalendarDate(parsing: "31/2/2025") == nil)
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2025") == nil)
    }

    @Test func unclosedFrontMatterReadsTheWholeFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", "---\ntitle: x\nNội dung.\n")
        let corpus = CorpusLoader.load(paths: [path])
        #expect(corpus.errors.first?.line == 1)
        #expect(corpus.documents.count == 1)
    }

    @Test func jsonLinesHoldOneArticlePerLineAndBadLinesAreSkipped() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("export.jsonl", """
            {"id": "a1", "title": "Một", "date": "2025-12-01", "text": "Đoạn một.\\n\\nNgày 1/12, lễ trao văn kiện."}
            {"id": "a2", "text": "thiếu dấu ngoặc"
            {"id": "a3", "title": "Không có nội dung"}

            {"id": 4, "body": "Trưa 1/12 \\u0111\\u00e3 di\\u1ec5n ra l\\u1ec5 k\\u00fd.", "views": 12, "tags": ["a", 1]}
            """)
        let corpus = CorpusLoader.load(paths: [path])
        #expect(corpus.documents.map(\.id) == ["a1", "4"])
        #expect(corpus.documents.map(\.line) == [1, 5])
        #expect(corpus.errors.count == 2)
        #expect(corpus.errors.map(\.line) == [2, 3])
        if case .jsonLine(_, _, let column, _) = corpus.errors[0] { #expect(column > 1) } else { Issue.record("expected a JSON error") }
        // A fact's column is its column in the raw line, through the escapes.
        let second = corpus.documents[1]
        #expect(second.canonical.string == "Trưa 1/12 đã diễn ra lễ ký.")
        #expect(second.metadata.extra["tags"] == #"["a",1]"#)
        let start = try #require(second.canonical.string.utf8.firstRange(of: "lễ ký".utf8))
        let offset = second.canonical.string.utf8.distance(from: second.canonical.string.utf8.startIndex, to: start.lowerBound)
        let location = second.location(of: offset..<(offset + "lễ ký".utf8.count))
        let rawLine = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")[4]
        let rawColumn = rawLine.unicodeScalars.distance(from: rawLine.unicodeScalars.startIndex,
                                                        to: try #require(rawLine.range(of: #"l\u1ec5"#)).lowerBound) + 1
        #expect((location.line, location.column, location.text) == (5, rawColumn, "lễ ký"))
    }

    @Test func invalidUTF8SkipsTheFileAndNamesTheOffset() {
        let directory = TemporaryDirectory()
        let good = directory.write("a.txt", "Hà Nội")
        let bad = directory.write("b.txt", bytes: Array("Hà Nội\nxin chào ".utf8) + [0xC3, 0x28] + Array(" tiếp".utf8))
        let corpus = CorpusLoader.load(paths: [good, bad])
        #expect(corpus.documents.map(\.path) == [good])
        #expect(corpus.errors == [.invalidUTF8(path: bad, offset: 20, line: 2, likely: nil)])
        #expect(corpus.errors[0].errorDescription?.contains("byte offset 20") == true)
    }

    @Test func byteOrderMarkAndCRLFKeepLinesAndColumns() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("Dòng một\r\nNgày 25/10, lễ mở ký.\r\n".utf8))
        let document = try #require(CorpusLoader.load(paths: [path]).documents.first)
        let text = document.canonical.string
        #expect(text == "Dòng một\nNgày 25/10, lễ mở ký.\n")
        let offset = text.utf8.count - "lễ mở ký.\n".utf8.count
        let location = document.location(of: offset..<(offset + "lễ".utf8.count))
        #expect((location.line, location.column, location.text) == (2, 13, "lễ"))
    }

    @Test func directoriesAreReadRecursivelyInSortedOrder() {
        let directory = TemporaryDirectory()
        directory.write("b/2.md", "Hai")
        directory.write("b/1.txt", "Một")
        directory.write("a.jsonl", #"{"id": "j", "text": "Ba"}"# + "\n")
        directory.write("c.pdf", "không đọc")
        directory.write(".hidden/x.txt", "không đọc")
        let corpus = CorpusLoader.load(paths: [directory.path + "/"])
        #expect(corpus.documents.map(\.path) == [directory.path + "/a.jsonl", directory.path + "/b/1.txt", directory.path + "/b/2.md"])
        #expect(corpus.errors.isEmpty)
    }

    @Test func missingAndUnsupportedPathsAreErrors() {
        let directory = TemporaryDirectory()
        let pdf = directory.write("x.pdf", "")
        let corpus = CorpusLoader.load(paths: [directory.path + "/nope.md", pdf])
        #expect(corpus.errors == [.notFound(path: directory.path + "/nope.md"), .unsupportedType(path: pdf)])
    }

    /// A folder exported as PDF and Word files used to be checked as an empty corpus without a
    /// word: what is skipped is now counted, per directory given, by extension.
    @Test func filesThatAreNotArticlesAreCountedByExtension() {
        let directory = TemporaryDirectory()
        directory.write("articles/a.txt", "Một")
        directory.write("articles/b.pdf", "")
        directory.write("articles/sub/c.PDF", "")
        directory.write("articles/d.odt", "")
        directory.write("articles/NOTES", "")
        directory.write("articles/.DS_Store", "")
        directory.write("articles/.drafts/e.pdf", "")
        directory.write("clean/f.md", "Hai")
        let corpus = CorpusLoader.load(paths: [directory.path + "/articles", directory.path + "/clean"])
        #expect(corpus.documents.count == 2)
        #expect(corpus.errors.isEmpty)
        #expect(corpus.skipped.map(\.description) == [
            directory.path + "/articles/: note: 4 files skipped, not articles: 2 .pdf, 1 .odt, 1 without an extension "
                + "(read: " + CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")",
        ])
    }

    @Test func frontMatterKeysAreMatchedIgnoringCaseWithAWarning() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", "---\nTITLE: Hội đàm\nDate: 2026-01-26\nId: vn-la-9\nURL: https://example.org/a\nPartner: Lào\n---\nNội dung.\n")
        let corpus = CorpusLoader.load(paths: [path])
        let document = try #require(corpus.documents.first)
        #expect(document.metadata.title == "Hội đàm")
        #expect(document.metadata.date == CalendarDate(year: 2026, month: 1, day: 26))
        #expect(document.id == "vn-la-9")
        #expect(document.metadata.url == "https://example.org/a")
        // A key factcheck does not read itself stays as written, and silent.
        #expect(document.metadata.extra["Partner"] == "Lào")
        #expect(corpus.errors == [
            .keyCase(path: path, line: 2, key: "TITLE", canonical: "title"), .keyCase(path: path, line: 3, key: "Date", canonical: "date"),
            .keyCase(path: path, line: 4, key: "Id", canonical: "id"), .keyCase(path: path, line: 5, key: "URL", canonical: "url"),
        ])
        #expect(corpus.errors.allSatisfy { $0.severity == .warning })
        #expect(corpus.errors[1].errorDescription == "\(path):3: warning: key 'Date' is read as 'date' (keys are matched ignoring case); write it 'date'")
    }

    @Test func aKeyOneEditFromAKnownOneGetsADidYouMean() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.md", "---\ntitel: Hội đàm\ndat: 2026-01-26\nulr: https://example.org/a\nname: Lào\nsite: x\nip: y\n---\nNội dung.\n")
        let corpus = CorpusLoader.load(paths: [path])
        let document = try #require(corpus.documents.first)
        #expect(document.metadata.title == nil && document.metadata.date == nil && document.metadata.url == nil)
        #expect(document.metadata.extra["titel"] == "Hội đàm")
        // `name`, `site` and `ip` are two edits away, or too short to guess at: the article's own.
        #expect(corpus.errors == [
            .likelyKey(path: path, line: 2, key: "titel", suggestion: "title"), .likelyKey(path: path, line: 3, key: "dat", suggestion: "date"),
            .likelyKey(path: path, line: 4, key: "ulr", suggestion: "url"),
        ])
        #expect(corpus.errors[0].message == "unknown key 'titel' (did you mean 'title'?); it is kept as an extra field, not read as 'title'")
    }

    @Test func jsonLinesFieldsAreMatchedLikeFrontMatter() throws {
        let directory = TemporaryDirectory()
        let path = directory.write("a.jsonl", #"""
            {"Text": "Nội dung.", "Date": "2026-01-26", "titel": "Hội đàm"}
            {"txet": "Nội dung."}
            """#)
        let corpus = CorpusLoader.load(paths: [path])
        let document = try #require(corpus.documents.first)
        #expect(corpus.documents.count == 1)
        #expect(document.canonical.string == "Nội dung.")
        #expect(document.metadata.date == CalendarDate(year: 2026, month: 1, day: 26))
        #expect(corpus.errors == [
            .keyCase(path: path, line: 1, key: "Text", canonical: "text"), .keyCase(path: path, line: 1, key: "Date", canonical: "date"),
            .likelyKey(path: path, line: 1, key: "titel", suggestion: "title"),
            .badRecord(path: path, line: 2, message: "the record has no 'text' or 'body' string (it has 'txet': did you mean 'text'?)"),
        ])
    }
}
