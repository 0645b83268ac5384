#if PostgreSQL
import FactCheck
import FactCheckPostgres
import Foundation
import Testing

/// What goes wrong between a runner and the store's server — unreachable, a wrong password, a
/// connection dropped or a server killed mid-run, a statement timeout, a full disk — each with
/// a real server: a clear error naming the store without its password, exit 2, no report
/// replaced, and a store that verifies afterwards. (The tests every backend passes are in
/// StoreTests, run on PostgreSQL too.)
@Suite(.serialized, .requiresPostgres) struct PostgresStoreTests {
    /// Articles of our own and the rule pack, a report from a first run, and a store of its own on `url`.
    private final class Runner {
        let directory = TemporaryDirectory()
        let store: String

        init(url: String, articles: Int = 4) throws {
            store = url
            try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/articles")
            try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: directory.path + "/rules")
            add(articles)
            let first = try check()
            #expect(first.status == 0, "\(first.stderr)")
        }

        func add(_ count: Int, from start: Int = 0) {
            for index in start..<start + count {
                directory.write("articles/more/\(index).md", """
                    ---
                    id: pg-\(index)
                    date: 2025-0\(index % 9 + 1)-1\(index % 9)
                    ---
                    Kim ngạch thương mại Việt Nam - Lào năm 2024 đạt \(index % 3 + 2),\(index % 10) tỷ USD, tăng \(index % 30 + 1)% so với năm 2023.

                    Đoàn đại biểu tỉnh Hủa Phăn thăm tỉnh Nghệ An ngày \(index % 27 + 1)/\(index % 12 + 1)/2025 và ký biên bản hợp tác.
                    """)
            }
        }

        func check(_ extra: [String] = []) throws -> ProcessResult {
            try run(factcheckBinary, ["check", "articles", "--store", store, "--fail-on", "none", "--format", "json,html,sarif,junit", "--timings"] + extra,
                    in: directory.path)
        }

        var report: Data? { try? Data(contentsOf: URL(fileURLWithPath: directory.path + "/reports/report.json")) }

