import Foundation
import Testing
@testable import FactCheck

/// A corpus with one conflict between two dated articles, written to a temporary directory.
@discardableResult
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
        // Only what a.md touches was checked: what involves no changed document is not counted...
        #expect(changed.triage.outsideChanged == nil)
        // ...unless everything is checked, with the same findings.
        var everything = TriageOptions(changed: [a])
        everything.checkEverything = true
        let counted = run(directory, everything).report
        #expect(counted.findings == changed.findings)
        #expect(counted.triage.outsideChanged == all.findings.count - 1)
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
        #expect(report.triage.suppressedFacts.map(\.document) == ["b"])
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

/// Four articles give Vietnam–Laos trade for 2024: three dated, one undated, and one of them
/// disagrees (b); a fifth gives a figure no check compares with anything.
private func statisticsCorpus(_ directory: TemporaryDirectory) {
    for (id, date, amount) in [("a", "2025-03-01", "2,2"), ("b", "2025-03-05", "2,9"), ("c", "2025-03-10", "2,2")] {
        directory.write("corpus/\(id).md", "---\nid: \(id)\ndate: \(date)\n---\nNăm 2024, kim ngạch thương mại Việt Nam - Lào đạt \(amount) tỷ USD.\n")
    }
    directory.write("corpus/e.txt", "Năm 2024, kim ngạch thương mại Việt Nam - Lào đạt 2,2 tỷ USD.\n")
    directory.write("corpus/z.md", "---\nid: z\ndate: 2025-04-01\n---\nViệt Nam có 274 dự án đầu tư tại Lào.\n")
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
        #expect((conflict["locations"] as? [Any])?.count == 1)  // 15 tỷ, the suspect
        #expect((conflict["relatedLocations"] as? [Any])?.count == 4)  // 10 tỷ (3) and the 5 tỷ tier, the evidence
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
        #expect(xml.contains("tests=\"7\" failures=\"3\""))  // the 15 tỷ suspect (not the articles agreeing), Vũng Ang, Nguyễn Phú Trọng
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
        let html = markup { $0.element("p", [("title", hostile)], text: hostile) }
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html == "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39; \">"
                + "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(2)&gt; &amp; &#39; </p>")
        #expect(markup { $0.link("javascript:alert(1)", text: "x") } == "x")
        #expect(markup { $0.link(" JavaScript:alert(1)", text: "x") } == "x")
        #expect(markup { $0.link("https://example.org/a?b=1&c=2", text: "x") } == "<a href=\"https://example.org/a?b=1&amp;c=2\" rel=\"noopener noreferrer\">x</a>")
        #expect(Markup.escape("a\u{0}b\u{1B}c\u{FFFE}") == "abc")
        // Escaped as UTF-8 bytes: of the characters whose bytes start as U+FFFE's do, only U+FFFE and U+FFFF go.
        #expect(Markup.escape("\u{FFFF}ệ\t\u{FFFD}\u{F8FF}\u{FFFE}\r\n\u{7F}") == "ệ\t\u{FFFD}\u{F8FF}\r\n\u{7F}")
    }

    /// The page's search text is lowercased per character as `lowercased()` does, for every
    /// character, and joined by spaces.
    @Test func searchTextIsLowercasedAsStringsAre() {
        let scalars = (0...0x10FFFF).compactMap(Unicode.Scalar.init)
        let text = String(String.UnicodeScalarView(scalars))
        #expect(HTMLReporter.searchText([text]) == text.lowercased())
        #expect(HTMLReporter.searchText(["ΣΑΣ Vũng ÁNG", "", "İ"]) == "σασ vũng áng  i̇")
        #expect(HTMLReporter.searchText([]) == "")
    }

    @Test func aLongEvidenceTableShowsEverySuspectAndCapsTheEvidence() throws {
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
        let body = page[table...].components(separatedBy: "</table>")[0]
        let rows = body.components(separatedBy: "<tr>").count - 2 + body.components(separatedBy: "<tr class=\"suspect\">").count - 1
        #expect(rows == HTMLReporter.evidenceRows)
        #expect(page.contains("<tr class=\"suspect\"><td data-label=\"Tài liệu · Document\">z <span class=\"badge suspect\">"))
        #expect(page.contains("and 11 more agreeing facts, listed in report.json"))
    }

    /// A finding's evidence says when each figure was true and for which period, so that a
    /// reader needs no list of every fact; an undated article's has no date.
    @Test func evidenceCarriesEachFactsDateAndPeriod() throws {
        let directory = TemporaryDirectory()
        statisticsCorpus(directory)
        let report = run(directory).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-statistics" })
        let described = { (locations: [Evidence]) in locations.map { "\($0.document) \($0.asOf?.description ?? "-") \($0.period ?? "-")" } }
        #expect(described(finding.locations) == ["b 2025-03-05 năm 2024", "a 2025-03-01 năm 2024", "c 2025-03-10 năm 2024", "\(directory.path)/corpus/e.txt - năm 2024"])
        let json = report.json()
        #expect(try schemaProblems(in: json) == nil)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        #expect(described(try #require(decoded.findings.first { $0.rule == "consistency.trade-statistics" }).locations) == described(finding.locations))
        let object = try #require(JSONSerialization.jsonObject(with: json) as? [String: Any])
        let locations = try #require(((object["findings"] as? [[String: Any]])?.first { $0["rule"] as? String == "consistency.trade-statistics" })?["locations"] as? [[String: Any]])
        #expect(locations.map { $0["as_of"] as? String } == ["2025-03-05", "2025-03-01", "2025-03-10", nil])
        #expect(locations.last?.keys.contains("as_of") == false)
    }

    /// The page shows findings and their evidence, never the archive: the timeline's points are
    /// the finding's dated facts, and a fact no finding names is nowhere on the page, even when
    /// the report holds every fact (`--report-facts`).
    @Test func thePageChartsAFindingsEvidenceAndShowsNoOtherFact() throws {
        let directory = TemporaryDirectory()
        statisticsCorpus(directory)
        let report = CheckRun.run(paths: [directory.path + "/corpus"], pack: shippedPack, triage: TriageOptions(), reportFacts: true).report
        #expect(report.facts?.contains { $0.value == "274 dự án" } == true)
        let page = String(decoding: try HTMLReporter().render(report, context: ReportContext(pack: shippedPack, failOn: .error)), as: UTF8.self)
        #expect(timelinePoints(page) == [
            "b · 2025-03-05 · 2,9 tỷ USD (nghi vấn · suspect)", "a · 2025-03-01 · 2,2 tỷ USD", "c · 2025-03-10 · 2,2 tỷ USD",
            "\(directory.path)/corpus/e.txt · không có ngày · no date · 2,2 tỷ USD",
        ])
        #expect(!page.contains("274 dự án") && !page.contains("investment.projects"))
        #expect(page.contains("<code>\(directory.path)/corpus/z.md</code> · 2025-04-01 · 2 dữ kiện"))  // its document is still listed
    }

    /// An input warning (a front-matter key in the wrong case) is on the page, counted and
    /// listed apart from input errors.
    @Test func thePageListsInputWarnings() throws {
        let directory = TemporaryDirectory()
        directory.write("a.md", "---\nTitle: Bài một\n---\nKim ngạch năm 2024 đạt 2 tỷ USD.\n")
        let report = CheckRun.run(paths: [directory.path], pack: shippedPack, triage: TriageOptions()).report
        #expect(report.warnings.count == 1 && report.errors.isEmpty)
        let page = String(decoding: try HTMLReporter().render(report, context: ReportContext(pack: shippedPack, failOn: .error)), as: UTF8.self)
        #expect(page.contains("<dt>cảnh báo đầu vào · input warnings</dt><dd>1</dd>"))
        #expect(page.contains("<section id=\"input-warnings\">") && page.contains("Title"))
        #expect(!page.contains("<section id=\"errors\">"))
    }

    /// The timeline's axis reads as Vietnamese editors write numbers.
    @Test func theTimelineAxisWritesVietnameseNumbers() {
        #expect(HTMLReporter.compact(2_500_000_000) == "2,5 tỷ")
        #expect(HTMLReporter.compact(10_000_000_000) == "10 tỷ")
        #expect(HTMLReporter.compact(1_250_000) == "1,25 triệu")
        #expect(HTMLReporter.compact(1500) == "1.500")
        #expect(HTMLReporter.compact(4.5) == "4,5")
    }

    /// The examples' report lists an info finding first (checks report in their own order);
    /// the page lists the errors first, then the warning, then the info, each in that order.
    @Test func thePageListsErrorsThenWarningsThenInfo() throws {
        let (report, context) = examplesReport()
        #expect(report.findings.map(\.severity.rawValue) == ["error", "info", "warning", "info", "error"])
        let page = String(decoding: try HTMLReporter().render(report, context: context), as: UTF8.self)
        let listed = page.components(separatedBy: "<article class=\"finding ").dropFirst().map { $0.components(separatedBy: "\"")[0] }
        #expect(listed == ["error", "error", "warning", "info", "info"])
        let rules = page.components(separatedBy: " data-rule=\"").dropFirst().map { $0.components(separatedBy: "\"")[0] }
        #expect(rules == ["consistency.trade-target", "reference.officials", "names.projects", "names.projects", "names.places"])
        let sections = page.components(separatedBy: "<section class=\"severity ").dropFirst().map { $0.components(separatedBy: "</h3>")[0] }
        #expect(sections == ["error\" data-severity=\"error\"><h3>Lỗi · Errors", "warning\" data-severity=\"warning\"><h3>Cảnh báo · Warnings",
                             "info\" data-severity=\"info\"><h3>Thông tin · Info"])
    }

    /// The one figure in doubt is in an article with no date: the timeline still shows it, in
    /// the lane for undated facts, as a suspect (a diamond, its value written beside it).
    @Test func anUndatedSuspectIsOnTheTimelineInItsOwnLane() throws {
        let directory = TemporaryDirectory()
        for (id, date) in [("a", "2025-09-01"), ("b", "2025-10-01"), ("c", "2025-11-01")] {
            directory.write("corpus/\(id).md", "---\nid: \(id)\ndate: \(date)\npartner: Lào\n---\nHai bên cam kết phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        }
        let bulletin = directory.write("corpus/ban-tin.txt", "Kim ngạch thương mại Việt Nam - Lào được kỳ vọng đạt mục tiêu 15 tỷ USD.\n")
        let report = run(directory).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.suspects.map(\.value) == ["15 tỷ USD"] && finding.suspects.first?.asOf == nil)
        let page = String(decoding: try HTMLReporter().render(report, context: ReportContext(pack: shippedPack, failOn: .error)), as: UTF8.self)
        let lane = try #require(page.components(separatedBy: "<g class=\"undated\">").dropFirst().first?.components(separatedBy: "</g>").first)
        #expect(lane.contains("<title>không có ngày · no date</title>") && lane.contains(">không có ngày ·</tspan>") && lane.contains(">no date</tspan>"))
        #expect(lane.contains("class=\"point suspect\"><title>\(bulletin) · không có ngày · no date · 15 tỷ USD (nghi vấn · suspect)</title></polygon>"))
        #expect(lane.contains(">15 tỷ USD</text>"))
        #expect(timelinePoints(page).count == 4)
        #expect(page.contains("<span class=\"key suspect\">◆ nghi vấn · suspect</span>"))
    }

    /// On a narrow screen each evidence row is a card and the table's head is hidden, so every
    /// cell carries its column's heading for the stylesheet to show above it.
    @Test func everyEvidenceCellCarriesItsHeading() throws {
        let (report, context) = examplesReport()
        let page = String(decoding: try HTMLReporter().render(report, context: context), as: UTF8.self)
        let tables = page.components(separatedBy: "<table class=\"evidence\">").dropFirst().map { $0.components(separatedBy: "</table>")[0] }
        let cells = tables.flatMap { $0.components(separatedBy: "<td").dropFirst().map { $0.prefix { $0 != ">" } } }
        #expect(cells.count == 5 * 9)  // five columns; the conflict's five facts and the four other findings' one each
        #expect(cells.allSatisfy { $0.contains(" data-label=\"") })
        #expect(cells.prefix(5).map { $0.components(separatedBy: "data-label=\"")[1].dropLast() } == HTMLReporter.evidenceHeadings.map { Substring($0) })
    }

    /// The notice of a filter value the report does not have is on the page, empty and hidden
    /// until the script fills it.
    @Test func theFilterNoticeIsOnThePageAndHiddenUntilNeeded() throws {
        let (report, context) = examplesReport()
        let page = String(decoding: try HTMLReporter().render(report, context: context), as: UTF8.self)
        #expect(page.contains("<p id=\"filter-notice\" class=\"notice\" role=\"status\" hidden=\"hidden\"></p>"))
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

/// The tooltips of a page's timeline points, in the page's order.
private func timelinePoints(_ page: String) -> [String] {
    page.components(separatedBy: "class=\"point").dropFirst().map { $0.components(separatedBy: "<title>")[1].components(separatedBy: "</title>")[0] }
}

/// What `body` writes, as one string.
private func markup(_ body: (inout HTMLWriter) -> Void) -> String {
    var sink = ByteSink()
    HTMLWriter.write(into: &sink, body)
    return String(decoding: sink.buffer, as: UTF8.self)
}

/// Three articles agree on a target and one gives another: that one is the suspect.
private func oddOneOut(_ directory: TemporaryDirectory, d: String = "Việt Nam và Lào hướng tới mục tiêu kim ngạch thương mại 15 tỷ USD.") {
    directory.write("corpus/a.md", "---\nid: a\ndate: 2025-10-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
    directory.write("corpus/b.md", "---\nid: b\ndate: 2025-10-02\n---\nLào và Việt Nam thống nhất mục tiêu kim ngạch thương mại 10 tỷ USD.\n")
    directory.write("corpus/c.md", "---\nid: c\ndate: 2025-10-03\n---\nHai nước Việt Nam, Lào đặt mục tiêu kim ngạch thương mại 10 tỷ USD.\n")
    directory.write("corpus/d.md", "---\nid: d\ndate: 2025-10-04\n---\n" + d + "\n")
}

@Suite struct SuspectTests {
    private func target(_ report: Report) throws -> Finding {
        try #require(report.findings.first { $0.rule == "consistency.trade-target" })
    }

    @Test func theValueFewestArticlesGiveIsTheSuspectAndTheRestIsEvidence() throws {
        let directory = TemporaryDirectory()
        oddOneOut(directory)
        let report = run(directory).report
        let finding = try target(report)
        #expect(finding.suspects.map(\.document) == ["d"])
        #expect(finding.locations.map(\.document) == ["d", "a", "b", "c"])
        #expect(finding.locations.map(\.suspect) == [true, false, false, false])
        let context = ReportContext(pack: shippedPack, failOn: .error)

        // GitHub annotates the suspect only; JUnit fails its document only.
        let github = String(decoding: try GitHubReporter().render(report, context: context), as: UTF8.self)
        let annotations = github.split(separator: "\n").filter { $0.contains("consistency.trade-target") }
        #expect(annotations.count == 1)
        #expect(annotations.first?.contains("file=") == true && annotations.first?.contains("/d.md") == true)
        let junit = String(decoding: try JUnitReporter().render(report, context: context), as: UTF8.self)
        #expect(junit.contains("failures=\"1\""))
        #expect(junit.contains("<testcase name=\"d\" classname=\"\(directory.path)/corpus/d.md\" time=\"0\">\n      <failure"))

        // SARIF: the result is at the suspect, the agreeing articles are related locations.
        let sarif = try JSONSerialization.jsonObject(with: try SARIFReporter().render(report, context: context)) as! [String: Any]
        let results = ((sarif["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]]).filter { $0["ruleId"] as? String == "consistency.trade-target" }
        let uris = { (locations: Any?) in (locations as! [[String: Any]]).map { (($0["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any])["uri"] as! String } }
        #expect(uris(results[0]["locations"]).map { $0.hasSuffix("/d.md") } == [true])
        #expect(uris(results[0]["relatedLocations"]).map { String($0.suffix(4)) } == ["a.md", "b.md", "c.md"])

        // The text listing and the page lead with the suspect and mark it.
        let text = String(decoding: try TextReporter().render(report, context: context), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("[consistency.trade-target]") })
        #expect(lines[header].contains("/d.md:5:"))
        #expect(lines[header + 1].contains("→ ") && lines[header + 1].contains("/d.md") && lines[header + 1].hasSuffix("(nghi vấn · suspect)"))
        #expect(!lines[header + 2].contains("suspect"))
        let html = String(decoding: try HTMLReporter().render(report, context: context), as: UTF8.self)
        #expect(html.components(separatedBy: "<tr class=\"suspect\">").count == 2)
    }

    @Test func whenEveryValueIsGivenByAsManyArticlesEachIsASuspect() throws {
        let directory = TemporaryDirectory()
        directory.write("corpus/a.md", "---\nid: a\ndate: 2025-10-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        directory.write("corpus/b.md", "---\nid: b\ndate: 2025-10-02\n---\nViệt Nam và Lào hướng tới mục tiêu kim ngạch thương mại 15 tỷ USD.\n")
        #expect(try target(run(directory).report).suspects.map(\.document) == ["a", "b"])
    }

    @Test func theFingerprintStaysWhenOnlyEvidenceIsAdded() throws {
        let directory = TemporaryDirectory()
        oddOneOut(directory)
        let before = try target(run(directory).report)
        directory.write("corpus/e.md", "---\nid: e\ndate: 2025-10-05\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        let after = try target(run(directory).report)
        #expect(after.locations.count == before.locations.count + 1)
        #expect(after.fingerprint == before.fingerprint)
    }

    /// In a `--changed` run the changed article is the suspect when it disagrees with the
    /// archive; an article that only agrees with it brings no finding to its pull request.
    @Test func aChangedArticleThatDisagreesIsTheSuspectAndOneThatAgreesIsNotReported() throws {
        let directory = TemporaryDirectory()
        oddOneOut(directory)
        directory.write("corpus/e.md", "---\nid: e\ndate: 2025-10-05\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 12 tỷ USD.\n")
        let changed = run(directory, TriageOptions(changed: [directory.path + "/corpus/e.md"])).report
        #expect(try target(changed).suspects.map(\.document) == ["e"])
        let agreeing = run(directory, TriageOptions(changed: [directory.path + "/corpus/a.md"])).report
        #expect(!agreeing.findings.contains { $0.rule == "consistency.trade-target" })
    }
}

@Suite struct ScopedSuppressionTests {
    private let directive = "<!-- factcheck-disable-next-line consistency.trade-target -->\n"

    @Test func aSuppressionLeavesOutItsFactAndHidesNothingElse() throws {
        let directory = TemporaryDirectory()
        oddOneOut(directory, d: directive + "Năm 2015, Việt Nam và Lào từng đặt mục tiêu kim ngạch thương mại 15 tỷ USD.")
        let quiet = run(directory).report
        #expect(!quiet.findings.contains { $0.rule == "consistency.trade-target" || $0.rule == "suppression.unused" })
        #expect(quiet.triage.suppressed == 1)
        let left = try #require(quiet.triage.suppressedFacts.first)
        #expect((left.check, left.document, left.location.line, left.directive.line) == ("consistency.trade-target", "d", 6, 5))

        // Another article's conflict is still reported, without the suppressed fact.
        directory.write("corpus/e.md", "---\nid: e\ndate: 2025-10-05\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 12 tỷ USD.\n")
        let report = run(directory).report
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.suspects.map(\.document) == ["e"])
        #expect(!finding.locations.contains { $0.document == "d" })
        #expect(finding.message.contains("12 tỷ USD (1 bài)") && !finding.message.contains("15 tỷ"))
        // Suspects and suppressed facts are in report.json as its schema says.
        #expect(try schemaProblems(in: try JSONReporter().render(report, context: ReportContext(pack: shippedPack, failOn: .error))) == nil)
    }

    @Test func aRangeSuppressionLeavesOutEveryFactInIt() throws {
        let directory = TemporaryDirectory()
        oddOneOut(directory, d: "<!-- factcheck-disable consistency.trade-target -->\nTrích dẫn cũ: mục tiêu kim ngạch thương mại 15 tỷ USD.\n\n"
                  + "Và mục tiêu kim ngạch thương mại 20 tỷ USD với Lào.\n<!-- factcheck-enable consistency.trade-target -->\n"
                  + "Việt Nam và Lào hướng tới mục tiêu kim ngạch thương mại 12 tỷ USD.")
        let report = run(directory).report
        #expect(report.triage.suppressedFacts.map(\.location.line) == [6, 8])
        let finding = try #require(report.findings.first { $0.rule == "consistency.trade-target" })
        #expect(finding.suspects.map(\.location.line) == [10])
    }
}
