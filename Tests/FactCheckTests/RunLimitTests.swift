import Foundation
import Testing
@testable import FactCheck

/// `count` articles, each giving the Vietnam–Laos trade target (two facts: the target and its
/// partner) and all agreeing.
private func corpus(_ directory: TemporaryDirectory, articles count: Int) -> String {
    for index in 0..<count {
        directory.write("corpus/\(index).md", "---\nid: a\(index)\ndate: 2025-10-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
    }
    return directory.path + "/corpus"
}

/// The error `CheckRun.run` stopped with, or nil when it finished.
private func stop(_ paths: [String], store: (any FactStore)? = nil, limits: RunLimits) -> RunError? {
    do {
        _ = try CheckRun.run(paths: paths, pack: shippedPack, jobs: 2, triage: TriageOptions(), store: store, limits: limits)
        return nil
    } catch {
        return error
    }
}

@Suite struct RunLimitTests {
    /// A flood of facts stops while files are read, not after: with two workers and a cap of
    /// five facts, a few of the 200 files are read.
    @Test func aRunPastItsFactCapStopsWhileReading() throws {
        let directory = TemporaryDirectory()
        let path = corpus(directory, articles: 200)
        guard case .tooManyFacts(let cap, let reached, let read, let files) = stop([path], limits: RunLimits(maxFacts: 5)) else {
            Issue.record("the run did not stop at its fact cap")
            return
        }
        #expect((cap, files) == (5, 200))
        #expect(reached > 5 && reached < 30, "\(reached) facts")
        #expect(read < 15, "\(read) files read")
        // At the cap the run goes through.
        #expect(stop([path], limits: RunLimits(maxFacts: 400)) == nil)
    }

    /// Facts taken from the store count as extracted ones do.
    @Test func factsFromTheStoreCountAgainstTheCap() throws {
        let directory = TemporaryDirectory()
        let path = corpus(directory, articles: 20)
        let store = try SQLiteStore(path: directory.path + "/store.sqlite")
        #expect(stop([path], store: store, limits: RunLimits()) == nil)
        guard case .tooManyFacts(_, let reached, _, _) = stop([path], store: store, limits: RunLimits(maxFacts: 39)) else {
            Issue.record("the run did not stop at its fact cap")
            return
        }
        #expect(reached == 40)
    }

    /// Findings are counted as the checks on each file find them, and with the checks across
    /// articles after them.
    @Test func aRunPastItsFindingCapStops() throws {
        let examples = packageRoot + "/examples"
        let all = CheckRun.run(paths: [examples], pack: shippedPack, jobs: 2, triage: TriageOptions()).report.findings.count
        #expect(stop([examples], limits: RunLimits(maxFindings: all - 1)) == .tooManyFindings(cap: all - 1, reached: all))
        #expect(stop([examples], limits: RunLimits(maxFindings: all)) == nil)
        // Every file's findings past the cap, counted while reading.
        let directory = TemporaryDirectory()
        for index in 0..<200 { directory.write("corpus/\(index).txt", "Ngày 30/2/2025, hai bên ký kết.\n") }  // no such day: a finding each
        guard case .tooManyFindings(3, let reached) = stop([directory.path + "/corpus"], limits: RunLimits(maxFindings: 3)) else {
            Issue.record("the run did not stop at its finding cap")
            return
        }
        #expect(reached > 3 && reached < 30, "\(reached) findings")
    }

    /// From the command line: exit 2, a message naming the cap, the count and the option to
    /// raise it, and the reports and baseline of the run before left as they were.
    @Test func aRunPastACapExitsTwoAndReplacesNoReport() throws {
        let directory = TemporaryDirectory()
        let path = corpus(directory, articles: 30)
        let out = directory.path + "/reports"
        let check = ["check", path, "--rules", packageRoot + "/rules", "--out", out, "--format", "json,html,sarif,junit", "--fail-on", "none"]
        #expect(try run(factcheckBinary, check).status == 0)
        let before = try snapshot(out)
        // Two findings: a day that does not exist, and a target the other 30 articles contradict.
        directory.write("corpus/new.md", "---\nid: new\ndate: 2025-10-02\n---\nNgày 30/2/2025, Việt Nam và Lào phấn đấu đạt kim ngạch thương mại 15 tỷ USD.\n")
        for (option, value, says) in [("--max-facts", "7", "more facts than --max-facts allows (7): the run stopped at "),
                                      ("--max-findings", "1", "more findings than --max-findings allows (1): the checks found 2")] {
            let result = try run(factcheckBinary, check + [option, value, "--write-baseline", directory.path + "/baseline.json"])
            #expect(result.status == 2)
            #expect(result.stderr.contains(says), "\(result.stderr)")
            #expect(result.stderr.contains("raise the cap with \(option) N"))
            #expect(try snapshot(out) == before)
            #expect(!FileManager.default.fileExists(atPath: directory.path + "/baseline.json"))
        }
        // At the caps (63 facts, 2 findings) the run goes through.
        #expect(try run(factcheckBinary, check + ["--max-facts", "63", "--max-findings", "2"]).status == 0)
        #expect(try snapshot(out) != before)
    }
}
