#if PostgreSQL
import FactCheck
import NIOCore
import PostgresNIO

/// One worker's session to the store: loads stored files many at a time, in one snapshot and
/// at most four queries whatever their number (the files with their documents, then the facts,
/// errors and suppressions of those whose row counts any), so that a run over a large archive
/// does not pay a round trip per file. A file's rows are written in one transaction and never
/// changed, only removed by `store gc`, which the counts on its row detect: a file read while
/// it is removed is an error, never half a file.
final class PostgresStoreReader: FactStoreReader {
    private let session: PostgresSession
    private var schema: String { session.url.schema }

    init(_ session: PostgresSession) {
        self.session = session
    }

    private struct Loading {
        var file: StoredFile
        var counts: (documents: Int, facts: Int, errors: Int, suppressions: Int)
    }

    func load(_ ids: [Int64], facts withFacts: Bool) throws(StoreError) -> [StoredFile] {
        guard !ids.isEmpty else { return [] }
        try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? session.execute("COMMIT") }
        var loading: [Int64: Loading] = [:]
        var current: Int64 = 0
        do {
            for row in try session.rows("""
                SELECT f.id, f.path, f.documents, f.facts, f.errors, f.suppressions, d.id, d.line, d.title, d.date, d.url, d.facts
                FROM \(unescaped: schema).files f LEFT JOIN \(unescaped: schema).documents d ON d.file = f.id
                WHERE f.id = ANY(\(ids)) ORDER BY f.id, d.ordinal
                """) {
                let cells = row.makeRandomAccess()
                let id = try cells[0].decode(Int64.self)
                if loading[id] == nil {
                    func int(_ column: Int) throws -> Int { Int(try cells[column].decode(Int32.self)) }
                    loading[id] = Loading(file: StoredFile(path: try cells[1].decode(String.self)),
                                          counts: (try int(2), try int(3), try int(4), try int(5)))
                }
                guard let document = try cells[6].decode(String?.self) else { continue }
                loading[id]!.file.documents.append(DocumentRow(
                    id: document, line: Int(try cells[7].decode(Int32.self)), title: try cells[8].decode(String?.self),
                    date: try cells[9].decode(String?.self), url: try cells[10].decode(String?.self), facts: Int(try cells[11].decode(Int32.self))
                ).document(path: loading[id]!.file.path))
            }
            if let missing = ids.first(where: { loading[$0] == nil }) {
                throw StoreError(.other, detail: "file \(missing) was removed while this run read it (did 'store gc' run at the same time?)",
                                 path: session.url.name)
            }
            func holding(_ count: (Loading) -> Int) -> [Int64] { loading.filter { count($0.value) > 0 }.keys.sorted() }
            let withFactRows = withFacts ? holding { $0.counts.facts } : []
            if !withFactRows.isEmpty {
                for row in try session.rows("""
                    SELECT f.file, f.document, \(unescaped: Self.factColumns) FROM \(unescaped: schema).facts f
                    WHERE f.file = ANY(\(withFactRows)) ORDER BY f.file, f.ordinal
                    """) {
                    let cells = row.makeRandomAccess()
                    current = try cells[0].decode(Int64.self)
                    let document = Int(try cells[1].decode(Int32.self))
                    guard let file = loading[current]?.file, file.documents.indices.contains(document) else { throw ByteReaderError() }
                    loading[current]!.file.facts.append(try Self.factRow(cells, from: 2).fact(path: file.path, document: file.documents[document].id))
                }
            }
            let withErrors = holding { $0.counts.errors }
            if !withErrors.isEmpty {
                for row in try session.rows("""
                    SELECT file, kind, path, line, "column", rule, message, severity FROM \(unescaped: schema).errors
                    WHERE file = ANY(\(withErrors)) ORDER BY file, ordinal
                    """) {
                    let cells = row.makeRandomAccess()
                    current = try cells[0].decode(Int64.self)
                    loading[current]?.file.errors.append(try ErrorRow(
                        kind: try cells[1].decode(String.self), path: try cells[2].decode(String.self), line: try cells[3].decode(Int32?.self).map(Int.init),
                        column: try cells[4].decode(Int32?.self).map(Int.init), rule: try cells[5].decode(String?.self),
                        message: try cells[6].decode(String.self), severity: try cells[7].decode(String.self)).error())
                }
            }
            let withSuppressions = holding { $0.counts.suppressions }
            if !withSuppressions.isEmpty {
                for row in try session.rows("""
                    SELECT file, document, rules, first_line, last_line, line, "column", end_line, end_column, text
                    FROM \(unescaped: schema).suppressions WHERE file = ANY(\(withSuppressions)) ORDER BY file, ordinal
                    """) {
                    let cells = row.makeRandomAccess()
                    func int(_ column: Int) throws -> Int { Int(try cells[column].decode(Int32.self)) }
                    current = try cells[0].decode(Int64.self)
                    guard let path = loading[current]?.file.path else { continue }
                    loading[current]!.file.suppressions.append(SuppressionRow(
                        document: try cells[1].decode(String.self), rules: try cells[2].decode(String.self), firstLine: try int(3),
                        lastLine: try int(4), line: try int(5), column: try int(6), endLine: try int(7), endColumn: try int(8),
                        text: try cells[9].decode(String.self)).suppression(path: path))
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored value of '\(loading[current]?.file.path ?? "file \(current)")' cannot be decoded",
                             path: session.url.name)
        }
        for (_, entry) in loading {
            let file = entry.file
            guard (file.documents.count, withFacts ? file.facts.count : entry.counts.facts, file.errors.count, file.suppressions.count) == entry.counts else {
                throw StoreError(.inconsistent, detail: "'\(file.path)' has other rows than its file row counts", path: session.url.name)
            }
        }
        return ids.map { loading[$0]!.file }
    }

