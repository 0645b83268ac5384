import CSQLite

/// A thin layer over SQLite's C API, just what the store needs: open with a busy timeout,
/// run statements, prepared statements with typed binds and columns, and every failure as a
/// `StoreError` naming the database file.
///
/// Why not an ORM (GRDB): the store writes and reads a million rows per run through a handful of
/// fixed statements, so what matters is binding and stepping without overhead; the schema and
/// its migrations are a page of SQL (`StoreSchema`). The wrapper is the same shape as the PCRE2
/// one: a system library and a small Swift type that owns the C handle.
///
/// A connection is used by one thread at a time; workers open their own.
final class SQLiteDatabase {
    let path: String
    private let handle: OpaquePointer

    /// How long a statement waits for another process's lock before it fails as `locked`.
    static let defaultBusyTimeout = 60.0

    /// Opens (with `create`, creates) the database at `path`.
    init(path: String, create: Bool, busyTimeout: Double = defaultBusyTimeout) throws(StoreError) {
        self.path = path
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw StoreError(code: code, message: message, path: path)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, Int32(min(busyTimeout * 1000, Double(Int32.max))))
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else { throw error(code, message.map { String(cString: $0) }) }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code) }
        return SQLiteStatement(statement, database: self)
    }

    /// `sql` prepared with `values` bound, ready to step through its rows.
    func query(_ sql: String, _ values: SQLiteValue...) throws(StoreError) -> SQLiteStatement {
        let statement = try prepare(sql)
        try statement.bind(values)
        return statement
    }

    /// The first column of the first row of `sql`, as an integer (nil when there is no row).
    func integer(_ sql: String) throws(StoreError) -> Int64? {
        let statement = try query(sql)
        return try statement.step() ? statement.int(0) : nil
    }

    /// Runs `body` in one transaction: all of its writes land, or (on a throw or a killed
    /// process) none do. `IMMEDIATE` takes the write lock first, so two runs writing at once
    /// queue on the busy timeout instead of failing half-way with a deadlock.
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Rows the last INSERT, UPDATE or DELETE changed.
    var changes: Int { Int(sqlite3_changes(handle)) }

    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    func error(_ code: Int32, _ message: String? = nil) -> StoreError {
        StoreError(code: code, message: message ?? String(cString: sqlite3_errmsg(handle)), path: path)
    }
}

/// A value to bind to a statement's `?`.
enum SQLiteValue {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    static func int(_ value: Int?) -> SQLiteValue { value.map { .integer(Int64($0)) } ?? .null }
    static func string(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }
}

/// A prepared statement, kept and re-run with new values.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let database: SQLiteDatabase

    fileprivate init(_ statement: OpaquePointer, database: SQLiteDatabase) {
        self.statement = statement
        self.database = database
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// Resets the statement and binds `values` to its parameters in order.
    func bind(_ values: [SQLiteValue]) throws(StoreError) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32 = switch value {
            case .integer(let number): sqlite3_bind_int64(statement, index, number)
            case .real(let number): sqlite3_bind_double(statement, index, number)
            case .text(let text): sqlite3_bind_text(statement, index, text, -1, unsafeBitCast(factcheck_sqlite_transient(), to: sqlite3_destructor_type.self))
            case .blob(let bytes):
                bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count),
                                      unsafeBitCast(factcheck_sqlite_transient(), to: sqlite3_destructor_type.self))
                }
            case .null: sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else { throw database.error(code) }
        }
    }

    /// Advances to the next row: true when there is one, false when the statement is done.
    func step() throws(StoreError) -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code: throw database.error(code)
        }
    }

    /// Binds `values` and runs the statement to its end.
    func run(_ values: SQLiteValue...) throws(StoreError) {
        try bind(values)
        while try step() {}
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
    func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
    func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : Int(int(column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}
