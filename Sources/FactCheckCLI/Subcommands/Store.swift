import ArgumentParser
import FactCheck
#if PostgreSQL
import FactCheckPostgres
#endif
import Foundation

/// `--store PATH|URL`, shared by every command that uses the fact store.
struct StoreOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The fact store: an SQLite file, or postgres://USER@HOST:PORT/DATABASE[?schema=NAME] (password in PGPASSWORD) "
            + "(default: $FACTCHECK_STORE, else \(SQLiteStore.defaultPath)).", valueName: "path|url"))
    var store: String?

    /// A day at most: a longer wait is a typo, not a plan (SQLite counts it in 32-bit milliseconds).
    static let timeoutRange = 0.0...86_400

    @Option(name: .customLong("store-timeout"), help: ArgumentHelp(
        "Seconds to wait for another run's lock on the store before giving up, 0 to 86400.", valueName: "seconds"))
    var timeout = 60.0

    func validate() throws {
        // SQLite would take "" for a temporary database, forgotten when the run ends.
        guard store?.isEmpty != true else { throw ValidationError("--store needs a path or a postgres:// URL (got an empty one)") }
        guard Self.timeoutRange.contains(timeout) else { throw ValidationError("--store-timeout must be from 0 to 86400 seconds (got \(timeout))") }
    }

    /// What --store or FACTCHECK_STORE gives, else the default path.
    private var given: String {
        store ?? ProcessInfo.processInfo.environment["FACTCHECK_STORE"].flatMap { $0.isEmpty ? nil : $0 } ?? SQLiteStore.defaultPath
    }

    /// How messages name the store: a path, or a URL without its password.
    var name: String { StoreLocation.name(of: given) }

    /// The store, opened (created when absent).
    func open() throws(StoreError) -> any FactStore {
        switch try StoreLocation(given) {
        case .sqlite(let path):
            return try SQLiteStore(path: path, busyTimeout: timeout)
        case .postgres(let url):
            #if PostgreSQL
            return try PostgresStore(url: url, lockTimeout: timeout)
            #else
            throw Self.withoutPostgres(url)
            #endif
        }
    }

    /// Builds the store anew with `build` beside the old one, which it then replaces.
    func rebuilding(_ build: (any FactStore) throws(StoreError) -> Void) throws(StoreError) -> any FactStore {
        switch try StoreLocation(given) {
        case .sqlite(let path):
            return try SQLiteStore.rebuilding(path: path, busyTimeout: timeout) { fresh throws(StoreError) in try build(fresh) }
        case .postgres(let url):
            #if PostgreSQL
            return try PostgresStore.rebuilding(url: url, lockTimeout: timeout) { fresh throws(StoreError) in try build(fresh) }
            #else
            throw Self.withoutPostgres(url)
            #endif
        }
    }

    private static func withoutPostgres(_ url: PostgresURL) -> StoreError {
        StoreError(.other, detail: "this factcheck was built without PostgreSQL; build it with 'swift build -c release --traits PostgreSQL'", path: url.name)
    }

    /// `body` on the opened store; a store that cannot be used is printed, and exits with 2.
    func using<T>(_ body: (any FactStore) throws -> T) throws -> T {
        try reportingStoreErrors { try body(open()) }
    }
}

/// `body`, with a store error printed and turned into exit 2.
func reportingStoreErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw storeFailure(error)
    }
}

/// Prints a store error and gives the exit code (2) to throw.
func storeFailure(_ error: StoreError) -> ExitCode {
    printStandardError(error.errorDescription ?? error.detail)
    return ExitCode(2)
}

extension FactCheckCommand {
    struct Store: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inspect and maintain the fact store.",
            discussion: """
                The store keeps each file's facts under its content hash and the rule pack's extraction \
                fingerprint, so that 'check' extracts only new and changed files. It is a cache: deleting \
                it costs one full run.
                """,
            subcommands: [Info.self, Verify.self, GC.self, Rebuild.self])
    }
}

extension FactCheckCommand.Store {
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what the store holds and its latest run.")
        @OptionGroup var store: StoreOption

        func run() throws {
            try store.using { printLine(describe(try $0.info())) }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every row of the store against the others; exit 2 when one contradicts them.")
        @OptionGroup var store: StoreOption

        func run() throws {
            let info = try store.using { try $0.verify() }
            printLine("\(info.name): ok: \(counted(info.files, "file")), \(counted(info.documents, "document")), \(counted(info.facts, "fact")) verified")
        }
    }