    /// A fact row's columns, as `factRow(_:from:)` reads them.
    static let factColumns = """
        f.rule, f.key, f.value, f.type, f.normalized, f.modality, f.period, f.as_of, f.zone, f.sentence,
        f.line, f."column", f.end_line, f.end_column, f.text, f.before, f.after, f.captures, f.unknown_context
        """

    /// The fact row's columns from `first` on, in `factColumns` order ('' is no modality, no period).
    static func factRow(_ cells: PostgresRandomAccessRow, from first: Int) throws -> FactRow {
        func text(_ offset: Int) throws -> String { try cells[first + offset].decode(String.self) }
        func optionalText(_ offset: Int) throws -> String? { try cells[first + offset].decode(String?.self) }
        func int(_ offset: Int) throws -> Int { Int(try cells[first + offset].decode(Int32.self)) }
        func bytes(_ offset: Int) throws -> [UInt8]? { try cells[first + offset].decode(ByteBuffer?.self).map { Array($0.readableBytesView) } }
        let modality = try text(5), period = try text(6)
        return FactRow(
            rule: try text(0), key: try text(1), value: try text(2), type: try text(3), normalized: try bytes(4),
            modality: modality.isEmpty ? nil : modality, period: period.isEmpty ? nil : period,
            asOf: try cells[first + 7].decode(Int32?.self).map(Int.init), zone: try text(8), sentence: try int(9), line: try int(10),
            column: try int(11), endLine: try int(12), endColumn: try int(13), text: try text(14), before: try optionalText(15),
            after: try optionalText(16), captures: try bytes(17) ?? [], unknownContext: try optionalText(18))
    }

    /// The group and name partitions of a set, as the columns of the queries that find them.
    private struct PartitionColumns {
        var keys: [String] = [], modalities: [String] = [], periods: [String] = [], names: [ByteBuffer] = []
        /// The group partitions, in the order of their columns; the name partitions by their encoded value.
        var groups: [FactPartition] = []
        var nameByValue: [[UInt8]: FactPartition] = [:]

        init(_ partitions: Set<FactPartition>) {
            for partition in partitions {
                switch partition {
                case .group(let key, let modality, let period):
                    groups.append(partition)
                    keys.append(key)
                    modalities.append(modality?.rawValue ?? "")
                    periods.append(period ?? "")
                case .name:
                    let value = partition.encodedName!
                    nameByValue[value] = partition
                    names.append(ByteBuffer(bytes: value))
                case .document:
                    break
                }
            }
        }

