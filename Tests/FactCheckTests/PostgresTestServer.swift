// The PostgreSQL server the tests of the PostgreSQL fact store run against, built only with the
// PostgreSQL trait (`swift test --traits PostgreSQL`).
//
// A test that needs a server says so, and gets a schema of its own on the shared one, so that
// tests running at once never see each other's rows:
//
//     @Test(.requiresPostgres) func aWarmRunExtractsOnlyTheChangedArticle() throws {
//         let store = TestPostgres.freshSchemaURL("warm-run")   // …?schema=t_warm_run_3f9a01c2
//         let result = try factcheck("check", "articles", "--store", store, in: directory.path)
//         …
//     }
//
// Where there is no server (PostgreSQL not installed, and FACTCHECK_TEST_POSTGRES not set), such a
// test is skipped with the reason, unless FACTCHECK_REQUIRE_POSTGRES=1 (CI): there it fails, so
// that CI can never pass by having tested nothing. A test that breaks a server on purpose (kills
// it, fills its disk) starts a `PrivatePostgresServer` of its own.
#if PostgreSQL
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts and stops private servers (the same script CI uses).
private let serverScript = packageRoot + "/scripts/postgres-server"

enum TestPostgres {
    /// The shared server's URL, `postgres://factcheck:PASSWORD@127.0.0.1:PORT/factcheck`:
    /// FACTCHECK_TEST_POSTGRES when set (CI starts one server for the whole run), else a private
    /// server this test process starts on first use (when PostgreSQL is installed) and stops at
    /// exit; nil when neither is possible, and `unavailable` says why.
    static let url: String? = shared.url

    /// Why `url` is nil ("PostgreSQL is not installed: apt-get install postgresql", the server's
    /// error when it would not start); empty when it is not.
    static let unavailable: String = shared.unavailable

    /// Whether a missing server fails the tests that need it instead of skipping them.
    static let isRequired = ProcessInfo.processInfo.environment["FACTCHECK_REQUIRE_POSTGRES"] == "1"

    private static let shared: (url: String?, unavailable: String, server: PrivatePostgresServer?) = {
        if let url = ProcessInfo.processInfo.environment["FACTCHECK_TEST_POSTGRES"], !url.isEmpty {
            return (url, "", nil)
        }
        do {
            let server = try PrivatePostgresServer()
            // Static values are never deinitialized: the server would outlive the process.
            atexit { TestPostgres.shared.server?.stop() }
            return (server.url, "", server)
        } catch {
            return (nil, "\(error)", nil)
        }
    }()

