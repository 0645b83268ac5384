#if PostgreSQL
import FactCheck
import Foundation
import NIOCore
import PostgresNIO

/// The shared fact store: the tables of `PostgresSchema` on a PostgreSQL server, which every CI
/// runner of a newsroom reads and adds to. It keeps the contract of `FactStore`:
///
/// - A run's files are staged on the runner's disk as they are extracted (`FactStaging`), and
///   `record` sends them in one transaction: COPY into temporary tables, then set operations
///   on the server (new files inserted, files another run stored meanwhile taken as they are,
///   every file of the run marked used). Other runners see all of a run or none of it.
/// - Runs that record at once take turns on an advisory lock per store, held for the
///   transaction: no deadlock between runs whose files overlap. Waiting longer than
///   `--store-timeout` for it is `StoreError.locked`, as with SQLite.
/// - `facts(in:files:)` finds a `--changed` run's partitions on the server, through the
///   indexes, restricted there to the run's own files: only their fact rows cross the network.
public final class PostgresStore: FactStore, @unchecked Sendable {
    public let url: PostgresURL
    public var name: String { url.name }
    /// The number of migrations this factcheck applies to a store's schema (`store info`).
    public static var schemaVersion: Int { PostgresSchema.version }
    private let session: PostgresSession
    private let lockTimeout: Double
    private let staging = FactStaging()
    private var table: String { url.schema }

    /// Connects to the server and brings the store's schema up to date (creating it).
    public init(url: PostgresURL, lockTimeout: Double = 60) throws(StoreError) {
        self.url = url
        self.lockTimeout = lockTimeout
        session = try PostgresSession(url, lockTimeout: lockTimeout)
        try PostgresSchema.migrate(session)
    }

    public func knownFiles(fingerprint: ContentHash) throws(StoreError) -> KnownFiles {
        var known = KnownFiles()
        for row in try session.rows("SELECT id, path, hash, size, mtime FROM \(unescaped: table).files WHERE fingerprint = \(Self.bytes(fingerprint.bytes))") {
            known.byPath[try session.decode(row, 1, as: String.self), default: []].append(.init(
                id: try session.decode(row, 0), hash: ContentHash(bytes: Self.bytes(try session.decode(row, 2, as: ByteBuffer.self))),
                size: Int(try session.decode(row, 3, as: Int64.self)), mtime: try session.decode(row, 4, as: Int64?.self)))
        }
        return known
    }

    public func makeReader() throws(StoreError) -> any FactStoreReader {
        PostgresStoreReader(try PostgresSession(url, lockTimeout: lockTimeout))
    }

    public func stage(_ file: StoredFile, hash: ContentHash) throws(StoreError) -> Int64 {
        try staging.stage(file, hash: hash)
    }

    // MARK: - Recording a run

    /// How many of a run's files go to the server in one COPY of each table.
    static let batch = 2_000

