import Foundation
import Testing
@testable import FactCheck

/// A working directory with the shipped rule pack as `rules/` and `count` articles under
/// `corpus/` whose trade targets disagree (so every report has findings to write).
private func workspace(articles count: Int) throws -> TemporaryDirectory {
    let directory = TemporaryDirectory()
    try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: directory.path + "/rules")
    for index in 0..<count {
        directory.write("corpus/a\(index).md", "---\nid: a\(index)\ndate: 2025-05-05\n---\nViệt Nam và Lào hướng tới mục tiêu kim ngạch thương mại \(index % 7 + 10) tỷ USD.\n")
    }
    return directory
}

private func temporaries(in directory: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".partial") }
}

/// A `factcheck` process in `directory`, not started, its output discarded.
private func factcheckProcess(_ arguments: [String], in directory: String) -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: factcheckBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    return process
}

@Suite(.serialized) struct InterruptedRunTests {
    private let everyFormat = ["--format", "json,html,sarif,junit", "--fail-on", "none", "--no-store"]

    @Test func aTerminatedRunRemovesItsTemporaryFilesAndLeavesTheOldReports() throws {
        let directory = try workspace(articles: 400)
        let reports = directory.path + "/reports"
        #expect(try run(factcheckBinary, ["check", "corpus/a1.md"] + everyFormat, in: directory.path).status == 0)
        let before = try snapshot(reports)
        // --report-facts makes the reports large enough to catch the run while it writes them.
        let process = factcheckProcess(["check", "corpus", "--report-facts"] + everyFormat, in: directory.path)
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while temporaries(in: reports).isEmpty && process.isRunning && Date() < deadline { usleep(1_000) }
        process.terminate()
        process.waitUntilExit()
        // Killed by SIGTERM, as the shell and CI should see it, with nothing left behind.
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(temporaries(in: reports) == [])
        #expect(try snapshot(reports) == before)
    }

    @Test func theTemporaryFilesOfAKilledRunAreRemovedByTheNext() throws {
        let directory = try workspace(articles: 2)
        // SIGKILL cannot be caught: what such a run leaves carries its (now dead) process id.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = ".report.json.\(finished.processIdentifier).k1ll3d.partial"
        // A live process's file may be a concurrent run still staging: it stays.
        let live = ".report.html.\(getpid()).st4g1ng.partial"
        directory.write("reports/" + dead, "{\"half\": ")
        directory.write("reports/" + live, "<!DOCTYPE")
        #expect(try run(factcheckBinary, ["check", "corpus"] + everyFormat, in: directory.path).status == 0)
        #expect(temporaries(in: directory.path + "/reports") == [live])
    }

    @Test func aRunWithFewerFormatsRemovesTheOthersReportsAndListsItsOwn() throws {
        let directory = try workspace(articles: 3)
        let reports = directory.path + "/reports"
        #expect(try run(factcheckBinary, ["check", "corpus"] + everyFormat, in: directory.path).status == 0)
        let first = try #require(try ReportManifest.read(in: reports))
        #expect(first.files.map(\.name) == ["report.html", "report.json", "report.junit.xml", "report.sarif"])
        #expect(first.mismatches(in: reports) == [])
        #expect(try run(factcheckBinary, ["check", "corpus", "--format", "json", "--no-store"], in: directory.path).status == 1)
        // No report.html from the earlier run is left looking current.
        #expect(try snapshot(reports).keys.sorted() == [".factcheck-run.json", "report.json"])
        let second = try #require(try ReportManifest.read(in: reports))
        #expect(second.run != first.run && second.files.map(\.name) == ["report.json"])
        #expect(second.mismatches(in: reports) == [])
        // A report file that is not the one the manifest lists is told apart.
        directory.write("reports/report.html", "<p>old</p>\n")
        directory.write("reports/report.json", "{}\n")
        #expect(second.mismatches(in: reports) == ["report.html", "report.json"])
    }

    @Test func reportsAreWrittenWhenNothingReadsStandardOutput() throws {
        let directory = try workspace(articles: 3)
        // As under `factcheck check … | head -0`: the reader is gone before the first line.
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let process = factcheckProcess(["check", "corpus", "--no-store"], in: directory.path)
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        // Not killed by SIGPIPE: the run ends with its own status (1: the targets disagree).
        #expect(process.terminationReason == .exit && process.terminationStatus == 1)
        let manifest = try #require(try ReportManifest.read(in: directory.path + "/reports"))
        #expect(manifest.files.map(\.name) == ["report.html", "report.json"])
        #expect(manifest.mismatches(in: directory.path + "/reports") == [])
    }
}