    /// The shared server's URL with a new, empty schema of the store's to fill:
    /// `?schema=t_<label>_<random>`, the label lowercased and cut so that the name is a plain
    /// identifier of at most 63 bytes (PostgreSQL's limit). Only in a test with `.requiresPostgres`.
    static func freshSchemaURL(_ label: String) -> String {
        guard let url else { preconditionFailure("freshSchemaURL outside a test with .requiresPostgres: \(unavailable)") }
        let suffix = "_" + String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(to: 8)
        let cleaned = String(label.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        return Self.url(url, schema: "t_" + cleaned.prefix(63 - 2 - suffix.count) + suffix)
    }

    /// Runs `sql` with psql on the database of `url` and returns what it prints, one row a line,
    /// columns separated by `|`; throws with psql's error (its SQLSTATE included) when it fails.
    /// The URL's `schema` parameter is the store's, not libpq's, so it is left out.
    static func psql(_ url: String, _ sql: String) throws -> String {
        let result = try run("/usr/bin/env", psqlArguments(url) + ["-c", sql])
        guard result.status == 0 else { throw PostgresTestError("psql exited with \(result.status): \(result.stderr)") }
        return result.stdout
    }

    /// psql's command line on the database of `url`, to run with /usr/bin/env and the test's own
    /// `-c` commands after it.
    static func psqlArguments(_ url: String) -> [String] {
        ["psql", "-X", "-A", "-t", "-w", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-d", Self.url(url, schema: nil)]
    }

    /// `url` with its query parameter `schema` set to `schema`, or taken out when nil.
    static func url(_ url: String, schema: String?) -> String {
        let parts = url.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var query = parts.count > 1 ? parts[1].split(separator: "&").map(String.init).filter { !$0.hasPrefix("schema=") } : []
        if let schema { query.append("schema=" + schema) }
        return String(parts[0]) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// `url` with `password` in place of its password, or with none when nil.
    static func url(_ url: String, password: String?) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let user = url[scheme.upperBound..<at].prefix { $0 != ":" }
        return String(url[..<scheme.upperBound]) + user + (password.map { ":" + $0 } ?? "") + url[at...]
    }
}

/// A server of one test's own, for tests that break it: kill it as a crash would, fill its disk.
/// `diskLimitMB` puts the tables a client creates on a tmpfs that size (root only), so that a
/// write past it fails with SQLSTATE 53100 while the server keeps running.
final class PrivatePostgresServer: Sendable {
    let directory: String
    let url: String
    let password: String

    init(diskLimitMB: Int? = nil) throws {
        directory = NSTemporaryDirectory() + "factcheck-pg-" + UUID().uuidString.prefix(8).lowercased()
        let result = try run(serverScript, ["start", directory] + (diskLimitMB.map { ["--disk-limit", String($0)] } ?? []))
        guard result.status == 0 else {
            _ = try? run(serverScript, ["stop", directory])
            let reason = result.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw PostgresTestError(reason.hasPrefix("postgres-server: ") ? String(reason.dropFirst(17)) : reason)
        }
        guard let password = try? String(contentsOfFile: directory + "/password", encoding: .utf8) else {
            _ = try? run(serverScript, ["stop", directory])  // no deinit for a half-made object
            throw PostgresTestError("\(directory)/password: cannot read it")
        }
        url = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        self.password = password.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit { stop() }

    /// SIGKILL to the postmaster, as a crash or the OOM killer would: no shutdown, no checkpoint.
    /// Returns once it is gone, so the next connection fails.
    func kill() {
        guard let pidFile = try? String(contentsOfFile: directory + "/data/postmaster.pid", encoding: .utf8),
              let pid = pid_t(pidFile.prefix { $0 != "\n" }) else { return }
        sendKill(pid)
        var waited = 0
        while isRunning(pid) && waited < 200 {  // 5 s
            usleep(25_000)
            waited += 1
        }
    }

    /// Stops the server and removes its directory; again is harmless.
    func stop() {
        let result = try? run(serverScript, ["stop", directory])
        if let result, result.status != 0 { FileHandle.standardError.write(Data(result.stderr.utf8)) }
    }
}

/// A failure of the test servers or psql, with their words.
struct PostgresTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `@Test(.requiresPostgres)` (or `@Suite`): the test needs `TestPostgres.url`. Without a server it
/// is skipped, "PostgreSQL not available: <why>"; with FACTCHECK_REQUIRE_POSTGRES=1 it fails
/// instead. Decided when the test is about to run, so that a run that leaves the PostgreSQL tests
/// out (`--filter`) never starts a server.
struct RequiresPostgresTrait: TestTrait, SuiteTrait {
    var isRecursive: Bool { true }

    func prepare(for test: Test) async throws {
        guard TestPostgres.url == nil else { return }
        if TestPostgres.isRequired {
            throw PostgresTestError("PostgreSQL not available, and FACTCHECK_REQUIRE_POSTGRES=1: \(TestPostgres.unavailable)")
        }
        // A condition trait is how a test is skipped; this one is made now, the reason known.
        try await ConditionTrait.disabled(Comment(rawValue: "PostgreSQL not available: \(TestPostgres.unavailable)")).prepare(for: test)
    }
}

extension Trait where Self == RequiresPostgresTrait {
    static var requiresPostgres: Self { Self() }
}

@Suite struct PostgresServerTests {
    /// CI sets FACTCHECK_REQUIRE_POSTGRES=1: there the PostgreSQL tests must run, not be skipped.
    @Test func postgresIsAvailableWhereCIRequiresIt() {
        guard TestPostgres.isRequired else { return }
        #expect(TestPostgres.url != nil, "FACTCHECK_REQUIRE_POSTGRES=1, but PostgreSQL is not available: \(TestPostgres.unavailable)")
    }

    @Test(.requiresPostgres) func theSharedServerAnswers() throws {
        let url = try #require(TestPostgres.url)
        #expect(try TestPostgres.psql(url, "SELECT 1") == "1\n")
        #expect(try TestPostgres.psql(TestPostgres.freshSchemaURL("answers"), "SELECT current_database()") == "factcheck\n")
    }

    /// The store's tests of a wrong password mean something only if the server asks for one.
    @Test(.requiresPostgres) func aWrongPasswordIsRefused() throws {
        let url = try #require(TestPostgres.url)
        let error = #expect(throws: PostgresTestError.self) {
            try TestPostgres.psql(TestPostgres.url(url, password: "not-the-password"), "SELECT 1")
        }
        #expect(error?.description.contains("password authentication failed") == true, "\(String(describing: error))")
    }

    @Test(.requiresPostgres, .enabled(if: geteuid() == 0, "--disk-limit mounts a tmpfs, which needs root"))
    func aFullDiskFailsTheWriteAndNotTheServer() throws {
        let server = try PrivatePostgresServer(diskLimitMB: 8)
        let error = #expect(throws: PostgresTestError.self) {
            try TestPostgres.psql(server.url, "CREATE TABLE t AS SELECT repeat('x', 1000) FROM generate_series(1, 100000)")
        }
        #expect(error?.description.contains("53100") == true, "\(String(describing: error))")
        #expect(error?.description.contains("No space left on device") == true, "\(String(describing: error))")
        #expect(try TestPostgres.psql(server.url, "SELECT 1") == "1\n")
    }

    @Test(.requiresPostgres) func aKilledServerRefusesTheNextConnection() throws {
        let server = try PrivatePostgresServer()
        #expect(try TestPostgres.psql(server.url, "SELECT 1") == "1\n")
        server.kill()
        #expect(throws: PostgresTestError.self) { try TestPostgres.psql(server.url, "SELECT 1") }
    }
}

private func sendKill(_ pid: pid_t) {
    _ = kill(pid, SIGKILL)
}

/// Whether `pid` runs. A killed postmaster is nobody's child that waits (pg_ctl left it to PID 1,
/// which in a container may never reap it): a zombie, which signals still reach, is dead.
private func isRunning(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let state = stat.split(separator: ")").last?.split(separator: " ").first else { return true }
    return state != "Z" && state != "X"
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
#endif
