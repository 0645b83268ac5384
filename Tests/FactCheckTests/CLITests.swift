import Foundation
import Testing
@testable import FactCheck

@Suite(.serialized) struct CLITests {
    @Test func checkWritesAValidReportAndExitsZero() throws {
        let directory = try workspace()
        directory.write("articles/a.txt", sampleArticle)
        directory.write("articles/b.md", "---\nid: b\ndate: 2025-12-01\n---\nTrưa 1/12, hai bên trao văn kiện giai đoạn 2026 – 2030.\n")
        let result = try factcheck("check", "articles", "--report-facts", in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 documents, \(shippedPack.rules.count) rules: 17 facts, 3 findings, 0 input errors"), "\(result.stdout)")
        #expect(result.stdout.contains("articles/a.txt:3:13: info: Không kiểm chứng được chức danh Tổng Bí thư của Tô Lâm: bài không có ngày đăng. [reference.officials]"))
        #expect(result.stdout.contains("report: reports/report.json"))
        let json = try report(in: directory)
        #expect(try schemaProblems(in: json) == nil)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        #expect(decoded.documents.map(\.id) == ["articles/a.txt", "b"])
        #expect(decoded.facts?.first { $0.document == "b" }?.location.path == "articles/b.md")
        #expect(decoded.facts?.first { $0.key == "date.period" && $0.document == "b" }?.location.line == 5)
        // Same input, same bytes.
        #expect(try factcheck("check", "articles", "--report-facts", in: directory.path).status == 0)
        #expect(try report(in: directory) == json)
    }

    /// report.json holds the findings and the facts they involve, not the archive:
    /// `--report-facts` adds every fact, written as in version 1, and changes nothing else.
    @Test func reportJSONListsEveryFactOnlyWithReportFacts() throws {
        let directory = try workspace()
        directory.write("articles/a.txt", sampleArticle)
        directory.write("articles/b.md", "---\nid: b\ndate: 2025-12-01\n---\nTrưa 1/12, hai bên trao văn kiện giai đoạn 2026 – 2030.\n")
        #expect(try factcheck("check", "articles", "--out", "lean", in: directory.path).status == 0)
        #expect(try factcheck("check", "articles", "--out", "full", "--report-facts", in: directory.path).status == 0)
        let lean = try report(in: directory, out: "lean"), full = try report(in: directory, out: "full")
        #expect(try schemaProblems(in: lean) == nil)
        #expect(lean.count < full.count)
        let leanObject = try #require(JSONSerialization.jsonObject(with: lean) as? [String: Any])
        var fullObject = try #require(JSONSerialization.jsonObject(with: full) as? [String: Any])
        #expect(leanObject["facts"] == nil)
        #expect(leanObject["version"] as? Int == 2)
        #expect((leanObject["summary"] as? [String: Any])?["facts"] as? Int == 17)
        let facts = try #require(fullObject.removeValue(forKey: "facts") as? [[String: Any]])
        #expect(facts.count == 17)
        #expect(NSDictionary(dictionary: fullObject).isEqual(to: leanObject))
        let period = try #require(facts.first { $0["key"] as? String == "date.period" && $0["document"] as? String == "b" })
        let expected = #"{"as_of": "2025-12-01", "captures": {"from": "2026", "to": "2030"}, "document": "b", "key": "date.period", "location": {"column": 34, "end_column": 55, "end_line": 5, "line": 5, "path": "articles/b.md", "text": "giai đoạn 2026 – 2030"}, "normalized": {"end_year": 2030, "kind": "range", "type": "date", "year": 2026, "year_source": "explicit"}, "rule": "date.period", "sentence": 0, "type": "date", "value": "2026-2030", "zone": "body"}"#
        #expect(NSDictionary(dictionary: period).isEqual(to: try #require(JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])))
    }

    @Test func invalidUTF8IsAnInputErrorAndTheOthersAreStillChecked() throws {
        let directory = try workspace()
        directory.write("articles/a.txt", "Việt Nam có 274 dự án đầu tư tại Lào.")
        directory.write("articles/b.txt", bytes: Array("Ngày 25/10 ".utf8) + [0xFF] + Array(" tại Hà Nội".utf8))
        let result = try factcheck("check", "articles", "--out", "out", "--report-facts", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("articles/b.txt:1: error: not valid UTF-8 at byte offset 12"))
        let json = try report(in: directory, out: "out")
        #expect(try schemaProblems(in: json) == nil)
        let decoded = try JSONDecoder().decode(Report.self, from: json)
        #expect(decoded.facts?.map(\.value) == ["274 dự án", "Lào"])
        #expect(decoded.errors.map(\.path) == ["articles/b.txt"])
    }

    @Test func aBacktrackingRuleEndsTheRunWithExitTwoAndAReport() throws {
        let directory = try workspace()
        directory.write("rules/slow.yaml", ruleYAML(id: "slow", pattern: "(?<n>(a+)+$)", key: "slow", example: "aaa",
                                                    facts: "[{key: slow, value: aaa}]"))
        directory.write("a.txt", String(repeating: "a", count: 40) + "b\n\nCó 274 dự án đầu tư tại Lào.")
        let result = try factcheck("check", "a.txt", "--report-facts", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("match limit (1000000)"))
        #expect(result.stderr.contains("[slow]"))
        let decoded = try JSONDecoder().decode(Report.self, from: try report(in: directory))
        #expect(decoded.errors.map(\.kind) == [.matchLimit])
        #expect(decoded.facts?.map(\.rule) == ["investment.projects", "context.partner"])
        #expect(try schemaProblems(in: try report(in: directory)) == nil)
    }

    @Test func usageErrorsExitTwo() throws {
        let directory = try workspace()
        let badLevel = try factcheck("check", "x.txt", "--fail-on", "fatal", in: directory.path)
        #expect(badLevel.status == 2)
        #expect(badLevel.stderr.contains("fail-on"))
        let missing = try factcheck("check", "nope.md", in: directory.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.md: error: no such file or directory"))
        #expect(try factcheck("check", in: directory.path).status == 2)
        #expect(try factcheck("--version", in: directory.path).stdout == FactCheckVersion.current + "\n")
        // Numbers out of range are usage errors naming the option, not a crash or a day-long wait.
        for (arguments, option) in [
            (["check", "x.txt", "--jobs", "9223372036854775807"], "--jobs"), (["check", "x.txt", "--jobs", "0"], "--jobs"),
            (["store", "rebuild", "--jobs", "1025"], "--jobs"), (["check", "x.txt", "--store-timeout", "1e9"], "--store-timeout"),
            (["store", "info", "--store-timeout", "nan"], "--store-timeout"), (["store", "gc", "--unused-for", "9223372036854775807"], "--unused-for"),
            (["store", "gc", "--unused-for", "-1"], "--unused-for"), (["check", "x.txt", "--max-facts", "0"], "--max-facts"),
            (["check", "x.txt", "--max-facts", "99999999999999999999"], "--max-facts"),
            (["check", "x.txt", "--max-findings", "1000000000001"], "--max-findings"), (["check", "x.txt", "--max-findings", "-3"], "--max-findings"),
            // An empty store would be a temporary SQLite database: a run that keeps nothing.
            (["check", "x.txt", "--store", ""], "--store"), (["store", "info", "--store", ""], "--store"),
        ] {
            let result = try run(factcheckBinary, arguments, in: directory.path)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains(option), "\(arguments): \(result.stderr)")
        }
    }

    @Test func lintShowsACaretUnderABadPattern() throws {
        let directory = try workspace()
        directory.write("rules/bad.yaml", ruleYAML(id: "bad", pattern: #"(?<n>\d+ tỷ"#))
        let result = try factcheck("rules", "lint", "--today", "2026-04-07", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("rules/bad.yaml:4: error: the pattern does not compile: missing closing parenthesis (at byte 13); hint: a '(' is never closed; to match a literal '(' write '\\(' [bad]\n    (?<n>\\d+ tỷ\n               ^"))
        #expect(result.stdout.contains("1 error, 0 warnings"))
    }

    @Test func lintIsStrictOnlyWhenAsked() throws {
        let directory = try workspace()
        directory.write("rules/dash.yaml", ruleYAML(id: "dash", pattern: "(?<n>Hà Nội – Viêng Chăn)", example: "x", counterexample: "y"))
        let relaxed = try factcheck("rules", "lint", "--today", "2026-04-07", in: directory.path)
        #expect(relaxed.status == 0)
        #expect(relaxed.stderr.contains("rules/dash.yaml:4: warning: the pattern: U+2013 never occurs in the matching form: write '-' [dash]"))
        #expect(try factcheck("rules", "lint", "--strict", "--today", "2026-04-07", in: directory.path).status == 1)
    }

    @Test func lintJudgesTheReferenceTablesAgeByTheDayItIsGiven() throws {
        let directory = try workspace()
        directory.write("fresh/offices.yaml", """
            references:
              offices:
                - {name: Nguyễn Văn B, title: Thủ tướng, country: Việt Nam, from: 2024-01-01, known_until: 2026-06-03, source: x}
            """)
        #expect(try factcheck("rules", "lint", "--strict", "--today", "2026-11-30", "--rules", "fresh", in: directory.path).status == 0)
        // Said on every run, but a commit's verdict must not change with the day: --strict passes.
        let stale = try factcheck("rules", "lint", "--strict", "--today", "2026-12-01", "--rules", "fresh", in: directory.path)
        #expect(stale.status == 0)
        #expect(stale.stdout.contains("0 errors, 1 warning"))
        #expect(stale.stderr.contains("fresh/offices.yaml:3: warning: table 'offices': Nguyễn Văn B (Thủ tướng, Việt Nam) is known only until 2026-06-03, 181 days"))
        #expect(try factcheck("rules", "lint", "--today", "30/13/2026", in: directory.path).status == 2)
    }

    @Test func rulesTestReportsFailuresWithExitOne() throws {
        let directory = try workspace()
        let shipped = shippedPack.rules.count + shippedPack.events.count   // the shipped pack grows; the count is not what this test is about
        #expect(try factcheck("rules", "test", in: directory.path).stdout.contains("rules: \(shipped) passed, 0 failed"))
        directory.write("rules/wrong.yaml", ruleYAML(id: "wrong", pattern: #"(?<n>\d+) dự án"#, key: "k", example: "Có 3 dự án",
                                                     facts: "[{key: k, value: '4'}]"))
        let result = try factcheck("rules", "test", in: directory.path)
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL wrong"))
        #expect(result.stdout.contains("- expected: k = 4"))
        #expect(result.stdout.contains("rules: \(shipped) passed, 1 failed"))
    }

    @Test func explainShowsMatchesCapturesFactsAndSkippedZones() throws {
        let directory = try workspace()
        directory.write("a.txt", "Tổng Bí thư Tô Lâm phát biểu.\n\nTin liên quan\n\nThủ tướng Phạm Minh Chính dự họp.\n")
        let result = try factcheck("explain", "--rule", "official.title", "a.txt", in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("  1:1 body «Tổng Bí thư Tô Lâm»"))
        #expect(result.stdout.contains("      name = \"Tô Lâm\""))
        #expect(result.stdout.contains("    → official/Tô Lâm = Tổng Bí thư"))
        #expect(result.stdout.contains("  5:1 trailer «Thủ tướng Phạm Minh Chính»"))
        #expect(result.stdout.contains("    → no fact: the rule does not read the trailer zone"))
        #expect(result.stdout.contains("1 document: 2 matches, 1 fact"))
        let unknown = try factcheck("explain", "--rule", "official.titel", "a.txt", in: directory.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no rule 'official.titel' (did you mean 'official.title'?)"))
    }

    @Test func explainACheckShowsItsGroupsAndWhyFactsWereNotCompared() throws {
        let directory = try workspace()
        directory.write("corpus/a.md", "---\nid: a\ndate: 2025-02-01\n---\nNăm 2024, kim ngạch thương mại Việt Nam - Lào đạt 2,2 tỷ USD.\n")
        directory.write("corpus/b.md", "---\nid: b\ndate: 2025-02-02\n---\nNăm 2024, kim ngạch thương mại Việt Nam - Lào đạt 2,5 tỷ USD.\n")
        directory.write("corpus/c.md", "---\nid: c\ndate: 2025-02-03\n---\nKim ngạch thương mại Việt Nam - Lào đạt 2,9 tỷ USD.\n\n"
                        + "<!-- factcheck-disable-next-line consistency.trade-statistics -->\nNăm 2024, kim ngạch thương mại Việt Nam - Lào đạt 9 tỷ USD.\n")
        let result = try factcheck("explain", "--check", "consistency.trade-statistics", "corpus", in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("trade.turnover/Lào · actual · năm 2024: 2 facts"))
        #expect(result.stdout.contains("  → a finding (error): Số liệu trade.turnover/Lào cho năm 2024 không khớp"))
        #expect(result.stdout.contains("no period, and the check compares only figures of the same period (requires_period)"))
        #expect(result.stdout.contains("suppressed by corpus/c.md:7 <!-- factcheck-disable-next-line consistency.trade-statistics -->"))
        #expect(result.stdout.contains("3 documents: 4 facts read, 1 group, 2 facts not compared"))
        let unknown = try factcheck("explain", "--check", "consistency.trade-statistic", "corpus", in: directory.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no check 'consistency.trade-statistic' (did you mean 'consistency.trade-statistics'?)"))
        let both = try factcheck("explain", "--check", "sanity", "--rule", "trade.target", "corpus", in: directory.path)
        #expect(both.status == 2 && both.stderr.contains("Give one of --rule and --check."))
    }

    @Test func formatsBaselinesAndChangedFilesFromTheCommandLine() throws {
        let directory = try workspace()
        directory.write("corpus/a.md", "---\nid: a\ndate: 2026-01-26\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        directory.write("corpus/b.md", "---\nid: b\ndate: 2025-10-01\n---\nLào, Việt Nam thống nhất mục tiêu kim ngạch thương mại 15 tỷ USD.\n")
        directory.write("corpus/c.md", "---\nid: c\ndate: 2025-06-01\n---\nDự án đường sắt Viêng Chăn - Vũng Ang của Lào.\n")

        let all = try factcheck("check", "corpus", "--format", "json,html,sarif,junit", "--write-baseline", "baseline.json", in: directory.path)
        #expect(all.status == 1)
        for name in ["report.json", "report.html", "report.sarif", "report.junit.xml"] {
            #expect(FileManager.default.fileExists(atPath: directory.path + "/reports/" + name), "\(name)")
        }
        #expect(all.stdout.contains("report: baseline.json"))

        let quiet = try factcheck("check", "corpus", "--baseline", "baseline.json", in: directory.path)
        #expect(quiet.status == 0, "\(quiet.stdout)")
        #expect(quiet.stdout.contains("hidden: 2 in the baseline"))

        directory.write("changed.txt", "corpus/c.md\n\n")
        let changed = try factcheck("check", "corpus", "--changed-from", "changed.txt", "--format", "github", in: directory.path)
        #expect(changed.status == 0)  // only a warning involves c.md
        #expect(changed.stdout.contains("::warning file=corpus/c.md,line=5,col="))
        #expect(!changed.stdout.contains("consistency.trade-target"))
        // Only what c.md touches was checked: the rest is neither computed nor counted...
        #expect(changed.stdout.contains("hidden: whatever involves no changed document (not checked)"))
        // ...unless a baseline is written, which records every finding.
        let counted = try factcheck("check", "corpus", "--changed-from", "changed.txt", "--write-baseline", "all.json", in: directory.path)
        #expect(counted.stdout.contains("hidden: 1 not involving a changed document"), "\(counted.stdout)")

        let bad = try factcheck("check", "corpus", "--format", "json,pdf", in: directory.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown format 'pdf'"))
        let missing = try factcheck("check", "corpus", "--baseline", "nope.json", in: directory.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: error: no such file or not readable"))
    }

    // MARK: - Output safety

    /// The report files under `out` and their contents.
    private func snapshot(_ directory: TemporaryDirectory, out: String = "reports") throws -> [String: Data] {
        try FactCheckTests.snapshot(directory.path + "/" + out)
    }

    @Test func aFullDiskIsExitTwoAndLeavesTheOldReports() throws {
        let directory = try workspace()
        try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/examples")
        #expect(try factcheck("check", "examples", "--fail-on", "none", in: directory.path).status == 0)
        let before = try snapshot(directory)
        directory.write("examples/new.md", "---\nid: new\ndate: 2025-05-05\n---\nHai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        // Files may grow to 40 KiB: writing report.json, with every fact (~60 KiB), fails with EFBIG, as on a full disk.
        let full = "trap '' XFSZ; ulimit -f 80; exec \"$0\" check examples --fail-on none --report-facts"
        let result = try run("/bin/sh", ["-c", full + " --no-store", factcheckBinary], in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("reports: error: cannot write the reports: cannot write reports/report.json: write: File too large"), "\(result.stderr)")
        #expect(try snapshot(directory) == before)
        // With the store (a run before filled it past 40 KiB), writing the store fails first.
        #expect(try factcheck("check", "examples", "--fail-on", "none", "--store", "store/s.sqlite", in: directory.path).status == 0)
        for index in 0..<60 {  // more new rows than 40 KiB hold
            directory.write("examples/newer/\(index).md", "---\nid: newer-\(index)\ndate: 2025-05-06\n---\nHai nước phấn đấu đạt kim ngạch thương mại \(index) tỷ USD.\n")
        }
        let beforeStore = try snapshot(directory)
        let storeFull = try run("/bin/sh", ["-c", full + " --store store/s.sqlite", factcheckBinary], in: directory.path)
        #expect(storeFull.status == 2)
        #expect(storeFull.stderr.contains("store/s.sqlite: error: the fact store cannot be written to disk"), "\(storeFull.stderr)")
        #expect(try snapshot(directory) == beforeStore)
    }

    @Test(.enabled(if: immutableDirectoriesWork(), "needs chattr +i (or not being root)"))
    func aReadOnlyOutputDirectoryIsExitTwoAndLeavesTheOldReports() throws {
        let directory = try workspace()
        directory.write("articles/a.md", "---\nid: a\ndate: 2025-05-05\n---\nHai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        #expect(try factcheck("check", "articles", in: directory.path).status == 0)
        let before = try snapshot(directory)
        directory.write("articles/b.md", "---\nid: b\ndate: 2025-05-06\n---\nHai nước phấn đấu đạt kim ngạch thương mại 15 tỷ USD.\n")
        #expect(setReadOnly(directory.path + "/reports", true))
        defer { _ = setReadOnly(directory.path + "/reports", false) }
        let result = try factcheck("check", "articles", in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("cannot write the reports"))
        #expect(try snapshot(directory) == before)
    }

    @Test func concurrentRunsIntoOneDirectoryLeaveOneRunsReports() throws {
        let directory = try workspace()
        try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/examples")
        directory.write("small/a.md", "---\nid: a\ndate: 2025-05-05\n---\nHai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        for _ in 0..<3 {
            let runs = ["examples", "small"].map { corpus in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: factcheckBinary)
                process.arguments = ["check", corpus, "--out", "shared", "--format", "json,html,sarif,junit", "--fail-on", "none"]
                process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                return process
            }
            for process in runs { try process.run() }
            for process in runs { process.waitUntilExit() }
            #expect(runs.map(\.terminationStatus) == [0, 0])
            let files = try snapshot(directory, out: "shared")
            #expect(files.keys.sorted() == [".factcheck-run.json", "report.html", "report.json", "report.junit.xml", "report.sarif"])
            #expect(try ReportManifest.read(in: directory.path + "/shared")?.mismatches(in: directory.path + "/shared") == [])
            // Every file is whole, and all four come from the same run.
            let report = try JSONDecoder().decode(Report.self, from: try #require(files["report.json"]))
            let documents = report.summary.documents
            let page = String(decoding: try #require(files["report.html"]), as: UTF8.self)
            #expect(page.contains("findings in \(documents) documents</title>") && page.hasSuffix("</html>\n"))
            let junit = String(decoding: try #require(files["report.junit.xml"]), as: UTF8.self)
            #expect(junit.contains("tests=\"\(documents)\"") && junit.hasSuffix("</testsuites>\n"))
            #expect(try JSONSerialization.jsonObject(with: try #require(files["report.sarif"])) is [String: Any])
        }
    }
}

/// Makes `path` unwritable even for root (chattr +i) or undoes it; false when that failed.
private func setReadOnly(_ path: String, _ readOnly: Bool) -> Bool {
    if getuid() != 0 { return chmod(path, readOnly ? 0o555 : 0o755) == 0 }
    return (try? run("/usr/bin/chattr", [readOnly ? "+i" : "-i", path]).status) == 0
}

/// Whether this machine lets a test make a directory unwritable.
private func immutableDirectoriesWork() -> Bool {
    let directory = TemporaryDirectory()
    guard setReadOnly(directory.path, true) else { return false }
    defer { _ = setReadOnly(directory.path, false) }
    return !FileManager.default.createFile(atPath: directory.path + "/probe", contents: Data())
}
