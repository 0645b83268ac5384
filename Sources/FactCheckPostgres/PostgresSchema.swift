#if PostgreSQL
import FactCheck
import PostgresNIO

/// The store's tables in their own schema on the server (`PostgresURL.schema`, so that several
/// stores can share a database), and their migrations.
///
/// The tables are those of the SQLite store (docs/ARCHITECTURE.md, "The fact store"), with two
/// differences: the rule, key and period are plain text (the server compresses repeated text
/// well enough, and a lookup needs no join), and a fact without a modality or a period has ''
/// there, never NULL, so that the group index answers `modality = $2 AND period = $3` for every
/// partition. `store_meta` marks the schema as a factcheck store and holds the number of
/// migrations applied.
enum PostgresSchema {
    static let migrations: [String] = [
        """
        CREATE TABLE {schema}.runs (
            id bigserial PRIMARY KEY,
            started double precision NOT NULL,
            fingerprint bytea NOT NULL,
            paths text NOT NULL,
            files integer NOT NULL,
            extracted integer NOT NULL
        );
        CREATE TABLE {schema}.files (
            id bigserial PRIMARY KEY,
            path text NOT NULL,
            hash bytea NOT NULL,
            fingerprint bytea NOT NULL,
            size bigint NOT NULL,
            mtime bigint,
            last_run bigint NOT NULL REFERENCES {schema}.runs(id),
            position integer NOT NULL,
            documents integer NOT NULL,
            facts integer NOT NULL,
            errors integer NOT NULL,
            suppressions integer NOT NULL,
            UNIQUE (fingerprint, path, hash)
        );
        CREATE INDEX files_by_run ON {schema}.files (last_run, position);
        CREATE TABLE {schema}.documents (
            file bigint NOT NULL REFERENCES {schema}.files(id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            id text NOT NULL,
            line integer NOT NULL,
            title text,
            date text,
            url text,
            facts integer NOT NULL,
            PRIMARY KEY (file, ordinal)
        );
        CREATE TABLE {schema}.facts (
            file bigint NOT NULL REFERENCES {schema}.files(id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            document integer NOT NULL,
            rule text NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            type text NOT NULL,
            normalized bytea,
            modality text NOT NULL,
            period text NOT NULL,
            as_of integer,
            zone text NOT NULL,
            sentence integer NOT NULL,
            line integer NOT NULL,
            "column" integer NOT NULL,
            end_line integer NOT NULL,
            end_column integer NOT NULL,
            text text NOT NULL,
            before text,
            after text,
            captures bytea NOT NULL,
            unknown_context text,
            PRIMARY KEY (file, ordinal)
        );
        CREATE INDEX facts_by_group ON {schema}.facts (key, modality, period);
        CREATE INDEX facts_by_name ON {schema}.facts (normalized) WHERE type = 'name';
        CREATE TABLE {schema}.errors (
            file bigint NOT NULL REFERENCES {schema}.files(id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            kind text NOT NULL,
            path text NOT NULL,
            line integer,
            "column" integer,
            rule text,
            message text NOT NULL,
            severity text NOT NULL,
            PRIMARY KEY (file, ordinal)
        );
        CREATE TABLE {schema}.suppressions (
            file bigint NOT NULL REFERENCES {schema}.files(id) ON DELETE CASCADE,
            ordinal integer NOT NULL,
            document text NOT NULL,
            rules text NOT NULL,
            first_line integer NOT NULL,
            last_line integer NOT NULL,
            line integer NOT NULL,
            "column" integer NOT NULL,
            end_line integer NOT NULL,
            end_column integer NOT NULL,
            text text NOT NULL,
            PRIMARY KEY (file, ordinal)
        )
        """,
    ]

    static var version: Int { migrations.count }

    /// Creates the schema or brings it up to date, or refuses it (a newer factcheck's, or
    /// another program's). Runners that start at once take turns on an advisory lock: the
    /// first migrates, the others find it done.
    static func migrate(_ session: PostgresSession) throws(StoreError) {
        let schema = session.url.schema
        let lock = "factcheck:schema:\(schema)"
        try session.rows("SELECT pg_advisory_lock(hashtext(\(lock)))")
        defer { _ = try? session.rows("SELECT pg_advisory_unlock(hashtext(\(lock)))") }
        let tables: Int64 = try session.value("SELECT count(*) FROM pg_tables WHERE schemaname = \(schema)")
        let marked: Int64 = try session.value(
            "SELECT count(*) FROM pg_tables WHERE schemaname = \(schema) AND tablename = 'store_meta'")
        var found = 0
        if marked == 1 {
            let row = try session.rows("SELECT application, version FROM \(unescaped: schema).store_meta").first
            guard let row, try session.decode(row, 0, as: String.self) == "factcheck" else {
                throw StoreError(.corrupt, detail: "schema '\(schema)' holds another program's tables", path: session.url.name)
            }
            found = Int(try session.decode(row, 1, as: Int32.self))
        } else if tables > 0 {
            throw StoreError(.corrupt, detail: "schema '\(schema)' holds another program's tables; choose another with ?schema=NAME",
                             path: session.url.name)
        }
        guard found <= version else {
            throw StoreError(.newerSchema(found: found, supported: version), detail: "", path: session.url.name)
        }
        guard found < version else { return }
        try session.transaction { () throws(StoreError) in
            let exists: Int64 = try session.value("SELECT count(*) FROM pg_namespace WHERE nspname = \(schema)")
            if exists == 0 { try session.execute("CREATE SCHEMA \(schema)") }
            if found == 0 {
                try session.execute("CREATE TABLE \(schema).store_meta (application text NOT NULL, version integer NOT NULL)",
                                    "INSERT INTO \(schema).store_meta VALUES ('factcheck', 0)")
            }
            for migration in migrations.dropFirst(found) {
                for statement in migration.split(separator: ";\n") {
                    try session.execute(statement.replacingOccurrences(of: "{schema}", with: schema))
                }
            }
            try session.rows("UPDATE \(unescaped: schema).store_meta SET version = \(Int32(version))")
        }
    }
}
#endif
