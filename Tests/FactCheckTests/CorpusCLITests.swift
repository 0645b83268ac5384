import Foundation
import Testing
@testable import FactCheck

/// What `check` says about the corpus it was given: nothing it leaves out goes unsaid.
@Suite(.serialized) struct CorpusCLITests {
    @Test func checkNotesOnceWhatEachDirectorySkipped() throws {
        let directory = try workspace()
        directory.write("articles/a.txt", "Việt Nam có 274 dự án đầu tư tại Lào.")
        directory.write("articles/b.pdf", "")
        directory.write("articles/old/c.pdf", "")
        directory.write("articles/d.odt", "")
        directory.write("articles/.git/config", "")
        let result = try factcheck("check", "articles", in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let note = "articles/: note: 3 files skipped, not articles: 2 .pdf, 1 .odt (read: "
            + CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", ") + ")"
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.contains("skipped") } == [note], "\(result.stderr)")
        // Nothing skipped, nothing said.
        let clean = try factcheck("check", "articles/a.txt", in: directory.path)
        #expect(!clean.stderr.contains("skipped"), "\(clean.stderr)")
    }

    /// `check --help` names every kind of file a run reads.
    @Test func checkHelpNamesEveryArticleFormat() throws {
        let help = try factcheck("check", "--help", in: packageRoot).stdout.replacingOccurrences(of: "\n", with: " ")
        for format in CorpusLoader.articleExtensions {
            #expect(help.contains(".\(format)"), "check --help does not name .\(format)")
        }
    }

    @Test func aCorpusWithNoArticleIsAnErrorUnlessAllowed() throws {
        let directory = try workspace()
        directory.write("articles/a.pdf", "")
        let result = try factcheck("check", "articles", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(
            "articles: error: no article to check in the path given: no "
                + CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", ", last: " or ") + " file under it "
                + "(1 file skipped, not articles); nothing was checked. Pass --allow-empty if an empty corpus is expected"), "\(result.stderr)")
        let json = try report(in: directory)
        #expect(try schemaProblems(in: json) == nil)
        #expect(try JSONDecoder().decode(Report.self, from: json).errors.map(\.kind) == [.input])

        let allowed = try factcheck("check", "articles", "--allow-empty", in: directory.path)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("0 documents, \(shippedPack.rules.count) rules: 0 facts, 0 findings, 0 input errors"))

        // Files read, none of them an article.
        directory.write("empty/a.jsonl", "\n")
        let empty = try factcheck("check", "empty", in: directory.path)
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("empty: error: no article to check in the path given: the file read held none"), "\(empty.stderr)")
        // A file that could not be read says so itself, once: nothing more to add.
        directory.write("broken/a.docx", "not a zip archive")
        let broken = try factcheck("check", "broken", in: directory.path)
        #expect(broken.status == 2)
        #expect(broken.stderr.components(separatedBy: "\n").filter { $0.contains(": error: ") }.count == 1, "\(broken.stderr)")
        #expect(broken.stderr.contains("broken/a.docx: error: not a ZIP archive"), "\(broken.stderr)")
    }

    /// A warning is said on stderr, in report.json's `warnings[]`, SARIF and JUnit, comes back
    /// from the store the same, and changes no exit code.
    @Test func frontMatterWarningsAreReportedEverywhereAndKeepExitZero() throws {
        let directory = try workspace()
        directory.write("articles/a.md", "---\nDate: 2025-10-20\ntitel: Hội đàm\n---\nViệt Nam có 274 dự án đầu tư tại Lào.\n")
        let first = try factcheck("check", "articles", "--store", "store.sqlite", "--format", "json,sarif,junit", in: directory.path)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("articles/a.md:2: warning: key 'Date' is read as 'date'"), "\(first.stderr)")
        #expect(first.stderr.contains("articles/a.md:3: warning: unknown key 'titel' (did you mean 'title'?)"))
        #expect(first.stdout.contains("0 input errors, 2 input warnings"), "\(first.stdout)")
        let json = try report(in: directory)
        #expect(try schemaProblems(in: json) == nil)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        #expect(decoded.errors.isEmpty && decoded.summary.errors == 0)
        #expect(decoded.warnings.map(\.line) == [2, 3] && decoded.warnings.allSatisfy { $0.severity == .warning })
        #expect(decoded.documents.first?.date == CalendarDate(year: 2025, month: 10, day: 20))
        let sarif = try String(contentsOfFile: directory.path + "/reports/report.sarif", encoding: .utf8)
        #expect(sarif.contains("\"level\" : \"warning\"") && sarif.contains("\"executionSuccessful\" : true"))
        let junit = try String(contentsOfFile: directory.path + "/reports/report.junit.xml", encoding: .utf8)
        #expect(junit.contains("<system-err>articles/a.md:2: warning:") && junit.contains("errors=\"0\""))

        let second = try factcheck("check", "articles", "--store", "store.sqlite", "--format", "json", "--timings", in: directory.path)
        #expect(second.stderr.contains("0 files extracted, 1 from the store"), "\(second.stderr)")
        #expect(try report(in: directory) == json)
        #expect(second.stderr.contains("articles/a.md:2: warning: key 'Date'"))
    }
}