        /// `select` joined to the groups' list (through the group index; `g.position` is one's
        /// place in `groups`, from 1), for the run's files `ids`.
        func groups(_ select: String, files ids: [Int64]) -> PostgresQuery {
            """
            \(unescaped: select) JOIN unnest(\(keys)::text[], \(modalities)::text[], \(periods)::text[]) WITH ORDINALITY
            AS g(key, modality, period, position)
            ON f.key = g.key AND f.modality = g.modality AND f.period = g.period WHERE f.file = ANY(\(ids))
            """
        }

        /// `select` of the names' facts (through the name index), for the run's files `ids`.
        func names(_ select: String, files ids: [Int64]) -> PostgresQuery {
            "\(unescaped: select) WHERE f.type = 'name' AND f.normalized = ANY(\(names)) AND f.file = ANY(\(ids))"
        }
    }

    /// See `FactStore.facts(in:files:)`: three queries in one snapshot — the groups (joined to
    /// their list, through the group index), the names (through the name index) and the
    /// documents (by primary key) — each restricted on the server to the run's files.
    func facts(in partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [Fact] {
        var found = RunFacts(files)
        let columns = PartitionColumns(partitions)
        var documentFiles: [Int64] = [], documentOrdinals: [Int32] = []
        for case .document(let id) in partitions {
            for (file, ordinal) in found.documents(id) {
                documentFiles.append(file)
                documentOrdinals.append(Int32(ordinal))
            }
        }
        let ids = found.fileIDs
        let select = "SELECT f.file, f.ordinal, f.document, \(Self.factColumns) FROM \(schema).facts f"
        var queries: [PostgresQuery] = []
        if !columns.keys.isEmpty { queries.append(columns.groups(select, files: ids)) }
        if !columns.names.isEmpty { queries.append(columns.names(select, files: ids)) }
        if !documentFiles.isEmpty {
            queries.append("""
                \(unescaped: select) JOIN unnest(\(documentFiles)::bigint[], \(documentOrdinals)::integer[]) AS d(file, ordinal)
                ON f.file = d.file AND f.document = d.ordinal
                """)
        }
        guard !queries.isEmpty else { return [] }
        try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? session.execute("COMMIT") }
        do {
            for query in queries {
                for row in try session.rows(query) {
                    let cells = row.makeRandomAccess()
                    try found.add(file: try cells[0].decode(Int64.self), ordinal: Int(try cells[1].decode(Int32.self)),
                                  document: Int(try cells[2].decode(Int32.self))) { try Self.factRow(cells, from: 3) }
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored fact cannot be decoded", path: session.url.name)
        }
        return found.facts
    }

    /// See `FactStore.values(of:files:)`: two aggregate queries in one snapshot, through the
    /// same indexes as `facts(in:files:)`; a row a partition, never a fact.
    func values(of partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [FactPartition: PartitionValues] {
        let columns = PartitionColumns(partitions)
        let ids = files.map(\.id)
        var values: [FactPartition: PartitionValues] = [:]
        try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        defer { try? session.execute("COMMIT") }
        do {
            if !columns.keys.isEmpty {
                // Each group's distinct values, then their number and one of them.
                var query = columns.groups("SELECT DISTINCT g.position, f.normalized FROM \(schema).facts f", files: ids)
                query.sql = """
                    SELECT position, count(normalized), (array_agg(normalized) FILTER (WHERE normalized IS NOT NULL))[1]
                    FROM (\(query.sql)) AS d GROUP BY position
                    """
                for row in try session.rows(query) {
                    let cells = row.makeRandomAccess()
                    values[columns.groups[Int(try cells[0].decode(Int64.self)) - 1]] = try PartitionValues(
                        distinct: Int(try cells[1].decode(Int64.self)), least: try cells[2].decode(ByteBuffer?.self).map { Array($0.readableBytesView) })
                }
            }
            if !columns.names.isEmpty {
                // A name partition's facts all have its value: whether the run has any is all there is to count.
                for row in try session.rows(columns.names("SELECT DISTINCT f.normalized FROM \(schema).facts f", files: ids)) {
                    let value = Array(try row.decode(ByteBuffer.self).readableBytesView)
                    guard let partition = columns.nameByValue[value] else { throw ByteReaderError() }
                    values[partition] = try PartitionValues(distinct: 1, least: value)
                }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.corrupt, detail: "a stored fact's value cannot be decoded", path: session.url.name)
        }
        return values
    }
}
#endif
