import Foundation

/// The embedded fact store: one SQLite file (`.factcheck/store.sqlite` by default), in WAL mode
/// so that readers never wait for a writer, with one transaction per run (`FactStore`).
///
/// Sendable because its own connection is used by one thread at a time (a run records from its
/// own thread once the workers are done); workers open their own through `makeReader`, which
/// reads only immutable properties.
public final class SQLiteStore: FactStore, @unchecked Sendable {
    public static let defaultPath = ".factcheck/store.sqlite"
    /// "FCK1": marks the file as a factcheck store, so that another program's database is
    /// refused instead of migrated.
    static let applicationID: Int64 = 0x4643_4B31

    public let path: String
    public var name: String { path }
    private let database: SQLiteDatabase
    private let busyTimeout: Double

    /// Opens the store at `path`, creating it (and its directory) when absent, and brings its
    /// schema up to date.
    public init(path: String, busyTimeout: Double = 60) throws(StoreError) {
        self.path = path
        self.busyTimeout = busyTimeout
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw StoreError(.readOnly, detail: "cannot create its directory: \((error as NSError).localizedDescription)", path: path)
            }
        }
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw StoreError(.readOnly, detail: "the file is read-only", path: path)
        }
        database = try SQLiteDatabase(path: path, create: true, busyTimeout: busyTimeout)
        let application = try database.integer("PRAGMA application_id") ?? 0
        let tables = try database.integer("SELECT count(*) FROM sqlite_master") ?? 0
        guard application == Self.applicationID || (application == 0 && tables == 0) else {
            throw StoreError(.corrupt, detail: "an SQLite database of another program", path: path)
        }
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON")
        try StoreSchema.migrate(database)
        if application == 0 { try database.execute("PRAGMA application_id = \(Self.applicationID)") }
    }

    public func knownFiles(fingerprint: ContentHash) throws(StoreError) -> KnownFiles {
        let statement = try database.query("SELECT id, path, hash, size, mtime FROM files WHERE fingerprint = ?", .blob(fingerprint.bytes))
        var known = KnownFiles()
        while try statement.step() {
            known.byPath[statement.text(1), default: []].append(.init(
                id: statement.int(0), hash: ContentHash(bytes: statement.blob(2)), size: Int(statement.int(3)),
                mtime: statement.isNull(4) ? nil : statement.int(4)))
        }
        return known
    }

    public func makeReader() throws(StoreError) -> any FactStoreReader {
        try SQLiteStoreReader(path: path, busyTimeout: busyTimeout)
    }

    // MARK: - Writing a run

    public func stage(_ file: StoredFile, hash: ContentHash) throws(StoreError) -> Int64 {
        try staging.stage(file, hash: hash)
    }

    private let staging = FactStaging()

    public func record(_ run: RunRecord, files: [StoredFileUse]) throws(StoreError) -> [Int64] {
        defer { staging.discard() }
        return try database.transaction { () throws(StoreError) -> [Int64] in
            try database.prepare("INSERT INTO runs (started, fingerprint, paths, files, extracted) VALUES (?, ?, ?, ?, ?)").run(
                .real(run.started.timeIntervalSince1970), .blob(run.fingerprint.bytes), .text(RunRecord.encode(paths: run.paths)),
                .integer(Int64(run.files)), .integer(Int64(run.extracted)))
            var writer = try RunWriter(database: database, run: database.lastInsertRowID, fingerprint: run.fingerprint)
            return try files.enumerated().map { (position, use) throws(StoreError) -> Int64 in
                switch use {
                case .reused(let id, let stamp):
                    try writer.reuse(id, position: position, stamp: stamp)
                    return id
                case .extracted(let staged, let hash, let stamp):
                    return try writer.insert(try staging.load(staged, store: path), hash: hash, position: position, stamp: stamp)
                }
            }
        }
    }

    /// The statements one run's transaction repeats, and the strings it has interned.
    struct RunWriter {
        let database: SQLiteDatabase
        let run: Int64
        let fingerprint: ContentHash
        var strings: [String: Int64] = [:]
        let reuseFile, insertFile, existingFile, insertString, insertDocument, insertFact, insertError, insertSuppression: SQLiteStatement

        init(database: SQLiteDatabase, run: Int64, fingerprint: ContentHash) throws(StoreError) {
            self.database = database
            self.run = run
            self.fingerprint = fingerprint
            reuseFile = try database.prepare("UPDATE files SET last_run = ?, position = ?, size = coalesce(?, size), mtime = ? WHERE id = ?")
            insertFile = try database.prepare("""
                INSERT OR IGNORE INTO files (path, hash, fingerprint, size, mtime, last_run, position, documents, facts, errors, suppressions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            existingFile = try database.prepare("SELECT id FROM files WHERE fingerprint = ? AND path = ? AND hash = ?")
            insertString = try database.prepare("INSERT INTO strings (text) VALUES (?)")
            insertDocument = try database.prepare("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            insertFact = try database.prepare("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            insertError = try database.prepare("INSERT INTO errors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            insertSuppression = try database.prepare("INSERT INTO suppressions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            let all = try database.prepare("SELECT id, text FROM strings")
            while try all.step() { strings[all.text(1)] = all.int(0) }
        }

        func reuse(_ id: Int64, position: Int, stamp: FileStamp?) throws(StoreError) {
            try reuseFile.run(.integer(run), .int(position), .int(stamp?.size), stamp?.mtime.map { .integer($0) } ?? .null, .integer(id))
        }

        mutating func insert(_ file: StoredFile, hash: ContentHash, position: Int, stamp: FileStamp?) throws(StoreError) -> Int64 {
            try insertFile.run(
                .text(file.path), .blob(hash.bytes), .blob(fingerprint.bytes), .int(stamp?.size ?? 0), stamp?.mtime.map { .integer($0) } ?? .null,
                .integer(run), .int(position), .int(file.documents.count), .int(file.facts.count), .int(file.errors.count),
                .int(file.suppressions.count))
            guard database.changes == 1 else {
                // Another run stored the same file (same path, content and fingerprint) meanwhile:
                // its rows are these rows; this run only marks it used.
                try existingFile.bind([.blob(fingerprint.bytes), .text(file.path), .blob(hash.bytes)])
                guard try existingFile.step() else { throw StoreError(.other, detail: "a file row vanished while it was written", path: database.path) }
                let id = existingFile.int(0)
                try reuse(id, position: position, stamp: stamp)
                return id
            }
            let id = database.lastInsertRowID
            var ordinal = 0
            for (index, document) in file.documents.enumerated() {
                let row = DocumentRow(document)
                try insertDocument.run(.integer(id), .int(index), .text(row.id), .int(row.line), .string(row.title), .string(row.date),
                                       .string(row.url), .int(row.facts))
                for fact in file.facts[ordinal..<ordinal + document.facts] {
                    try insert(FactRow(fact), file: id, ordinal: ordinal, document: index)
                    ordinal += 1
                }
            }
            for (index, error) in file.errors.enumerated() {
                let row = ErrorRow(error)
                try insertError.run(.integer(id), .int(index), .text(row.kind), .text(row.path), .int(row.line), .int(row.column),
                                    .string(row.rule), .text(row.message), .text(row.severity))
            }
            for (index, suppression) in file.suppressions.enumerated() {
                let row = SuppressionRow(suppression)
                try insertSuppression.run(
                    .integer(id), .int(index), .text(row.document), .text(row.rules), .int(row.firstLine), .int(row.lastLine), .int(row.line),
                    .int(row.column), .int(row.endLine), .int(row.endColumn), .text(row.text))
            }
            return id
        }

        private mutating func insert(_ row: FactRow, file: Int64, ordinal: Int, document: Int) throws(StoreError) {
            let period: SQLiteValue = if let period = row.period { .integer(try string(period)) } else { .null }
            try insertFact.run(
                .integer(file), .int(ordinal), .int(document), .integer(try string(row.rule)), .integer(try string(row.key)),
                .text(row.value), .text(row.type), row.normalized.map { .blob($0) } ?? .null, .string(row.modality), period,
                .int(row.asOf), .text(row.zone), .int(row.sentence), .int(row.line), .int(row.column), .int(row.endLine),
                .int(row.endColumn), .text(row.text), .string(row.before), .string(row.after), .blob(row.captures),
                .string(row.unknownContext))
        }

        private mutating func string(_ text: String) throws(StoreError) -> Int64 {
            if let id = strings[text] { return id }
            try insertString.run(.text(text))
            strings[text] = database.lastInsertRowID
            return database.lastInsertRowID
        }
    }

    // MARK: - Maintenance

    public func info() throws(StoreError) -> StoreInfo {
        var fingerprints: [(ContentHash, Int)] = []
        let byFingerprint = try database.query("SELECT fingerprint, count(*) FROM files GROUP BY fingerprint ORDER BY max(last_run) DESC")
        while try byFingerprint.step() { fingerprints.append((ContentHash(bytes: byFingerprint.blob(0)), Int(byFingerprint.int(1)))) }
        var lastRun: (Date, [String], Int, Int)?
        let run = try database.query("SELECT started, paths, files, extracted FROM runs ORDER BY id DESC LIMIT 1")
        if try run.step() {
            lastRun = (Date(timeIntervalSince1970: run.double(0)), RunRecord.decode(paths: run.text(1)), Int(run.int(2)), Int(run.int(3)))
        }
        let pages = try database.integer("PRAGMA page_count") ?? 0
        let pageSize = try database.integer("PRAGMA page_size") ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return StoreInfo(
            name: path, schemaVersion: StoreSchema.version, bytes: Int(pages * pageSize) + wal,
            files: Int(try database.integer("SELECT count(*) FROM files") ?? 0),
            documents: Int(try database.integer("SELECT count(*) FROM documents") ?? 0),
            facts: Int(try database.integer("SELECT count(*) FROM facts") ?? 0),
            fingerprints: fingerprints, lastRun: lastRun)
    }

    public func verify() throws(StoreError) -> StoreInfo {
        let integrity = try database.query("PRAGMA integrity_check")
        if try integrity.step(), integrity.text(0) != "ok" { throw StoreError(.corrupt, detail: integrity.text(0), path: path) }
        let foreign = try database.query("PRAGMA foreign_key_check")
        if try foreign.step() {
            throw StoreError(.inconsistent, detail: "a row of '\(foreign.text(0))' refers to a missing row of '\(foreign.text(2))'", path: path)
        }
        let stray = try database.query("""
            SELECT 'facts', file, ordinal FROM facts f WHERE document >= (SELECT documents FROM files WHERE id = f.file)
            UNION ALL SELECT 'runs', id, position FROM files WHERE last_run NOT IN (SELECT id FROM runs) LIMIT 1
            """)
        if try stray.step() {
            throw StoreError(.inconsistent, detail: "row \(stray.int(2)) of file \(stray.int(1)) in '\(stray.text(0))' has no owner", path: path)
        }
        let miscounted = try database.query("""
            SELECT path FROM files f WHERE documents != (SELECT count(*) FROM documents WHERE file = f.id)
                OR facts != (SELECT count(*) FROM facts WHERE file = f.id) OR errors != (SELECT count(*) FROM errors WHERE file = f.id)
                OR suppressions != (SELECT count(*) FROM suppressions WHERE file = f.id) LIMIT 1
            """)
        if try miscounted.step() {
            throw StoreError(.inconsistent, detail: "'\(miscounted.text(0))' has other rows than its file row counts", path: path)
        }
        // Loading every file decodes every value.
        let reader = try SQLiteStoreReader(path: path, busyTimeout: busyTimeout)
        let ids = try database.query("SELECT id FROM files ORDER BY id")
        while try ids.step() { _ = try reader.load(ids.int(0), facts: true) }
        return try info()
    }

    public func collectGarbage(unusedSince cutoff: Date) throws(StoreError) -> Int {
        let dropped = try database.transaction { () throws(StoreError) -> Int in
            // What the latest run used stays, however old: it is what the next run most likely needs.
            try database.prepare("DELETE FROM files WHERE last_run IN (SELECT id FROM runs WHERE started < ? AND id != (SELECT max(id) FROM runs))")
                .run(.real(cutoff.timeIntervalSince1970))
            let dropped = database.changes
            try database.execute("""
                DELETE FROM runs WHERE id NOT IN (SELECT last_run FROM files) AND id != (SELECT max(id) FROM runs);
                DELETE FROM strings WHERE id NOT IN (SELECT rule FROM facts UNION SELECT key FROM facts UNION SELECT period FROM facts WHERE period IS NOT NULL);
                """)
            return dropped
        }
        try database.execute("VACUUM; PRAGMA wal_checkpoint(TRUNCATE)")
        return dropped
    }

    public func latestRunFacts(_ body: (StoredFile) throws -> Void) throws {
        let reader = try SQLiteStoreReader(path: path, busyTimeout: busyTimeout)
        let ids = try database.query("SELECT id FROM files WHERE last_run = (SELECT max(id) FROM runs) ORDER BY position")
        while try ids.step() { try body(reader.load(ids.int(0), facts: true)) }
    }

    public func facts(in partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [Fact] {
        try SQLiteStoreReader(path: path, busyTimeout: busyTimeout).facts(in: partitions, files: files)
    }

    public func values(of partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [FactPartition: PartitionValues] {
        try SQLiteStoreReader(path: path, busyTimeout: busyTimeout).values(of: partitions, files: files)
    }

    public func latestRunPaths() throws(StoreError) -> [String]? {
        let run = try database.query("SELECT paths FROM runs ORDER BY id DESC LIMIT 1")
        return try run.step() ? RunRecord.decode(paths: run.text(0)) : nil
    }

    /// Builds a new store in a temporary file beside `path` with `build`, then puts it in the
    /// old one's place; until then the old store is untouched. No connection to the old one may
    /// be open (its WAL files are removed).
    public static func rebuilding(path: String, busyTimeout: Double = 60, _ build: (SQLiteStore) throws(StoreError) -> Void) throws(StoreError) -> SQLiteStore {
        let temporary = path + ".rebuild-\(getpid())"
        let sidecars = ["", "-wal", "-shm"]
        for suffix in sidecars { unlink(temporary + suffix) }
        do {
            let fresh = try SQLiteStore(path: temporary, busyTimeout: busyTimeout)
            try build(fresh)
            try fresh.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }  // closed here: everything is in the main file
        for suffix in sidecars.dropFirst() { unlink(path + suffix) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            for suffix in sidecars { unlink(temporary + suffix) }
            throw StoreError(.readOnly, detail: "cannot replace it: \(reason)", path: path)
        }
        for suffix in sidecars.dropFirst() { unlink(temporary + suffix) }
        return try SQLiteStore(path: path, busyTimeout: busyTimeout)
    }
}

/// One worker's connection: loads stored files, each in one read transaction so that it sees
/// the file whole even while another run writes.
final class SQLiteStoreReader: FactStoreReader {
    private let database: SQLiteDatabase
    private let file, documents, facts, errors, suppressions, string: SQLiteStatement
    private var strings: [Int64: String] = [:]

    convenience init(path: String, busyTimeout: Double) throws(StoreError) {
        try self.init(database: SQLiteDatabase(path: path, create: false, busyTimeout: busyTimeout))
    }

    init(database: SQLiteDatabase) throws(StoreError) {
        self.database = database
        file = try database.prepare("SELECT path, documents, facts, errors, suppressions FROM files WHERE id = ?")
        documents = try database.prepare("SELECT id, line, title, date, url, facts FROM documents WHERE file = ? ORDER BY ordinal")
        facts = try database.prepare("SELECT f.document, \(Self.factColumns) FROM facts f WHERE f.file = ? ORDER BY f.ordinal")
        errors = try database.prepare("SELECT kind, path, line, column, rule, message, severity FROM errors WHERE file = ? ORDER BY ordinal")
        suppressions = try database.prepare("""
            SELECT document, rules, first_line, last_line, line, column, end_line, end_column, text
            FROM suppressions WHERE file = ? ORDER BY ordinal
            """)
        string = try database.prepare("SELECT text FROM strings WHERE id = ?")
    }

    func load(_ ids: [Int64], facts withFacts: Bool) throws(StoreError) -> [StoredFile] {
        try ids.map { (id) throws(StoreError) -> StoredFile in try load(id, facts: withFacts) }
    }

    func load(_ id: Int64, facts withFacts: Bool) throws(StoreError) -> StoredFile {
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        try file.bind([.integer(id)])
        guard try file.step() else {
            throw StoreError(.other, detail: "file \(id) was removed while this run read it (did 'store gc' run at the same time?)", path: database.path)
        }
        var stored = StoredFile(path: file.text(0))
        let counts = (documents: Int(file.int(1)), facts: Int(file.int(2)), errors: Int(file.int(3)), suppressions: Int(file.int(4)))
        do {
            // Most files have no errors and no suppressions: their file row says so.
            try readDocuments(id, into: &stored)
            if withFacts, counts.facts > 0 { try readFacts(id, into: &stored) }
            if counts.errors > 0 { try readErrors(id, into: &stored) }
            if counts.suppressions > 0 { try readSuppressions(id, into: &stored) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored value of '\(stored.path)' cannot be decoded", path: database.path)
        }
        guard (stored.documents.count, withFacts ? stored.facts.count : counts.facts, stored.errors.count, stored.suppressions.count) == counts else {
            throw StoreError(.inconsistent, detail: "'\(stored.path)' has other rows than its file row counts", path: database.path)
        }
        return stored
    }

    private func readDocuments(_ id: Int64, into stored: inout StoredFile) throws(StoreError) {
        try documents.bind([.integer(id)])
        while try documents.step() {
            stored.documents.append(DocumentRow(
                id: documents.text(0), line: Int(documents.int(1)), title: documents.optionalText(2), date: documents.optionalText(3),
                url: documents.optionalText(4), facts: Int(documents.int(5))).document(path: stored.path))
        }
    }

    private func readFacts(_ id: Int64, into stored: inout StoredFile) throws {
        try facts.bind([.integer(id)])
        while try facts.step() {
            let document = Int(facts.int(0))
            guard stored.documents.indices.contains(document) else { throw ByteReaderError() }
            stored.facts.append(try factRow(facts, from: 1).fact(path: stored.path, document: stored.documents[document].id))
        }
    }

    /// The fact row's columns from `first` on, in `factColumns` order.
    private func factRow(_ row: SQLiteStatement, from first: Int32) throws -> FactRow {
        func column(_ offset: Int32) -> Int32 { first + offset }
        return FactRow(
            rule: try string(row.int(column(0))), key: try string(row.int(column(1))), value: row.text(column(2)), type: row.text(column(3)),
            normalized: row.isNull(column(4)) ? nil : row.blob(column(4)), modality: row.optionalText(column(5)),
            period: row.isNull(column(6)) ? nil : try string(row.int(column(6))), asOf: row.optionalInt(column(7)), zone: row.text(column(8)),
            sentence: Int(row.int(column(9))), line: Int(row.int(column(10))), column: Int(row.int(column(11))),
            endLine: Int(row.int(column(12))), endColumn: Int(row.int(column(13))), text: row.text(column(14)),
            before: row.optionalText(column(15)), after: row.optionalText(column(16)), captures: row.blob(column(17)),
            unknownContext: row.optionalText(column(18)))
    }

    /// A fact row's columns, as `factRow(_:from:)` reads them.
    static let factColumns = """
        f.rule, f.key, f.value, f.type, f.normalized, f.modality, f.period, f.as_of, f.zone, f.sentence,
        f.line, f.column, f.end_line, f.end_column, f.text, f.before, f.after, f.captures, f.unknown_context
        """

    /// See `FactStore.facts(in:files:)`. Each partition is one indexed query over the fact rows
    /// alone; which rows are this run's, and their paths and document ids, come from `files`
    /// (joining them in SQL cost twice the query).
    func facts(in partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [Fact] {
        var found = RunFacts(files)
        // One read transaction: every partition sees the store as it was at its start.
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        let select = "SELECT f.file, f.ordinal, f.document, \(Self.factColumns) FROM facts f WHERE "
        let byGroup = try database.prepare(select + "f.key = (SELECT id FROM strings WHERE text = ?) AND f.modality IS ? "
                                           + "AND f.period IS (SELECT id FROM strings WHERE text = ?)")
        let byName = try database.prepare(select + "f.type = 'name' AND f.normalized = ?")
        let byDocument = try database.prepare(select + "f.file = ? AND f.document = ?")
        func collect(_ statement: SQLiteStatement) throws {
            while try statement.step() {
                try found.add(file: statement.int(0), ordinal: Int(statement.int(1)), document: Int(statement.int(2))) { try factRow(statement, from: 3) }
            }
        }
        do {
            for partition in partitions {
                switch partition {
                case .group(let key, let modality, let period):
                    try byGroup.bind([.text(key), .string(modality?.rawValue), .string(period)])
                    try collect(byGroup)
                case .name:
                    try byName.bind([.blob(partition.encodedName!)])
                    try collect(byName)
                case .document(let id):
                    for (file, ordinal) in found.documents(id) {
                        try byDocument.bind([.integer(file), .int(ordinal)])
                        try collect(byDocument)
                    }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored fact cannot be decoded", path: database.path)
        }
        return found.facts
    }

    /// See `FactStore.values(of:files:)`: one aggregate query a partition, through the same
    /// indexes as `facts(in:files:)`, over the run's files (a temporary table of their ids).
    func values(of partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [FactPartition: PartitionValues] {
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        try database.execute("CREATE TEMP TABLE IF NOT EXISTS run_files (id INTEGER PRIMARY KEY); DELETE FROM temp.run_files")
        let insert = try database.prepare("INSERT OR IGNORE INTO temp.run_files (id) VALUES (?)")
        for file in files { try insert.run(.integer(file.id)) }
        let select = "SELECT count(DISTINCT f.normalized), min(f.normalized) FROM facts f WHERE f.file IN temp.run_files AND "
        let byGroup = try database.prepare(select + "f.key = (SELECT id FROM strings WHERE text = ?) AND f.modality IS ? "
                                           + "AND f.period IS (SELECT id FROM strings WHERE text = ?)")
        let byName = try database.prepare(select + "f.type = 'name' AND f.normalized = ?")
        var values: [FactPartition: PartitionValues] = [:]
        do {
            for partition in partitions {
                let statement: SQLiteStatement
                switch partition {
                case .group(let key, let modality, let period):
                    statement = byGroup
                    try byGroup.bind([.text(key), .string(modality?.rawValue), .string(period)])
                case .name:
                    statement = byName
                    try byName.bind([.blob(partition.encodedName!)])
                case .document:
                    continue
                }
                guard try statement.step() else { throw ByteReaderError() }
                values[partition] = try PartitionValues(distinct: Int(statement.int(0)), least: statement.isNull(1) ? nil : statement.blob(1))
                while try statement.step() {}
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored fact's value cannot be decoded", path: database.path)
        }
        return values
    }

    private func readErrors(_ id: Int64, into stored: inout StoredFile) throws {
        try errors.bind([.integer(id)])
        while try errors.step() {
            stored.errors.append(try ErrorRow(
                kind: errors.text(0), path: errors.text(1), line: errors.optionalInt(2), column: errors.optionalInt(3), rule: errors.optionalText(4),
                message: errors.text(5), severity: errors.text(6)).error())
        }
    }

    private func readSuppressions(_ id: Int64, into stored: inout StoredFile) throws(StoreError) {
        try suppressions.bind([.integer(id)])
        while try suppressions.step() {
            stored.suppressions.append(SuppressionRow(
                document: suppressions.text(0), rules: suppressions.text(1), firstLine: Int(suppressions.int(2)), lastLine: Int(suppressions.int(3)),
                line: Int(suppressions.int(4)), column: Int(suppressions.int(5)), endLine: Int(suppressions.int(6)),
                endColumn: Int(suppressions.int(7)), text: suppressions.text(8)).suppression(path: stored.path))
        }
    }

    private func string(_ id: Int64) throws -> String {
        if let text = strings[id] { return text }
        try string.bind([.integer(id)])
        guard try string.step() else { throw ByteReaderError() }
        strings[id] = string.text(0)
        return string.text(0)
    }
}
