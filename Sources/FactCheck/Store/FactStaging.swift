import Synchronization

/// Where a run's extracted files wait for `FactStore.record` (`FactStore.stage`), for every
/// backend: a private temporary SQLite database with the store's schema, on disk and never
/// named (SQLite unlinks it as it opens it, so even a killed run leaves nothing), written
/// without a journal and opened at the first file staged. Workers write to it one at a time;
/// the recording thread reads it back one file at a time.
package final class FactStaging: Sendable {
    private final class Area {
        let database: SQLiteDatabase
        var writer: SQLiteStore.RunWriter
        let reader: SQLiteStoreReader

        init() throws(StoreError) {
            database = try SQLiteDatabase(path: "", create: true)
            try database.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
            try StoreSchema.migrate(database)
            // Only the primary keys are read back.
            try database.execute("DROP INDEX facts_by_group; DROP INDEX facts_by_name; DROP INDEX files_by_run")
            try database.execute("INSERT INTO runs (id, started, fingerprint, paths, files, extracted) VALUES (1, 0, x'', '', 0, 0)")
            writer = try SQLiteStore.RunWriter(database: database, run: 1, fingerprint: ContentHash(bytes: []))
            reader = try SQLiteStoreReader(database: database)
        }
    }

    private let area = Mutex<Area?>(nil)

    package init() {}

    /// Keeps `file` until the run is recorded; returns its number for `load`.
    package func stage(_ file: StoredFile, hash: ContentHash) throws(StoreError) -> Int64 {
        try area.withLock { (area: inout Area?) throws(StoreError) -> Int64 in
            if area == nil { area = try Area() }
            let opened = area!
            return try opened.database.transaction { () throws(StoreError) -> Int64 in
                try opened.writer.insert(file, hash: hash, position: 0, stamp: nil)
            }
        }
    }

    /// The file staged as `id`, with its facts; `store` names the store in errors.
    package func load(_ id: Int64, store: String) throws(StoreError) -> StoredFile {
        try area.withLock { (area: inout Area?) throws(StoreError) -> StoredFile in
            guard let area else { throw StoreError(.other, detail: "a staged file is gone before the run was recorded", path: store) }
            return try area.reader.load(id, facts: true)
        }
    }

    /// Deletes what was staged (the run is recorded, or gave up).
    package func discard() {
        area.withLock { $0 = nil }
    }
}
