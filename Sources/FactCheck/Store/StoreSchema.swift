/// The store's schema and its migrations, in one place. `PRAGMA user_version` holds the number
/// of migrations applied; opening a store applies the missing ones in one transaction, and a
/// store with more than this factcheck knows is refused (`StoreError.newerSchema`).
///
/// Facts are compact rows: the rule, key and period are ids into `strings` (a few hundred
/// distinct texts across a million facts), the document is its ordinal in its file, the value's
/// type, modality and zone are their short names, `as_of` is yyyymmdd, and the typed value and
/// the captures are `ValueCodec` bytes. The matched text and its context are stored once per
/// fact, so reports never reopen the articles.
enum StoreSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started REAL NOT NULL,
            fingerprint BLOB NOT NULL,
            paths TEXT NOT NULL,
            files INTEGER NOT NULL,
            extracted INTEGER NOT NULL
        );
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            path TEXT NOT NULL,
            hash BLOB NOT NULL,
            fingerprint BLOB NOT NULL,
            size INTEGER NOT NULL,
            mtime INTEGER,
            last_run INTEGER NOT NULL REFERENCES runs(id),
            position INTEGER NOT NULL,
            documents INTEGER NOT NULL,
            facts INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            suppressions INTEGER NOT NULL,
            UNIQUE (fingerprint, path, hash)
        );
        CREATE INDEX files_by_run ON files (last_run, position);
        CREATE TABLE documents (
            file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            id TEXT NOT NULL,
            line INTEGER NOT NULL,
            title TEXT,
            date TEXT,
            url TEXT,
            facts INTEGER NOT NULL,
            PRIMARY KEY (file, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE facts (
            file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            document INTEGER NOT NULL,
            rule INTEGER NOT NULL REFERENCES strings(id),
            key INTEGER NOT NULL REFERENCES strings(id),
            value TEXT NOT NULL,
            type TEXT NOT NULL,
            normalized BLOB,
            modality TEXT,
            period INTEGER REFERENCES strings(id),
            as_of INTEGER,
            zone TEXT NOT NULL,
            sentence INTEGER NOT NULL,
            line INTEGER NOT NULL,
            column INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            end_column INTEGER NOT NULL,
            text TEXT NOT NULL,
            before TEXT,
            after TEXT,
            captures BLOB NOT NULL,
            unknown_context TEXT,
            PRIMARY KEY (file, ordinal)
        ) WITHOUT ROWID;
        CREATE INDEX facts_by_key ON facts (key);
        CREATE TABLE errors (
            file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            kind TEXT NOT NULL,
            path TEXT NOT NULL,
            line INTEGER,
            column INTEGER,
            rule TEXT,
            message TEXT NOT NULL,
            PRIMARY KEY (file, ordinal)
        ) WITHOUT ROWID;
        CREATE TABLE suppressions (
            file INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            document TEXT NOT NULL,
            rules TEXT NOT NULL,
            first_line INTEGER NOT NULL,
            last_line INTEGER NOT NULL,
            line INTEGER NOT NULL,
            column INTEGER NOT NULL,
            end_line INTEGER NOT NULL,
            end_column INTEGER NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (file, ordinal)
        ) WITHOUT ROWID;
        """,
        // 2: what a --changed run asks for: the facts of the groups and names the changed
        // documents touch (`FactStore.facts(in:files:)`; a document's facts are a primary-key range).
        """
        DROP INDEX facts_by_key;
        CREATE INDEX facts_by_group ON facts (key, modality, period);
        CREATE INDEX facts_by_name ON facts (normalized) WHERE type = 'name';
        """,
        // 3: an input diagnostic may be a warning (a front matter `Date:`), which the report
        // lists apart and which changes no exit code; what was stored before is an error.
        """
        ALTER TABLE errors ADD COLUMN severity TEXT NOT NULL DEFAULT 'error';
        """,
    ]

    static var version: Int { migrations.count }

    /// Brings `database` to the current schema, or refuses one that is newer.
    static func migrate(_ database: SQLiteDatabase) throws(StoreError) {
        let found = Int(try database.integer("PRAGMA user_version") ?? 0)
        guard found <= version else {
            throw StoreError(.newerSchema(found: found, supported: version), detail: "", path: database.path)
        }
        guard found < version else { return }
        try database.transaction { () throws(StoreError) in
            // Another run may have migrated it while this one waited for the lock.
            let current = Int(try database.integer("PRAGMA user_version") ?? 0)
            for migration in migrations.dropFirst(current) { try database.execute(migration) }
            try database.execute("PRAGMA user_version = \(version)")
        }
    }
}
