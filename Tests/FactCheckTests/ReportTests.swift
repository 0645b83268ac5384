import Foundation
import Testing
@testable import FactCheck

/// A corpus with one conflict between two dated articles, written to a temporary directory.
private func conflictCorpus(_ directory: TemporaryDirectory, extraLines: Int = 0) -> (a: String, b: String) {
    let a = directory.write("corpus/a.md", "---\nid: a\ndate: 2026-01-26\n---\n" + String(repeating: "\n", count: extraLines)
                            + "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
    let b = directory.write("corpus/b.md", "---\nid: b\ndate: 2025-10-01\n---\nLào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD.\n")
    directory.write("corpus/c.md", "---\nid: c\ndate: 2025-06-01\n---\nDự án đường sắt Viêng Chăn - Vũng Ang của Lào.\n")
    return (a, b)
}

private func run(_ directory: TemporaryDirectory, _ options: TriageOptions = TriageOptions()) -> CheckRun.Result {
    CheckRun.run(paths: [directory.path + "/corpus"], pack: shippedPack, triage: options)
}

@Suite struct TriageTests {
    @Test func changedReportsOnlyFindingsThatInvolveAChangedDocument() {
        let directory = TemporaryDirectory()
        let (a, _) = conflictCorpus(directory)
        let all = run(directory).report
        #expect(all.findings.filter { $0.severity != .info }.map(\.rule) == ["consistency.trade-target", "names.projects"])
        let changed = run(directory, TriageOptions(changed: [a])).report
        #expect(changed.findings.map(\.rule) == ["consistency.trade-target"])  // involves a.md, with b.md as the reference
        #expect(changed.triage.outsideChanged == all.findings.count - 1)
        // "./corpus/a.md" relative to the working directory names the same file.
        let relative = run(directory, TriageOptions(changed: [directory.path + "/corpus/./a.md"])).report
        #expect(relative.findings.map(\.rule) == ["consistency.trade-target"])
    }

    @Test func aBaselineHidesExactlyTheRecordedFindingsAndSurvivesLineMoves() {
        let directory = TemporaryDirectory()
        conflictCorpus(directory)
        let first = run(directory)
        let baseline = Baseline(findings: first.allFindings)
        #expect(baseline.findings.count == first.report.findings.count)
        // The same findings, moved down three lines, are still recognized.
        let moved = TemporaryDirectory()
        conflictCorpus(moved, extraLines: 3)
        let hidden = run(moved, TriageOptions(baseline: baseline)).report
        #expect(hidden.findings.isEmpty)
        #expect(hidden.triage.baselineHidden == first.report.findings.count)
        #expect(hidden.triage.staleBaseline.isEmpty)
        // A new conflict is not in the baseline; a fixed one is stale.
        moved.write("corpus/c.md", "---\nid: c\ndate: 2025-06-01\n---\nDự án đường sắt Viêng Chăn - Vũng Áng. Hai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 12 tỷ USD.\n")
        let changed = run(moved, TriageOptions(baseline: baseline)).report
        #expect(changed.findings.map(\.rule) == ["consistency.trade-target"])
        #expect(changed.triage.staleBaseline.map(\.rule).sorted() == ["consistency.trade-target", "names.projects"])
    }

    @Test func inlineSuppressionsHideFindingsAndUnusedOnesAreReported() throws {
        let directory = TemporaryDirectory()
        conflictCorpus(directory)
        directory.write("corpus/b.md", """
            ---
            id: b
            date: 2025-10-01
            ---
            <!-- factcheck-disable-next-line consistency.trade-target -->
            Lào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD.

            <!-- factcheck-disable names.projects -->
            Không có tên dự án nào ở đây.
            <!-- factcheck-enable names.projects -->

            """)
        let report = run(directory).report
        #expect(report.triage.suppressed == 1)
        let unused = try #require(report.findings.first { $0.rule == "suppression.unused" })
        #expect(unused.severity == .warning)
        #expect(unused.locations[0].location.line == 8)
        #expect(unused.message.hasSuffix("<!-- factcheck-disable names.projects -->"))
        #expect(!report.findings.contains { $0.rule == "consistency.trade-target" })
    }

    @Test func suppressionDirectivesCoverTheRightLines() {
        let lines: [Substring] = [
            "a", "<!-- factcheck-disable -->", "b", "<!-- factcheck-enable -->", "c",
            "<!-- factcheck-disable-next-line x, y -->", "d", "<!-- factcheck-disable z -->", "e",
        ]
        let parsed = Suppression.parse(lines: lines, path: "p.md", document: "p")
        #expect(parsed.map(\.lines) == [2...4, 7...7, 8...9])
        #expect(parsed.map(\.rules) == [[], ["x", "y"], ["z"]])
        #expect(parsed[1].covers(rule: "y", path: "p.md", line: 7))
        #expect(!parsed[1].covers(rule: "w", path: "p.md", line: 7))
        #expect(!parsed[0].covers(rule: "w", path: "q.md", line: 3))
    }
}

@Suite struct ReportFormatTests {
    private func examplesReport() -> (Report, ReportContext) {
        (CheckRun.run(paths: [packageRoot + "/examples"], pack: shippedPack), ReportContext(pack: shippedPack, failOn: .warning))
    }

    @Test func sarifValidatesAgainstTheOASISSchema() throws {
        let (report, context) = examplesReport()
        let directory = TemporaryDirectory()
        let path = directory.write("report.sarif", bytes: Array(try SARIFReporter().render(report, context: context)))
        let schema = packageRoot + "/../shared/schemas/sarif-schema-2.1.0.json"
        guard FileManager.default.fileExists(atPath: schema) else { return }
        let result = try FactCheckTests.run("/usr/bin/env", ["python3", packageRoot + "/scripts/validate-json.py", "--schema", schema, path])
        #expect(result.status == 0, "\(result.stderr)")
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let run = try #require((sarif["runs"] as? [[String: Any]])?.first)
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == report.findings.count)
        let conflict = try #require(results.first { $0["ruleId"] as? String == "consistency.trade-target" })
        #expect((conflict["relatedLocations"] as? [Any])?.count == 5)  // 10 tỷ (3), the 5 tỷ tier, 15 tỷ
        #expect((conflict["partialFingerprints"] as? [String: String])?["factcheck/v1"]?.count == 16)
    }

    @Test func junitValidatesAgainstTheAntSchemaAndFailsDocumentsAtTheFailLevel() throws {
        let (report, context) = examplesReport()
        let directory = TemporaryDirectory()
        let path = directory.write("report.junit.xml", bytes: Array(try JUnitReporter().render(report, context: context)))
        let schema = packageRoot + "/../shared/schemas/junit.xsd"
        guard FileManager.default.fileExists(atPath: schema) else { return }
        let result = try FactCheckTests.run("/usr/bin/env", ["xmllint", "--noout", "--schema", schema, path])
        #expect(result.status == 0, "\(result.stderr)")
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains("tests=\"7\" failures=\"6\""))  // every article in the 15 tỷ conflict, + Vũng Ang, + Nguyễn Phú Trọng
        #expect(xml.components(separatedBy: "<testcase").count - 1 == 7)
    }

    @Test func githubCommandsAreEscaped() {
        #expect(GitHubReporter.command("error", properties: [("file", "a,b:c.md"), ("line", "3")], message: "50% sai\ndòng hai")
                == "::error file=a%2Cb%3Ac.md,line=3::50%25 sai%0Adòng hai")
    }

    @Test func textIsColouredOnlyWhenAsked() throws {
        let (report, context) = examplesReport()
        let plain = String(decoding: try TextReporter().render(report, context: context), as: UTF8.self)
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("examples/cms-export.jsonl:2:241: warning: "))
        var colored = context
        colored.color = true
        #expect(String(decoding: try TextReporter().render(report, context: colored), as: UTF8.self).contains("\u{1B}[1;31merror\u{1B}[0m"))
    }

    @Test func htmlEscapesEverythingItQuotes() {
        let hostile = #"<script>alert(1)</script> "><img src=x onerror=alert(2)> & ' "#
        let html = HTML.element("p", [("title", hostile)], text: hostile).markup
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html == "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39; \">"
                + "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39; </p>")
        #expect(HTML.link("javascript:alert(1)", text: "x").markup == "x")
        #expect(HTML.link(" JavaScript:alert(1)", text: "x").markup == "x")
        #expect(HTML.link("https://example.org/a?b=1&c=2", text: "x").markup == "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">x</a>")
        #expect(Markup.escape("a\u{0}b\u{1B}c\u{FFFE}") == "abc")
    }

    @Test func aLongEvidenceTableShowsEveryDissentingFactAndCapsTheAgreeingOnes() throws {
        let directory = TemporaryDirectory()
        let agreeing = HTMLReporter.evidenceRows + 10
        // The partner comes from front matter: a target whose partner is unknown is never compared.
        for index in 0..<agreeing {
            directory.write("corpus/a\(index).md", "---\nid: a\(index)\ndate: 2025-03-01\npartner: Lào\n---\nHai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        }
        directory.write("corpus/z.md", "---\nid: z\ndate: 2025-03-02\npartner: Lào\n---\nHai nước phấn đấu đạt kim ngạch thương mại 15 tỷ USD.\n")
        let report = run(directory).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.locations.count == agreeing + 1)
        let page = String(decoding: try HTMLReporter().render(report, context: ReportContext(pack: shippedPack, failOn: .error)), as: UTF8.self)
        let table = try #require(page.range(of: "<table class=\"evidence\">")).upperBound
        let rows = page[table...].components(separatedBy: "</table>")[0].components(separatedBy: "<tr>").count - 2
        #expect(rows == HTMLReporter.evidenceRows)
        #expect(page.contains(">z</td>"))
        #expect(page.contains("and 11 more facts with the majority value, listed in report.json"))
    }

    @Test func aFailedWriteLeavesTheOldReportsIntact() throws {
        let directory = TemporaryDirectory()
        // report.json cannot be replaced: a directory is in its place.
        directory.write("out/report.json/keep", "")
        let oldPage = directory.write("out/report.html", "<p>old</p>\n")
        let (report, context) = examplesReport()
        #expect(throws: (any Error).self) {
            try ReportFormat.write([.json, .html], report: report, context: context, to: directory.path + "/out")
        }
        // The HTML report was written fine but did not replace the old one, and nothing is left over.
        #expect(try String(contentsOfFile: oldPage, encoding: .utf8) == "<p>old</p>\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/out").sorted() == [".factcheck.lock", "report.html", "report.json"])
        // And a write that works replaces both whole.
        try FileManager.default.removeItem(atPath: directory.path + "/out/report.json")
        _ = try ReportFormat.write([.json, .html], report: report, context: context, to: directory.path + "/out")
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/out/report.json")) == report.json())
        #expect(try String(contentsOfFile: oldPage, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func aWriteErrorIsKeptAndLaterBytesAreDropped() {
        let descriptor = open("/dev/full", O_WRONLY)
        defer { close(descriptor) }
        var sink = ByteSink(descriptor: descriptor)
        sink.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: 3 << 20))
        sink.flush()
        #expect(sink.failure == ENOSPC)
        // Later bytes are dropped, not retried and not kept in memory.
        sink.append("more")
        sink.flush()
        #expect(sink.failure == ENOSPC)
        #expect(sink.buffer.isEmpty)
    }

    @Test func reportsAreWrittenOnlyInsideTheOutputDirectory() throws {
        let directory = TemporaryDirectory()
        let outside = directory.write("outside.json", "precious\n")
        try FileManager.default.createDirectory(atPath: directory.path + "/out", withIntermediateDirectories: true)
        // A link planted where the report goes is replaced, not written through.
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/out/report.json", withDestinationPath: outside)
        let (report, context) = examplesReport()
        _ = try ReportFormat.write([.json], report: report, context: context, to: directory.path + "/out")
        #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/out/report.json")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }
}

extension HTML {
    /// The fragment's markup as one string.
    var markup: String {
        var sink = ByteSink()
        write(to: &sink)
        return String(decoding: sink.buffer, as: UTF8.self)
    }
}