        /// Starts `check` in the background.
        func start(_ extra: [String] = []) throws -> (Process, Pipe) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: factcheckBinary)
            process.arguments = ["check", "articles", "--store", store, "--fail-on", "none"] + extra
            process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            return (process, errors)
        }

        /// Holds the lock runs record under, from another session, until it is released.
        func holdWriteLock() throws -> LockHolder {
            try LockHolder(store)
        }

        /// Starts `check` while another session holds the write lock, and returns once the run
        /// waits for it to record: the moment the fault tests strike.
        func startWaitingToRecord() throws -> (holder: LockHolder, process: Process, errors: Pipe) {
            let holder = try holdWriteLock()
            let (process, errors) = try start(["--store-timeout", "120"])
            try waitUntilARunWaits()
            return (holder, process, errors)
        }

        /// Waits until a factcheck session waits for a lock on the server.
        private func waitUntilARunWaits() throws {
            for _ in 0..<300 {
                let waiting = try TestPostgres.psql(store, """
                    SELECT count(*) FROM pg_stat_activity WHERE application_name = 'factcheck' AND wait_event_type = 'Lock'
                    """)
                if waiting.trimmingCharacters(in: .whitespacesAndNewlines) != "0" { return }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("no factcheck run waited for the lock")
        }
    }

    /// A psql session holding the lock runs record under (`PostgresStore.record`).
    private final class LockHolder {
        let store: String
        let process = Process()

        init(_ store: String) throws {
            self.store = store
            let schema = try PostgresURL(parsing: store).schema
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["PGAPPNAME=factcheck-lock-holder"] + TestPostgres.psqlArguments(store) + [
                // Its own statements never time out, whatever the server's statement_timeout.
                "-c", "SET statement_timeout = 0", "-c", "SELECT pg_advisory_lock(hashtext('factcheck:write:\(schema)'))", "-c", "\\echo locked",
                "-c", "SELECT pg_sleep(120)"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            _ = output.fileHandleForReading.availableData  // "locked"
        }

        /// Ends the session (and with it the lock), as an administrator would.
        func release() {
            guard process.isRunning else { return }
            _ = try? TestPostgres.psql(store, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factcheck-lock-holder'")
            process.waitUntilExit()
        }

        deinit {
            release()
        }
    }

    private static func stderr(of process: Process, _ pipe: Pipe) -> String {
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// Texts with what COPY's text format escapes (backslashes, tabs) reach the server and come
    /// back as they were.
    @Test func textsWithCopysSeparatorsComeBackExactly() throws {
        let runner = try Runner(url: TestPostgres.freshSchemaURL("escapes"))
        runner.directory.write("articles/escapes.md", """
            ---
            id: escapes
            title: Báo cáo \\N tại C:\\số-liệu\\2024
            date: 2025-05-05
            ---
            Theo C:\\bao-cao\\2024,\tkim ngạch thương mại Việt Nam - Lào năm 2024 đạt 2,9 tỷ USD\t\\N đúng \\\\ vậy.
            """)
        for _ in 0..<2 {  // stored, then read back
            #expect(try runner.check(["--report-facts", "--out", "stored"]).status == 0)
        }
        #expect(try runner.check(["--report-facts", "--out", "fresh", "--no-store"]).status == 0)
        let read = { (out: String) in try Data(contentsOf: URL(fileURLWithPath: runner.directory.path + "/\(out)/report.json")) }
        #expect(try read("stored") == read("fresh"))
        #expect(String(decoding: try read("stored"), as: UTF8.self).contains(#""title": "Báo cáo \\N tại C:\\số-liệu\\2024""#))
    }

    @Test func anUnreachableServerIsAnErrorThatNamesTheStore() throws {
        let directory = TemporaryDirectory()
        try FileManager.default.copyItem(atPath: packageRoot + "/examples", toPath: directory.path + "/articles")
        let result = try run(factcheckBinary, ["check", "articles", "--rules", packageRoot + "/rules", "--store", "postgres://factcheck:secret-word@127.0.0.1:1/factcheck"],
                             in: directory.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("postgres://factcheck@127.0.0.1:1/factcheck: error: cannot connect to the fact store's server"), "\(result.stderr)")
        #expect(!result.stderr.contains("secret-word"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/reports/report.json"))
    }

    /// A wrong password is refused and named as the cause; the right one appears in no output
    /// and no report of any command.
    @Test func aPasswordIsNeverPrintedAndAWrongOneIsNamedAsTheCause() throws {
        let url = TestPostgres.freshSchemaURL("password")
        let password = try #require(URLComponents(string: url)?.password)
        let runner = try Runner(url: url)
        let before = runner.report
        let wrong = url.replacingOccurrences(of: ":\(password)@", with: ":not-the-password@")
        let refused = try run(factcheckBinary, ["check", "articles", "--store", wrong, "--fail-on", "none"], in: runner.directory.path)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("error: the fact store's server refused the connection (password authentication failed"), "\(refused.stderr)")
        #expect(!refused.stderr.contains("not-the-password"))
        #expect(runner.report == before)

        var outputs = [try runner.check(["--report-facts"])]
        for command in [["store", "info"], ["store", "verify"], ["store", "gc"], ["store", "rebuild"], ["facts"]] {
            outputs.append(try run(factcheckBinary, command + ["--store", url], in: runner.directory.path))
        }
        // The URL in the environment, as CI passes a secret.
        outputs.append(try run("/usr/bin/env", ["FACTCHECK_STORE=\(url)", factcheckBinary, "store", "info"], in: runner.directory.path))
        for output in outputs {
            #expect(output.status == 0, "\(output.stderr)")
            #expect(!output.stdout.contains(password) && !output.stderr.contains(password))
        }
        #expect(outputs.last!.stdout.contains("store: \(StoreLocation.name(of: url))"))
        for name in try FileManager.default.contentsOfDirectory(atPath: runner.directory.path + "/reports") {
            let text = try String(contentsOfFile: runner.directory.path + "/reports/" + name, encoding: .utf8)
            #expect(!text.contains(password), "\(name)")
        }
    }

    /// The server ends the run's connection while it waits to record: the run fails, its
    /// changes are rolled back, and the store still verifies and gives correct reports.
    @Test func aConnectionDroppedMidRunLeavesTheStoreAsItWas() throws {
        // A server of its own: ending every factcheck session on the shared one would end other tests'.
        let server = try PrivatePostgresServer()
        let runner = try Runner(url: server.url)
        let before = runner.report
        runner.add(3, from: 100)
        let (holder, process, errors) = try runner.startWaitingToRecord()
        _ = try TestPostgres.psql(runner.store, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'factcheck'")
        let stderr = Self.stderr(of: process, errors)
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("\(StoreLocation.name(of: runner.store)): error: the connection to the fact store's server was lost"), "\(stderr)")
        #expect(runner.report == before)
        holder.release()
        let verify = try run(factcheckBinary, ["store", "verify", "--store", runner.store], in: runner.directory.path)
        #expect(verify.status == 0, "\(verify.stderr)")
        let again = try runner.check()
        #expect(again.stderr.contains("3 files extracted"), "\(again.stderr)")
        withExtendedLifetime(server) {}
    }

    /// The server is killed (as a crash would) while a run waits on it.
    @Test func aServerKilledMidRunIsAnErrorAndNoReportIsReplaced() throws {
        let server = try PrivatePostgresServer()
        let runner = try Runner(url: server.url)
        let before = runner.report
        runner.add(2, from: 200)
        let (holder, process, errors) = try runner.startWaitingToRecord()
        server.kill()
        let stderr = Self.stderr(of: process, errors)
        #expect(process.terminationStatus == 2)
        #expect(stderr.contains("error: the connection to the fact store's server was lost"), "\(stderr)")
        #expect(!stderr.contains(server.password))
        #expect(runner.report == before)
        holder.release()  // its session died with the server
    }

    /// The server's statement_timeout cancels the run's wait for another run's lock.
    @Test func aStatementTimeoutIsAnErrorAndNoReportIsReplaced() throws {
        let server = try PrivatePostgresServer()
        let runner = try Runner(url: server.url)
        let before = runner.report
        runner.add(2, from: 300)
        _ = try TestPostgres.psql(server.url, "ALTER ROLE factcheck SET statement_timeout = '1s'")
        let holder = try runner.holdWriteLock()
        let result = try runner.check(["--store-timeout", "120"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: the fact store's server cancelled a statement (canceling statement due to statement timeout"), "\(result.stderr)")
        #expect(runner.report == before)
        holder.release()
        #expect(try run(factcheckBinary, ["store", "verify", "--store", runner.store], in: runner.directory.path).status == 0)
    }

    /// The store's disk fills while a run records: the transaction is rolled back, the store
    /// keeps what it had, and reading it still works.
    @Test func aFullDiskIsAnErrorAndTheStoreKeepsWhatItHad() throws {
        // The store's tables on a 2 MB disk (its temporary tables stay on the server's own).
        let server = try PrivatePostgresServer(diskLimitMB: 2)
        let runner = try Runner(url: server.url)
        let before = runner.report
        let filled = try run(factcheckBinary, ["store", "info", "--store", runner.store], in: runner.directory.path)
        runner.add(1_000, from: 1_000)  // about 3.4 MB of rows
        let result = try runner.check()
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: the fact store cannot be written to disk ("), "\(result.stderr)")
        #expect(result.stderr.contains("SQLSTATE 53100"), "\(result.stderr)")
        #expect(runner.report == before)
        let verify = try run(factcheckBinary, ["store", "verify", "--store", runner.store], in: runner.directory.path)
        #expect(verify.status == 0, "\(verify.stderr)")
        let after = try run(factcheckBinary, ["store", "info", "--store", runner.store], in: runner.directory.path)
        let counts = { (info: String) in info.split(separator: "\n").first { $0.hasPrefix("files:") } }
        #expect(counts(after.stdout) == counts(filled.stdout), "\(after.stdout)")
    }
}
#endif
