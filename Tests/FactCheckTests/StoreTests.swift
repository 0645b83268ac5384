import Foundation
import Testing
@testable import FactCheck
#if PostgreSQL
import FactCheckPostgres
#endif

/// A fact store backend the store tests run on: SQLite always; PostgreSQL when the tests are
/// built with the PostgreSQL trait and a server is at hand (`TestPostgres`: CI starts one, and
/// the tests that need it say when they are skipped).
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    #if PostgreSQL
    case postgres
    #endif

    static var testable: [Backend] {
        #if PostgreSQL
        TestPostgres.url == nil ? [.sqlite] : [.sqlite, .postgres]
        #else
        [.sqlite]
        #endif
    }

    var testDescription: String { rawValue }

    /// Where a new store of this backend goes: a file in `directory`, or a new schema.
    func newStore(in directory: String) -> String {
        switch self {
        case .sqlite: directory + "/store.sqlite"
        #if PostgreSQL
        case .postgres: TestPostgres.freshSchemaURL("store")
        #endif
        }
    }

    func open(_ store: String) throws -> any FactStore {
        switch self {
        case .sqlite: try SQLiteStore(path: store)
        #if PostgreSQL
        case .postgres: try PostgresStore(url: PostgresURL(parsing: store))
        #endif
        }
    }
}

/// A corpus and a rule pack in a temporary directory that a test edits between runs, and a
/// store of `backend` of its own.
private final class Workspace {
    let directory = TemporaryDirectory()
    let backend: Backend
    var corpus: String { directory.path + "/articles" }
    var rules: String { directory.path + "/rules" }
    /// What `--store` names: an SQLite file in the workspace, or a schema of its own on the
    /// test server.
    let store: String
    /// Each write gets an mtime of its own, minutes in the past, so that the store's size/mtime
    /// shortcut is taken for files no edit touched.
    private var clock = 1_700_000_000

    init(articles: Int = 0, flawed: Bool = false, backend: Backend = .sqlite) throws {
        self.backend = backend
        store = backend.newStore(in: directory.path)
        try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: rules)
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/examples") {
            write("articles/" + name, try String(contentsOfFile: packageRoot + "/examples/" + name, encoding: .utf8))
        }
        for index in 0..<articles {
            write("articles/more/\(index).md", Workspace.article(index, flawed: flawed))
        }
    }

    /// An article of our own whose figures vary with `seed`; some carry an inline suppression,
    /// and, when `flawed`, some a front-matter date that is an input error.
    static func article(_ seed: Int, flawed: Bool = false) -> String {
        """
        ---
        id: gen-\(seed)
        date: 2025-\(flawed && seed % 5 == 0 ? 13 : seed % 12 + 1)-\(seed % 27 + 1)
        ---
        \(seed % 3 == 0 ? "<!-- factcheck-disable-next-line consistency.trade-statistics -->\n" : "")Kim ngạch thương mại Việt Nam - Lào năm 2024 đạt \(seed % 3 + 2),\(seed % 10) tỷ USD, tăng \(seed % 40 + 1)% so với năm 2023.

        Hai bên phấn đấu đưa kim ngạch thương mại song phương lên \(seed % 2 == 0 ? 5 : 10) tỷ USD.

        Đoàn đại biểu tỉnh Hủa Phăn thăm tỉnh Thanh Hóa ngày \(seed % 27 + 1)/\(seed % 12 + 1)/2025.
        """
    }

    /// The store, opened (created when absent).
    func openStore() throws -> any FactStore {
        try backend.open(store)
    }

    /// Runs SQL on the store behind factcheck's back: `sqlite` on an SQLite store, `postgres`
    /// (its tables unqualified, in the store's schema) on a PostgreSQL one.
    func tamper(sqlite: String, postgres: String) throws {
        switch backend {
        case .sqlite: try SQLiteDatabase(path: store, create: false).execute(sqlite)
        #if PostgreSQL
        case .postgres:
            _ = try TestPostgres.psql(store, "SET search_path TO \(try PostgresURL(parsing: store).schema); \(postgres)")
        #endif
        }
    }

    /// The schema version this factcheck writes to the backend's stores.
    var schemaVersion: Int {
        switch backend {
        case .sqlite: StoreSchema.version
        #if PostgreSQL
        case .postgres: PostgresStore.schemaVersion
        #endif
        }
    }

    func write(_ name: String, _ text: String) {
        let path = directory.write(name, text)
        clock += 60
        var times = [timespec(tv_sec: clock, tv_nsec: 0), timespec(tv_sec: clock, tv_nsec: 0)]
        precondition(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    func read(_ name: String) -> String {
        try! String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)
    }

    /// The article paths, relative to the workspace, sorted.
    var articles: [String] {
        (FileManager.default.enumerator(atPath: corpus)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".md") || $0.hasSuffix(".txt") || $0.hasSuffix(".jsonl") }.map { "articles/" + $0 }.sorted()
    }

    /// report.json of a run over the corpus, with or without the store and (by default, when
    /// every finding is reported) with every fact, and how many files came from the store.
    func report(store: FactStore?, triage: TriageOptions = TriageOptions(), facts: Bool? = nil) throws -> (json: String, stored: Int, report: Report) {
        let pack = RuleLoader.load(directory: rules)
        #expect(pack.errors.isEmpty, "\(pack.errors)")
        let result = try CheckRun.run(paths: [corpus], pack: pack, jobs: 2, triage: triage, store: store,
                                      reportFacts: facts ?? (triage.changed == nil))
        return (String(decoding: result.report.json(), as: UTF8.self), result.timings.stored, result.report)
    }
}