    public func record(_ run: RunRecord, files: [StoredFileUse]) throws(StoreError) -> [Int64] {
        defer { staging.discard() }
        let schema = table
        return try session.transaction { () throws(StoreError) -> [Int64] in
            try session.rows("SELECT pg_advisory_xact_lock(hashtext(\("factcheck:write:\(schema)")))")
            try session.execute(
                """
                CREATE TEMPORARY TABLE incoming (
                    position integer NOT NULL, staged bigint, id bigint, path text, hash bytea, size bigint, mtime bigint,
                    documents integer, facts integer, errors integer, suppressions integer, fresh boolean NOT NULL DEFAULT false
                ) ON COMMIT DROP
                """,
                "CREATE TEMPORARY TABLE incoming_documents (LIKE \(schema).documents) ON COMMIT DROP",
                "CREATE TEMPORARY TABLE incoming_facts (LIKE \(schema).facts) ON COMMIT DROP",
                "CREATE TEMPORARY TABLE incoming_errors (LIKE \(schema).errors) ON COMMIT DROP",
                "CREATE TEMPORARY TABLE incoming_suppressions (LIKE \(schema).suppressions) ON COMMIT DROP")
            let runID: Int64 = try session.value("""
                INSERT INTO \(unescaped: schema).runs (started, fingerprint, paths, files, extracted)
                VALUES (\(run.started.timeIntervalSince1970), \(Self.bytes(run.fingerprint.bytes)), \(RunRecord.encode(paths: run.paths)),
                        \(Int32(run.files)), \(Int32(run.extracted)))
                RETURNING id
                """)
            for start in stride(from: 0, to: files.count, by: Self.batch) {
                try send(files[start..<min(start + Self.batch, files.count)], offset: start)
            }
            try session.execute("ANALYZE incoming", "ANALYZE incoming_facts")
            // New files: the first of each path and content, unless another run stored it meanwhile.
            try session.rows("""
                WITH inserted AS (
                    INSERT INTO \(unescaped: schema).files (path, hash, fingerprint, size, mtime, last_run, position, documents, facts, errors, suppressions)
                    SELECT DISTINCT ON (path, hash) path, hash, \(Self.bytes(run.fingerprint.bytes)), coalesce(size, 0), mtime, \(runID),
                           position, documents, facts, errors, suppressions
                    FROM incoming WHERE staged IS NOT NULL ORDER BY path, hash, position
                    ON CONFLICT (fingerprint, path, hash) DO NOTHING
                    RETURNING id, position)
                UPDATE incoming i SET id = inserted.id, fresh = true FROM inserted WHERE i.position = inserted.position
                """)
            try session.rows("""
                UPDATE incoming i SET id = f.id FROM \(unescaped: schema).files f
                WHERE i.id IS NULL AND f.fingerprint = \(Self.bytes(run.fingerprint.bytes)) AND f.path = i.path AND f.hash = i.hash
                """)
            try session.rows("""
                UPDATE \(unescaped: schema).files f SET last_run = \(runID), position = i.position, size = coalesce(i.size, f.size), mtime = i.mtime
                FROM incoming i WHERE f.id = i.id AND NOT i.fresh
                """)
            for (child, columns) in Self.columns {
                let rest = columns.dropFirst().map { "c." + $0 }.joined(separator: ", ")
                try session.execute("""
                    INSERT INTO \(schema).\(child) SELECT i.id, \(rest)
                    FROM incoming_\(child) c JOIN incoming i ON i.staged = c.file WHERE i.fresh
                    """)
            }
            let rows = try session.rows("SELECT id FROM incoming ORDER BY position")
            guard rows.count == files.count else {
                throw StoreError(.other, detail: "\(files.count) files sent, \(rows.count) recorded", path: name)
            }
            return try rows.map { (row) throws(StoreError) -> Int64 in
                guard let id = try session.decode(row, as: Int64?.self) else {
                    throw StoreError(.other, detail: "a file was removed while this run recorded it (did 'store gc' run at the same time?)", path: name)
                }
                return id
            }
        }
    }

    /// The child tables' columns, in order; a file's rows name it by its staged number in the
    /// temporary tables.
    static let columns: [String: [String]] = [
        "documents": ["file", "ordinal", "id", "line", "title", "date", "url", "facts"],
        "facts": ["file", "ordinal", "document", "rule", "key", "value", "type", "normalized", "modality", "period", "as_of", "zone",
                  "sentence", "line", "\"column\"", "end_line", "end_column", "text", "before", "after", "captures", "unknown_context"],
        "errors": ["file", "ordinal", "kind", "path", "line", "\"column\"", "rule", "message", "severity"],
        "suppressions": ["file", "ordinal", "document", "rules", "first_line", "last_line", "line", "\"column\"", "end_line", "end_column", "text"],
    ]

    static let incomingColumns = ["position", "staged", "id", "path", "hash", "size", "mtime", "documents", "facts", "errors", "suppressions"]

