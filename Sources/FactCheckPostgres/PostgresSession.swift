#if PostgreSQL
import Dispatch
import FactCheck
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to the store's server, used from one thread at a time, synchronously: the
/// engine's store protocol is synchronous, and each worker has its own session. Every failure
/// becomes a `StoreError` naming the store by its URL without the password.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    private let connection: PostgresConnection
    private let logger = Logger(label: "factcheck.store", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Connects; `lockTimeout` is how long a statement waits for another run's lock
    /// (`--store-timeout`) before the store is reported locked.
    init(_ url: PostgresURL, lockTimeout: Double) throws(StoreError) {
        self.url = url
        let tls: PostgresConnection.Configuration.TLS
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if url.tls != .verifyFull { configuration.certificateVerification = .none }
            switch url.tls {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: configuration))
            case .require, .verifyFull: tls = .require(try NIOSSLContext(configuration: configuration))
            }
        } catch {
            throw StoreError(.other, detail: "TLS cannot be set up: \(error)", path: url.name)
        }
        var configuration = PostgresConnection.Configuration(
            host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .seconds(15)
        configuration.options.additionalStartupParameters = [
            ("application_name", "factcheck"),
            // Milliseconds; 0 waits for ever, as `--store-timeout 0` does not: it means "do not wait".
            ("lock_timeout", String(max(1, Int(lockTimeout * 1000)))),
        ]
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: 1, logger: logger
            ).wait()
        } catch {
            throw Self.storeError(error, store: url.name, connecting: true)
        }
    }

    deinit {
        guard !lost else {
            // Not waited for: a connection the server ended may never confirm it is closed. The
            // closure keeps it until it does.
            let connection = self.connection
            connection.close().whenComplete { _ in _ = connection }
            return
        }
        try? connection.close().wait()
    }

    /// Set when the connection is gone: nothing more is sent on it (a query sent on a connection
    /// the server has just ended may never be answered).
    private var lost = false

    /// The rows of `query`, all of them.
    @discardableResult
    func rows(_ query: PostgresQuery) throws(StoreError) -> [PostgresRow] {
        guard !lost, !connection.isClosed else {
            lost = true
            throw StoreError(.disconnected, detail: "the connection is closed", path: url.name)
        }
        do {
            return Array(try connection.query(query, logger: logger).wait().rows)
        } catch {
            throw failed(error)
        }
    }

    /// `error` as a store error, noting a lost connection.
    private func failed(_ error: any Error) -> StoreError {
        let failure = Self.storeError(error, store: url.name)
        if failure.reason == .disconnected || connection.isClosed { lost = true }
        return failure
    }

    /// Runs statements that take no parameters, one after the other.
    func execute(_ statements: String...) throws(StoreError) {
        for statement in statements { try rows(PostgresQuery(unsafeSQL: statement)) }
    }

    /// The single value of a query that gives one row of one column.
    func value<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws(StoreError) -> T {
        guard let row = try rows(query).first else { throw StoreError(.other, detail: "a query gave no row: \(query.sql)", path: url.name) }
        return try decode(row, as: type)
    }

    func decode<T: PostgresDecodable>(_ row: PostgresRow, _ column: Int = 0, as type: T.Type = T.self) throws(StoreError) -> T {
        do {
            return try row.makeRandomAccess()[column].decode(T.self)
        } catch {
            throw StoreError(.corrupt, detail: "a stored value cannot be read: \(error)", path: url.name)
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws (and
    /// by the server when the connection is lost).
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
        try execute("BEGIN")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            if !lost { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Sends `data`, rows in COPY's text format, into `table`'s `columns`.
    func copy(into table: String, columns: [String], _ data: ByteBuffer) throws(StoreError) {
        let box = Outcome()
        let done = DispatchSemaphore(value: 0)
        let connection = self.connection
        let logger = self.logger
        // On the connection's event loop, not Swift's shared pool: a caller that blocks a thread
        // of that pool (a test does) could otherwise wait for a task that never gets one.
        Task(executorPreference: EventLoopExecutor(connection.eventLoop)) {
            do {
                try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger) { writer in
                    try await writer.write(data)
                }
                box.error = nil
            } catch {
                box.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = box.error { throw failed(error) }
    }

    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    /// Runs a task's jobs on an event loop.
    private final class EventLoopExecutor: TaskExecutor, @unchecked Sendable {
        let eventLoop: any EventLoop

        init(_ eventLoop: any EventLoop) {
            self.eventLoop = eventLoop
        }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
        }
    }

    /// What went wrong, as the engine reports store failures: by SQLSTATE for what the server
    /// said, by the connection's state for the rest.
    static func storeError(_ error: any Error, store: String, connecting: Bool = false) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? PSQLError else {
            return StoreError(connecting ? .unreachable : .disconnected, detail: "\(error)", path: store)
        }
        if let info = error.serverInfo, let state = info[.sqlState] {
            let message = info[.message] ?? state
            let reason: StoreError.Reason = switch state {
            case "28P01", "28000", "42501": .denied  // wrong password, no such user or no access, no privilege
            case "55P03", "40P01": .locked  // lock_timeout; a deadlock (the other run goes on)
            case "57014": .timeout  // statement_timeout, or cancelled
            case "53100": .disk  // disk full
            case "57P01", "57P02", "57P03": .disconnected  // the server shuts down, or is starting
            case "XX001", "XX002": .corrupt  // damaged data or index
            case "3D000": .unreachable  // no such database
            default: .other
            }
            return StoreError(reason, detail: "\(message) [SQLSTATE \(state)]", path: store)
        }
        let underlying = error.underlying.map { "\($0)" }
        switch error.code {
        case .connectionError:
            return StoreError(.unreachable, detail: underlying ?? "connection failed", path: store)
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return StoreError(connecting ? .unreachable : .disconnected, detail: underlying ?? "the server closed the connection", path: store)
        case .sslUnsupported:
            return StoreError(.unreachable, detail: "the server does not offer TLS, which the URL's sslmode requires", path: store)
        case .authMechanismRequiresPassword:
            return StoreError(.denied, detail: "the server asks for a password; give it in the URL or PGPASSWORD", path: store)
        case .unsupportedAuthMechanism:
            return StoreError(.denied, detail: "the server asks for an authentication method factcheck cannot do (use scram-sha-256 or md5)", path: store)
        default:
            return StoreError(.other, detail: "\(error.code)\(underlying.map { ": \($0)" } ?? "")", path: store)
        }
    }
}
#endif