    struct GC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gc", abstract: "Drop the files no run has used for a while, and their facts.")
        @OptionGroup var store: StoreOption

        /// A century at most: beyond, the cut-off date is before any store existed.
        static let daysRange = 0...36_500

        @Option(name: .customLong("unused-for"), help: ArgumentHelp("Drop what no run used in this many days, 0 to 36500.", valueName: "days"))
        var days = 30

        func validate() throws {
            guard Self.daysRange.contains(days) else { throw ValidationError("--unused-for must be from 0 to 36500 days (got \(days))") }
        }

        func run() throws {
            let (dropped, info) = try store.using { opened in
                (try opened.collectGarbage(unusedSince: Date().addingTimeInterval(-Double(days) * 86_400)), try opened.info())
            }
            printLine("\(info.name): dropped \(counted(dropped, "file")); \(counted(info.files, "file")), \(counted(info.facts, "fact")), "
                  + "\(byteCount(info.bytes)) left")
        }
    }

    struct Rebuild: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the store anew from the paths of its latest run, with the current rule pack.")
        @OptionGroup var store: StoreOption
        @OptionGroup var rules: RulesOption

        @OptionGroup var workers: JobsOption

        func run() throws {
            guard let paths = try store.using({ try $0.latestRunPaths() }) else {
                printStandardError("\(store.name): error: the store has no run to rebuild from; run 'factcheck check PATH...' instead")
                throw ExitCode(2)
            }
            let pack = rules.load()
            pack.errors.forEach(printError)
            let info = try reportingStoreErrors {
                try store.rebuilding { fresh throws(StoreError) in
                    // No caps: these are the paths of a run that passed its own, whatever they were.
                    do throws(RunError) {
                        _ = try CheckRun.run(paths: paths, pack: pack, jobs: workers.jobs, triage: TriageOptions(), store: fresh, limits: .unlimited)
                    } catch .store(let error) {
                        throw error
                    } catch {
                        preconditionFailure("a run without caps passed one: \(error)")
                    }
                }.info()
            }
            printLine("\(info.name): rebuilt from \(paths.joined(separator: " ")): \(counted(info.files, "file")), \(counted(info.facts, "fact"))")
        }
    }
}

/// What `store info` prints.
private func describe(_ info: StoreInfo) -> String {
    var lines = [
        "store: \(info.name)",
        "schema: \(info.schemaVersion)",
        "size: \(byteCount(info.bytes))",
        "files: \(info.files), documents: \(info.documents), facts: \(info.facts)",
    ]
    for (fingerprint, files) in info.fingerprints {
        lines.append("fingerprint \(fingerprint): \(counted(files, "file"))")
    }
    if let run = info.lastRun {
        lines.append("last run: \(ISO8601DateFormatter().string(from: run.started)) on \(run.paths.joined(separator: " ")): "
                     + "\(counted(run.files, "file")), \(run.extracted) extracted, \(run.files - run.extracted) from the store")
    } else {
        lines.append("last run: none")
    }
    return lines.joined(separator: "\n")
}

/// "1.2 MiB".
func byteCount(_ bytes: Int) -> String {
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024, unit < units.count - 1 {
        value /= 1024
        unit += 1
    }
    return unit == 0 ? "\(bytes) bytes" : String(format: "%.1f %@", value, units[unit])
}

extension FactCheckCommand {
    struct Facts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stream the facts of the store's latest check run.",
            discussion: "Each fact has the members report.json's facts[] had (report.json carries them only with --report-facts).")

        @OptionGroup var store: StoreOption

        @Option(name: .long, help: ArgumentHelp("Only facts whose key matches; * matches any run of characters.", valueName: "glob"))
        var key: String?

        @Option(name: .long, help: ArgumentHelp("Only the facts of this document id.", valueName: "id"))
        var document: String?

        @Option(name: .long, help: ArgumentHelp("jsonl (one fact per line) or json (one array).", valueName: "format"))
        var format: FactListing.Format = .jsonl

        func run() throws {
            do {
                _ = try store.using { try FactListing.write(from: $0, key: key, document: document, format: format, to: STDOUT_FILENO) }
            } catch let error as ExitCode {
                throw error
            } catch {
                printStandardError("error: \(error)")
                throw ExitCode(2)
            }
        }
    }
}

extension FactListing.Format: ExpressibleByArgument {}