@Suite(.serialized) struct StoreTests {
    /// The store's central promise: whatever happened to the corpus and the rule pack between
    /// runs, a run with the store reports exactly what a run without one does.
    @Test(arguments: Backend.testable) func anIncrementalRunReportsExactlyWhatAFreshRunDoes(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 6, flawed: true, backend: backend)
        let store = try workspace.openStore()
        var random = SplitMix64(seed: 20_261_130)
        let kinds = ["add", "change", "delete", "rename", "rule", "gazetteer", "none"]
        let sequence = ["none"] + (kinds + kinds).shuffled(using: &random)
        var made = 100
        var reused = 0
        var narrowedFindings = 0
        let extraRule = """
            rules:
              - id: test.visitors
                description: Visitors counted (a rule added by the test).
                pattern: '(?<n>\\d+) lượt khách'
                fact: {key: visitors, value: '{n} lượt khách', type: count}
                examples: [{text: 'đón 120 lượt khách', facts: [{key: visitors, value: '120 lượt khách'}]}]
                counterexamples: ['không có khách']
            """
        for (step, edit) in sequence.enumerated() {
            let articles = workspace.articles
            let pick = articles[Int(random.next() % UInt64(articles.count))]
            switch edit {
            case "add":
                made += 1
                workspace.write("articles/new/\(made).md", Workspace.article(made, flawed: true) + "\nKhu du lịch đón \(made) lượt khách.\n")
            case "change":
                // One digit of the article changes: a figure, a date, or nothing a rule reads.
                var text = Array(workspace.read(pick).utf8)
                if let digit = text.indices.filter({ (0x30...0x39).contains(text[$0]) }).randomElement(using: &random) {
                    text[digit] = 0x30 + UInt8(random.next() % 10)
                }
                workspace.write(pick, String(decoding: text, as: UTF8.self))
            case "delete" where articles.count > 3:
                try FileManager.default.removeItem(atPath: workspace.directory.path + "/" + pick)
            case "rename":
                let target = (pick as NSString).deletingPathExtension + "-moved." + (pick as NSString).pathExtension
                try FileManager.default.moveItem(atPath: workspace.directory.path + "/" + pick, toPath: workspace.directory.path + "/" + target)
            case "rule":
                // A rule file comes or goes: what every article yields may change.
                if FileManager.default.fileExists(atPath: workspace.rules + "/extra.yaml") {
                    try FileManager.default.removeItem(atPath: workspace.rules + "/extra.yaml")
                } else {
                    workspace.write("rules/extra.yaml", extraRule)
                }
            case "gazetteer":
                let gazetteers = workspace.read("rules/reference/gazetteers.yaml")
                let alias = "Hủa Phăn Thượng"
                workspace.write("rules/reference/gazetteers.yaml", gazetteers.contains(alias)
                    ? gazetteers.replacingOccurrences(of: ", \(alias)", with: "")
                    : gazetteers.replacingOccurrences(of: "aliases: [Houaphanh", with: "aliases: [Houaphanh, \(alias)"))
            default:
                break
            }
            let fresh = try workspace.report(store: nil).json
            let incremental = try workspace.report(store: store)
            #expect(incremental.json == fresh, "step \(step): after '\(edit)' of \(pick)")
            reused += incremental.stored
            // Run again: now everything comes from the store.
            let again = try workspace.report(store: store)
            #expect(again.json == fresh, "step \(step): the run after '\(edit)' of \(pick)")
            #expect(again.stored == workspace.articles.count)
            // Without the facts in the report, a run with the store keeps only a summary of each
            // partition the checks across documents read, and loads those that can conflict.
            #expect(try workspace.report(store: store, facts: false).json == (try workspace.report(store: nil, facts: false).json),
                    "step \(step): the run without facts after '\(edit)' of \(pick)")
            // A --changed run checks only what the changed article touches, through the store's
            // indexes: the findings of a run that checks everything, the same report with or
            // without the store.
            let touched = workspace.articles.randomElement(using: &random)!
            let narrow = TriageOptions(changed: [workspace.directory.path + "/" + touched])
            let narrowed = try workspace.report(store: store, triage: narrow)
            #expect(narrowed.json == (try workspace.report(store: nil, triage: narrow).json), "step \(step): --changed \(touched)")
            var everything = narrow
            everything.checkEverything = true
            let checkedEverything = try workspace.report(store: nil, triage: everything)
            #expect(narrowed.report.findings == checkedEverything.report.findings, "step \(step): --changed \(touched)")
            #expect(try workspace.report(store: store, triage: everything).json == checkedEverything.json,
                    "step \(step): --changed \(touched), checking everything")
            narrowedFindings += narrowed.report.findings.count
        }
        #expect(reused > 0)
        #expect(narrowedFindings > 0)
        #expect(try store.verify().files > 0)
    }

    /// A run with a store holds no fact across documents until it knows which partitions can
    /// conflict: twenty articles agreeing on one year's figure are never loaded to be compared.
    @Test(arguments: Backend.testable) func aRunWithAStoreLoadsOnlyThePartitionsThatCanConflict(_ backend: Backend) throws {
        let directory = TemporaryDirectory()
        func article(_ id: String, year: Int, figure: String) {
            directory.write("articles/\(id).md", "---\nid: \(id)\ndate: 2025-04-01\n---\n"
                            + "Kim ngạch thương mại Việt Nam - Lào năm \(year) đạt \(figure) tỷ USD.\n")
        }
        for index in 0..<20 { article("agree-\(index)", year: 2024, figure: "2,5") }
        article("low", year: 2023, figure: "2,1")
        article("high", year: 2023, figure: "2,4")
        let pack = RuleLoader.load(directory: packageRoot + "/rules")
        let paths = [directory.path + "/articles"]
        let store = try backend.open(backend.newStore(in: directory.path))
        for _ in 0..<2 {  // cold, then warm
            let run = try CheckRun.run(paths: paths, pack: pack, jobs: 2, triage: TriageOptions(), store: store)
            let partitions = try #require(run.timings.partitions)
            #expect(partitions.candidates == 1 && partitions.of == 2 && partitions.facts == 2, "\(partitions)")
            #expect(run.report.findings.map(\.rule) == ["consistency.trade-statistics"])
            #expect(run.report.findings.first?.locations.count == 2)
            let fresh = CheckRun.run(paths: paths, pack: pack, jobs: 2, triage: TriageOptions())
            #expect(run.report.json() == fresh.report.json())
        }
    }

    /// A `--changed` run asks the store how many values each partition the changed article
    /// touches has, and loads the facts of only those that can give a finding: a new article
    /// that agrees with the archive loads none of it; one that disagrees loads its group.
    @Test(arguments: Backend.testable) func aChangedRunLoadsOnlyThePartitionsItCanConflictIn(_ backend: Backend) throws {
        let directory = TemporaryDirectory()
        func article(_ id: String, figure: String) {
            directory.write("articles/\(id).md", "---\nid: \(id)\ndate: 2025-04-01\n---\n"
                            + "Kim ngạch thương mại Việt Nam - Lào năm 2024 đạt \(figure) tỷ USD. Đoàn công tác đã thăm cảng Vũng Áng.\n")
        }
        for index in 0..<20 { article("archive-\(index)", figure: "2,5") }
        let pack = RuleLoader.load(directory: packageRoot + "/rules")
        let paths = [directory.path + "/articles"]
        let store = try backend.open(backend.newStore(in: directory.path))
        _ = try CheckRun.run(paths: paths, pack: pack, jobs: 2, triage: TriageOptions(), store: store)
        let changed = TriageOptions(changed: [directory.path + "/articles/new.md"])
        for (figure, loaded) in [("2,5", 0), ("2,1", 21)] {
            article("new", figure: figure)
            let run = try CheckRun.run(paths: paths, pack: pack, jobs: 2, triage: changed, store: store)
            let partitions = try #require(run.timings.partitions)
            // The year's figure, and the port's name (canonical: it never gives a finding).
            #expect(partitions.of >= 2 && partitions.candidates == (loaded > 0 ? 1 : 0), "\(figure): \(partitions)")
            #expect(partitions.facts == loaded, "\(figure): \(partitions)")
            #expect(run.report.findings.map(\.rule) == (loaded > 0 ? ["consistency.trade-statistics"] : []), "\(figure)")
            let fresh = CheckRun.run(paths: paths, pack: pack, jobs: 2, triage: changed)
            #expect(run.report.json() == fresh.report.json(), "\(figure)")
        }
    }

    @Test(arguments: Backend.testable) func aFileThatDidNotChangeIsNotExtractedAgain(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 3, backend: backend)
        let store = try workspace.openStore()
        let pack = RuleLoader.load(directory: workspace.rules)
        let first = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: store).timings
        #expect(first.extracted == workspace.articles.count && first.stored == 0)
        workspace.write("articles/more/1.md", Workspace.article(41))
        let second = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: store).timings
        #expect(second.extracted == 1 && second.stored == workspace.articles.count - 1)
    }

    @Test(arguments: Backend.testable) func aRunOnAnotherFolderNeverSeesTheFirstFoldersFacts(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 2, backend: backend)
        let store = try workspace.openStore()
        workspace.write("other/only.md", Workspace.article(7))
        let pack = RuleLoader.load(directory: workspace.rules)
        _ = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: store)
        let other = try CheckRun.run(paths: [workspace.directory.path + "/other"], pack: pack, triage: TriageOptions(), store: store).report
        let alone = CheckRun.run(paths: [workspace.directory.path + "/other"], pack: pack)
        #expect(other.summary.documents == 1)
        #expect(other.json() == alone.json())
    }

    @Test(arguments: Backend.testable) func garbageCollectionKeepsWhatTheLatestRunUsed(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 2, backend: backend)
        let store = try workspace.openStore()
        workspace.write("other/only.md", Workspace.article(7))
        let pack = RuleLoader.load(directory: workspace.rules)
        _ = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: store)
        _ = try CheckRun.run(paths: [workspace.directory.path + "/other"], pack: pack, triage: TriageOptions(), store: store)
        #expect(try store.collectGarbage(unusedSince: Date().addingTimeInterval(-3600)) == 0)
        #expect(try store.collectGarbage(unusedSince: Date().addingTimeInterval(1)) == workspace.articles.count)
        #expect(try store.verify().files == 1)
    }

    @Test func everyValueSurvivesTheStoreExactly() throws {
        let values: [FactValue] = [
            .money(Money(quantity: Amount(Decimal(string: "2.5e9")!, upper: Decimal(string: "3000000000.75"), qualifier: .about), currency: "USD")),
            .count(Count(quantity: Amount(274, qualifier: .over), noun: "dự án")),
            .percent(Percent(quantity: Amount(Decimal(string: "-6.05")!), unit: .points)),
            .date(DateValue(kind: .range, year: 2025, month: 12, day: 1, endYear: nil, endMonth: 12, endDay: 3, yearSource: .article)),
            .name(NameValue(name: "Hủa Phăn")),
            .person(Person(name: "Thongloun Sisoulith", titles: ["Tổng Bí thư", "Chủ tịch nước"], country: "Lào", former: false)),
            .text("văn bản \u{0} có NUL"),
        ]
        for value in values {
            #expect(try ValueCodec.decode(ValueCodec.encode(value)) == value)
        }
        let captures = ["n": "10", "unit": "tỷ USD", "": "rỗng"]
        #expect(try ValueCodec.decodeCaptures(ValueCodec.encode(captures: captures)) == captures)
        #expect(throws: ByteReaderError.self) { try ValueCodec.decode(Array(ValueCodec.encode(values[0]).dropLast())) }
    }

    // MARK: - Stores that cannot be used

    @Test func aDamagedStoreIsAnErrorThatNamesItAndReplacesNoReport() throws {
        let workspace = try Workspace()
        _ = try run(factcheckBinary, ["check", "articles", "--store", "store.sqlite", "--fail-on", "none"], in: workspace.directory.path)
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.directory.path + "/reports/report.json"))
        // Not a database at all, then a store cut in half.
        let store = try Data(contentsOf: URL(fileURLWithPath: workspace.store))
        for damaged in [Data("not a database, just text".utf8) + Data(count: 4096), store.prefix(store.count / 2)] {
            try damaged.write(to: URL(fileURLWithPath: workspace.store))
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: workspace.store + suffix) }
            workspace.write("articles/new.md", Workspace.article(3))
            let result = try run(factcheckBinary, ["check", "articles", "--store", "store.sqlite", "--fail-on", "none"], in: workspace.directory.path)
            #expect(result.status == 2)
            #expect(result.stderr.contains("store.sqlite: error: the fact store is damaged"), "\(result.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.directory.path + "/reports/report.json")) == before)
        }
    }

    /// A store a factcheck of schema 1 filled is migrated when opened, and its facts are reused.
    @Test func aStoreOfTheFirstSchemaIsMigratedAndKeepsItsFacts() throws {
        let workspace = try Workspace(articles: 3)
        let pack = RuleLoader.load(directory: workspace.rules)
        _ = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: try SQLiteStore(path: workspace.store))
        // Back to what schema 1 was: its indexes, errors without a severity, its version.
        let old = try SQLiteDatabase(path: workspace.store, create: false)
        try old.execute("""
            DROP INDEX facts_by_group; DROP INDEX facts_by_name; ALTER TABLE errors DROP COLUMN severity;
            CREATE INDEX facts_by_key ON facts (key); PRAGMA user_version = 1
            """)
        let store = try SQLiteStore(path: workspace.store)
        #expect(try old.integer("PRAGMA user_version") == Int64(StoreSchema.version))
        #expect(try old.integer("SELECT count(*) FROM sqlite_master WHERE name IN ('facts_by_group', 'facts_by_name')") == 2)
        let result = try CheckRun.run(paths: [workspace.corpus], pack: pack, triage: TriageOptions(), store: store)
        #expect(result.timings.stored == workspace.articles.count && result.timings.extracted == 0)
        #expect(result.report.json() == CheckRun.run(paths: [workspace.corpus], pack: pack).json())
    }

    @Test(arguments: Backend.testable) func aStoreFromANewerFactcheckIsRefused(_ backend: Backend) throws {
        let workspace = try Workspace(backend: backend)
        _ = try workspace.openStore()
        try workspace.tamper(sqlite: "PRAGMA user_version = 99", postgres: "UPDATE store_meta SET version = 99")
        let result = try run(factcheckBinary, ["check", "articles", "--store", workspace.store], in: workspace.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("written by a newer factcheck (schema 99; this one knows up to \(workspace.schemaVersion))"), "\(result.stderr)")
    }

    @Test(arguments: Backend.testable) func anotherProgramsDatabaseIsNotTakenForAStore(_ backend: Backend) throws {
        let workspace = try Workspace(backend: backend)
        var expected = "an SQLite database of another program"
        switch backend {
        case .sqlite:
            try SQLiteDatabase(path: workspace.store, create: true).execute("CREATE TABLE notes (text TEXT)")
        #if PostgreSQL
        case .postgres:
            let schema = try PostgresURL(parsing: workspace.store).schema
            _ = try TestPostgres.psql(workspace.store, "CREATE SCHEMA \(schema); CREATE TABLE \(schema).notes (text text)")
            expected = "schema '\(schema)' holds another program's tables"
        #endif
        }
        let result = try run(factcheckBinary, ["store", "info", "--store", workspace.store], in: workspace.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func aStoreThatCannotBeWrittenIsAnError() throws {
        // /proc refuses new directories even to root.
        let workspace = try Workspace()
        let result = try run(factcheckBinary, ["check", "articles", "--store", "/proc/factcheck/store.sqlite"], in: workspace.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("/proc/factcheck/store.sqlite: error: the fact store cannot be written"), "\(result.stderr)")
    }

    @Test(arguments: Backend.testable) func aStoreLockedPastTheTimeoutIsAnError(_ backend: Backend) throws {
        let workspace = try Workspace(backend: backend)
        _ = try workspace.openStore()
        // Another writer holds the lock for as long as this test needs.
        let holder = Process()
        switch backend {
        case .sqlite:
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = ["python3", "-c", """
                import sqlite3, sys, time
                c = sqlite3.connect(sys.argv[1], isolation_level=None)
                c.execute('BEGIN IMMEDIATE')
                print('locked', flush=True)
                time.sleep(60)
                """, workspace.store]
        #if PostgreSQL
        case .postgres:
            // The lock a run records under (`PostgresStore.record`).
            let schema = try PostgresURL(parsing: workspace.store).schema
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            holder.arguments = TestPostgres.psqlArguments(workspace.store) + [
                "-c", "SELECT pg_advisory_lock(hashtext('factcheck:write:\(schema)'))", "-c", "\\echo locked", "-c", "SELECT pg_sleep(60)"]
        #endif
        }
        let output = Pipe()
        holder.standardOutput = output
        try holder.run()
        defer { holder.terminate() }
        _ = output.fileHandleForReading.availableData  // "locked"
        let result = try run(factcheckBinary, ["check", "articles", "--store", workspace.store, "--store-timeout", "1"], in: workspace.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(StoreLocation.name(of: workspace.store)): error: the fact store is locked by another factcheck run"),
                "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.directory.path + "/reports/report.json"))
    }

    // MARK: - Processes

    /// `kill -9` at any moment leaves the store as it was or fully updated: it verifies, and the
    /// next run's report is what a run without a store gives.
    @Test(arguments: Backend.testable) func aKilledRunLeavesAUsableStore(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 300, backend: backend)
        let arguments = ["check", "articles", "--store", workspace.store, "--format", "json", "--fail-on", "none"]
        for (attempt, delay) in [0.05, 0.3, 0.8, 1.5, 2.5].enumerated() {
            workspace.write("articles/more/\(attempt).md", Workspace.article(500 + attempt))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: factcheckBinary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: workspace.directory.path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let verify = try run(factcheckBinary, ["store", "verify", "--store", workspace.store], in: workspace.directory.path)
            #expect(verify.status == 0, "killed after \(delay) s: \(verify.stderr)")
        }
        #expect(try run(factcheckBinary, arguments, in: workspace.directory.path).status == 0)
        let stored = try Data(contentsOf: URL(fileURLWithPath: workspace.directory.path + "/reports/report.json"))
        #expect(try run(factcheckBinary, arguments + ["--no-store", "--out", "fresh"], in: workspace.directory.path).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: workspace.directory.path + "/fresh/report.json")) == stored)
    }

    /// Four runs on one new store at once, on overlapping corpora: they create its schema
    /// together, all finish, each with the report a run without a store gives, and the store
    /// verifies.
    @Test(arguments: Backend.testable) func fourRunsOnOneStoreAtOnceAllReportCorrectly(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 120, backend: backend)
        workspace.write("other/only.md", Workspace.article(9_999))
        let corpora = [["articles"], ["articles/more"], ["articles/more", "other"], ["articles"]]
        let processes = try corpora.enumerated().map { index, paths in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: factcheckBinary)
            process.arguments = ["check"] + paths + ["--store", workspace.store, "--format", "json", "--fail-on", "none", "--out", "run\(index)"]
            process.currentDirectoryURL = URL(fileURLWithPath: workspace.directory.path)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        for (index, paths) in corpora.enumerated() {
            #expect(processes[index].terminationStatus == 0)
            let fresh = try run(factcheckBinary, ["check"] + paths + ["--no-store", "--format", "json", "--fail-on", "none", "--out", "fresh\(index)"],
                                in: workspace.directory.path)
            #expect(fresh.status == 0)
            let read = { (out: String) in try Data(contentsOf: URL(fileURLWithPath: workspace.directory.path + "/\(out)/report.json")) }
            #expect(try read("run\(index)") == read("fresh\(index)"))
        }
        #expect(try run(factcheckBinary, ["store", "verify", "--store", workspace.store], in: workspace.directory.path).status == 0)
    }

    @Test(arguments: Backend.testable) func storeCommandsDescribeVerifyAndRebuildTheStore(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 2, backend: backend)
        let directory = workspace.directory.path
        #expect(try run(factcheckBinary, ["check", "articles", "--store", workspace.store, "--fail-on", "none"], in: directory).status == 0)
        let info = try run(factcheckBinary, ["store", "info", "--store", workspace.store], in: directory)
        #expect(info.status == 0)
        #expect(info.stdout.contains("store: \(StoreLocation.name(of: workspace.store))\nschema: \(workspace.schemaVersion)\n"), "\(info.stdout)")
        #expect(info.stdout.contains("files: \(workspace.articles.count), documents: \(workspace.articles.count + 1)"), "\(info.stdout)")
        #expect(info.stdout.contains("last run: "))
        #expect(info.stdout.contains("on articles: \(workspace.articles.count) files, \(workspace.articles.count) extracted, 0 from the store"))
        let rebuilt = try run(factcheckBinary, ["store", "rebuild", "--store", workspace.store], in: directory)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("rebuilt from articles: \(workspace.articles.count) files"))
        let verified = try run(factcheckBinary, ["store", "verify", "--store", workspace.store], in: directory)
        #expect(verified.status == 0 && verified.stdout.contains("ok: \(workspace.articles.count) files"), "\(verified.stdout)\(verified.stderr)")
        let empty = try run(factcheckBinary, ["store", "rebuild", "--store", backend.newStore(in: directory + "/empty")], in: directory)
        #expect(empty.status == 2 && empty.stderr.contains("the store has no run to rebuild from"))
    }

    @Test(arguments: Backend.testable) func factsStreamsTheLatestRunsFactsAsTheReportListsThem(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 2, backend: backend)
        let directory = workspace.directory.path
        #expect(try run(factcheckBinary, ["check", "articles", "--store", workspace.store, "--fail-on", "none"], in: directory).status == 0)
        let facts = CheckRun.run(paths: [workspace.corpus], pack: RuleLoader.load(directory: workspace.rules), triage: TriageOptions(),
                                 reportFacts: true).report.facts!
        func listed(_ arguments: String...) throws -> [[String: Any]] {
            let result = try run(factcheckBinary, ["facts", "--store", workspace.store] + arguments, in: directory)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        }
        let all = try listed()
        #expect(all.map { $0["key"] as! String } == facts.map(\.key))
        #expect(all.map { ($0["location"] as! [String: Any])["line"] as! Int } == facts.map(\.location.line))
        let trade = try listed("--key", "trade.*")
        #expect(!trade.isEmpty && trade.count == facts.filter { $0.key.hasPrefix("trade.") }.count)
        let one = try listed("--document", "gen-1")
        #expect(!one.isEmpty && one.allSatisfy { $0["document"] as! String == "gen-1" })
        let array = try run(factcheckBinary, ["facts", "--store", workspace.store, "--format", "json"], in: directory)
        #expect((try JSONSerialization.jsonObject(with: Data(array.stdout.utf8)) as! [Any]).count == facts.count)
    }

    @Test(arguments: Backend.testable) func verifyFindsRowsThatContradictEachOther(_ backend: Backend) throws {
        let workspace = try Workspace(articles: 1, backend: backend)
        let store = try workspace.openStore()
        _ = try CheckRun.run(paths: [workspace.corpus], pack: RuleLoader.load(directory: workspace.rules), triage: TriageOptions(), store: store)
        let deleteOneFact = "DELETE FROM facts WHERE (file, ordinal) = (SELECT file, ordinal FROM facts LIMIT 1)"
        try workspace.tamper(sqlite: deleteOneFact, postgres: deleteOneFact)
        let result = try run(factcheckBinary, ["store", "verify", "--store", workspace.store], in: workspace.directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("the fact store is inconsistent"), "\(result.stderr)")
    }
}