    /// COPYs one batch of the run's files into the temporary tables: each file's use, and the
    /// rows of those this run extracted, read back from staging one file at a time.
    private func send(_ uses: ArraySlice<StoredFileUse>, offset: Int) throws(StoreError) {
        var incoming = CopyText(), documents = CopyText(), facts = CopyText(), errors = CopyText(), suppressions = CopyText()
        for (position, use) in zip(offset..., uses) {
            switch use {
            case .reused(let id, let stamp):
                incoming.row(.int(position), .int(nil), .int(Int(id)), .text(nil), .bytes(nil), .int(stamp?.size), .int(stamp?.mtime.map(Int.init)),
                             .int(nil), .int(nil), .int(nil), .int(nil))
            case .extracted(let staged, let hash, let stamp):
                let file = try staging.load(staged, store: name)
                let number = CopyText.Field.int(Int(staged))
                incoming.row(.int(position), number, .int(nil), .text(file.path), .bytes(hash.bytes), .int(stamp?.size),
                             .int(stamp?.mtime.map(Int.init)), .int(file.documents.count), .int(file.facts.count), .int(file.errors.count),
                             .int(file.suppressions.count))
                var ordinal = 0
                for (index, document) in file.documents.enumerated() {
                    let row = DocumentRow(document)
                    documents.row(number, .int(index), .text(row.id), .int(row.line), .text(row.title), .text(row.date), .text(row.url), .int(row.facts))
                    for fact in file.facts[ordinal..<ordinal + document.facts] {
                        let row = FactRow(fact)
                        facts.row(number, .int(ordinal), .int(index), .text(row.rule), .text(row.key), .text(row.value), .text(row.type),
                                  .bytes(row.normalized), .text(row.modality ?? ""), .text(row.period ?? ""), .int(row.asOf), .text(row.zone),
                                  .int(row.sentence), .int(row.line), .int(row.column), .int(row.endLine), .int(row.endColumn), .text(row.text),
                                  .text(row.before), .text(row.after), .bytes(row.captures), .text(row.unknownContext))
                        ordinal += 1
                    }
                }
                for (index, error) in file.errors.enumerated() {
                    let row = ErrorRow(error)
                    errors.row(number, .int(index), .text(row.kind), .text(row.path), .int(row.line), .int(row.column), .text(row.rule),
                               .text(row.message), .text(row.severity))
                }
                for (index, suppression) in file.suppressions.enumerated() {
                    let row = SuppressionRow(suppression)
                    suppressions.row(number, .int(index), .text(row.document), .text(row.rules), .int(row.firstLine), .int(row.lastLine),
                                     .int(row.line), .int(row.column), .int(row.endLine), .int(row.endColumn), .text(row.text))
                }
                if [incoming, documents, facts, errors, suppressions].contains(where: \.sawNul) {
                    throw StoreError(.other, detail: "'\(file.path)' holds a NUL character (U+0000), which PostgreSQL cannot store in text", path: name)
                }
            }
        }
        try session.copy(into: "incoming", columns: Self.incomingColumns, incoming.buffer)
        for (child, rows) in [("documents", documents), ("facts", facts), ("errors", errors), ("suppressions", suppressions)] where !rows.isEmpty {
            try session.copy(into: "incoming_\(child)", columns: [], rows.buffer)
        }
    }

    // MARK: - Reading

    public func facts(in partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [Fact] {
        try PostgresStoreReader(session).facts(in: partitions, files: files)
    }

    public func values(of partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [FactPartition: PartitionValues] {
        try PostgresStoreReader(session).values(of: partitions, files: files)
    }

    public func latestRunFacts(_ body: (StoredFile) throws -> Void) throws {
        let reader = PostgresStoreReader(session)
        let ids = try session.rows("SELECT id FROM \(unescaped: table).files WHERE last_run = (SELECT max(id) FROM \(unescaped: table).runs) ORDER BY position")
        for batch in try Self.batches(ids, of: session) {
            for file in try reader.load(batch, facts: true) { try body(file) }
        }
    }

    public func latestRunPaths() throws(StoreError) -> [String]? {
        guard let row = try session.rows("SELECT paths FROM \(unescaped: table).runs ORDER BY id DESC LIMIT 1").first else { return nil }
        return RunRecord.decode(paths: try session.decode(row, as: String.self))
    }

    // MARK: - Maintenance

    public func info() throws(StoreError) -> StoreInfo {
        let schema = table
        var fingerprints: [(ContentHash, Int)] = []
        for row in try session.rows("SELECT fingerprint, count(*) FROM \(unescaped: schema).files GROUP BY fingerprint ORDER BY max(last_run) DESC") {
            fingerprints.append((ContentHash(bytes: Self.bytes(try session.decode(row, 0, as: ByteBuffer.self))), Int(try session.decode(row, 1, as: Int64.self))))
        }
        var lastRun: (Date, [String], Int, Int)?
        if let row = try session.rows("SELECT started, paths, files, extracted FROM \(unescaped: schema).runs ORDER BY id DESC LIMIT 1").first {
            lastRun = (Date(timeIntervalSince1970: try session.decode(row, 0, as: Double.self)),
                       RunRecord.decode(paths: try session.decode(row, 1, as: String.self)),
                       Int(try session.decode(row, 2, as: Int32.self)), Int(try session.decode(row, 3, as: Int32.self)))
        }
        func count(_ table: String) throws(StoreError) -> Int {
            Int(try session.value("SELECT count(*) FROM \(unescaped: schema).\(unescaped: table)", as: Int64.self))
        }
        let bytes: Int64 = try session.value("""
            SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relkind = 'r'
            """)
        return StoreInfo(
            name: name, schemaVersion: Self.schemaVersion, bytes: Int(bytes), files: try count("files"),
            documents: try count("documents"), facts: try count("facts"), fingerprints: fingerprints, lastRun: lastRun)
    }

    public func verify() throws(StoreError) -> StoreInfo {
        let schema = table
        // The server keeps the references (foreign keys); what it cannot know is the counts.
        let stray = try session.rows("""
            SELECT f.file, f.ordinal FROM \(unescaped: schema).facts f JOIN \(unescaped: schema).files l ON l.id = f.file
            WHERE f.document >= l.documents LIMIT 1
            """)
        if let row = stray.first {
            throw StoreError(.inconsistent, detail: "row \(try session.decode(row, 1, as: Int32.self)) of file \(try session.decode(row, 0, as: Int64.self)) in 'facts' has no owner", path: name)
        }
        let miscounted = try session.rows("""
            SELECT path FROM \(unescaped: schema).files f
            WHERE documents != (SELECT count(*) FROM \(unescaped: schema).documents WHERE file = f.id)
               OR facts != (SELECT count(*) FROM \(unescaped: schema).facts WHERE file = f.id)
               OR errors != (SELECT count(*) FROM \(unescaped: schema).errors WHERE file = f.id)
               OR suppressions != (SELECT count(*) FROM \(unescaped: schema).suppressions WHERE file = f.id)
            LIMIT 1
            """)
        if let row = miscounted.first {
            throw StoreError(.inconsistent, detail: "'\(try session.decode(row, as: String.self))' has other rows than its file row counts", path: name)
        }
        // Loading every file decodes every value.
        let reader = PostgresStoreReader(session)
        for batch in try Self.batches(try session.rows("SELECT id FROM \(unescaped: schema).files ORDER BY id"), of: session) {
            _ = try reader.load(batch, facts: true)
        }
        return try info()
    }

    public func collectGarbage(unusedSince cutoff: Date) throws(StoreError) -> Int {
        let schema = table
        return try session.transaction { () throws(StoreError) -> Int in
            try session.rows("SELECT pg_advisory_xact_lock(hashtext(\("factcheck:write:\(schema)")))")
            // What the latest run used stays, however old: it is what the next run most likely needs.
            let dropped = try session.rows("""
                DELETE FROM \(unescaped: schema).files WHERE last_run IN (
                    SELECT id FROM \(unescaped: schema).runs WHERE started < \(cutoff.timeIntervalSince1970)
                    AND id != (SELECT max(id) FROM \(unescaped: schema).runs))
                RETURNING id
                """).count
            try session.rows("""
                DELETE FROM \(unescaped: schema).runs WHERE id NOT IN (SELECT last_run FROM \(unescaped: schema).files)
                AND id != (SELECT max(id) FROM \(unescaped: schema).runs)
                """)
            return dropped
        }
    }

    /// Builds a new store in the schema `<schema>_rebuild` with `build`, then, in one
    /// transaction, drops the old schema and gives the new one its name: until then the old
    /// store is untouched and every run keeps using it.
    public static func rebuilding(url: PostgresURL, lockTimeout: Double = 60, _ build: (PostgresStore) throws(StoreError) -> Void) throws(StoreError) -> PostgresStore {
        var aside = url
        aside.schema = url.schema + "_rebuild"
        let session = try PostgresSession(url, lockTimeout: lockTimeout)
        // One rebuild at a time; a failed one's leftovers go first.
        let lock = "factcheck:rebuild:\(url.schema)"
        try session.rows("SELECT pg_advisory_lock(hashtext(\(lock)))")
        defer { _ = try? session.rows("SELECT pg_advisory_unlock(hashtext(\(lock)))") }
        try session.execute("DROP SCHEMA IF EXISTS \(aside.schema) CASCADE")
        do {
            try build(try PostgresStore(url: aside, lockTimeout: lockTimeout))
        }
        try session.transaction { () throws(StoreError) in
            try session.rows("SELECT pg_advisory_xact_lock(hashtext(\("factcheck:write:\(url.schema)")))")
            try session.execute("DROP SCHEMA IF EXISTS \(url.schema) CASCADE", "ALTER SCHEMA \(aside.schema) RENAME TO \(url.schema)")
        }
        return try PostgresStore(url: url, lockTimeout: lockTimeout)
    }

    /// The file ids of `rows`, 256 at a time: what a reader loads at once.
    private static func batches(_ rows: [PostgresRow], of session: PostgresSession) throws(StoreError) -> [[Int64]] {
        let ids = try rows.map { (row) throws(StoreError) -> Int64 in try session.decode(row) }
        return stride(from: 0, to: ids.count, by: 256).map { Array(ids[$0..<min($0 + 256, ids.count)]) }
    }

    static func bytes(_ bytes: [UInt8]) -> ByteBuffer {
        ByteBuffer(bytes: bytes)
    }

    static func bytes(_ buffer: ByteBuffer) -> [UInt8] {
        Array(buffer.readableBytesView)
    }
}
#endif