@Suite struct StoreLocationTests {
    @Test func aPostgresURLIsReadWhole() throws {
        let url = try PostgresURL(parsing: "postgres://editor:p%40ss@db.example.org:6543/news?schema=archive_2026&sslmode=require", environment: [:])
        #expect(url.user == "editor" && url.password == "p@ss" && url.host == "db.example.org" && url.port == 6543)
        #expect(url.database == "news" && url.schema == "archive_2026" && url.tls == .require)
        #expect(url.name == "postgres://editor@db.example.org:6543/news?schema=archive_2026")
        let defaults = try PostgresURL(parsing: "postgresql://editor@localhost/news", environment: ["PGPASSWORD": "from-env"])
        #expect(defaults.port == 5432 && defaults.schema == "factcheck" && defaults.tls == .prefer && defaults.password == "from-env")
        #expect(defaults.name == "postgres://editor@localhost:5432/news")
        #expect(try StoreLocation(".factcheck/store.sqlite") == .sqlite(path: ".factcheck/store.sqlite"))
    }

    /// A URL that cannot be used says why, and never shows its password, even when it cannot be parsed.
    @Test func aBadPostgresURLIsAnErrorWithoutItsPassword() {
        let cases = [
            ("postgres://editor:secret@db/news?schema=Bad-Name", "schema 'Bad-Name' must be"),
            ("postgres://editor:secret@db/news?sslmode=maybe", "sslmode 'maybe' is not one of disable, prefer, require, verify-full"),
            ("postgres://editor:secret@db/news?pool=3", "unknown parameter 'pool' (known: schema, sslmode)"),
            ("postgres://:secret@db/news", "no user in the URL"),
            ("postgres://editor:secret@db:99999/news", "port 99999 is out of range"),
        ]
        for (text, why) in cases {
            #expect(StoreLocation.name(of: text).contains("secret") == false, "\(text)")
            do {
                _ = try PostgresURL(parsing: text, environment: [:])
                Issue.record("\(text) was taken")
            } catch {
                let message = error.errorDescription ?? ""
                #expect(message.contains(why) && !message.contains("secret"), "\(text): \(message)")
            }
        }
    }
}
