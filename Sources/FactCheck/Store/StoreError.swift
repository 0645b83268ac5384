import CSQLite
import Foundation

/// Why the fact store could not be used. Every case names the store and says what to do; a
/// run that meets one stops with exit 2 before any report is replaced.
public struct StoreError: Error, LocalizedError, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// Not a database, or damaged (a truncated or overwritten file).
        case corrupt
        /// Another run held the store's lock past the busy timeout.
        case locked
        /// The file or its directory cannot be written.
        case readOnly
        /// Writing failed: the disk is full or failing.
        case disk
        /// Written by a newer factcheck, with a schema this one does not know.
        case newerSchema(found: Int, supported: Int)
        /// `store verify` found rows that contradict each other.
        case inconsistent
        /// A store server cannot be reached: not running, or the wrong host or port.
        case unreachable
        /// A store server refused the user: a wrong password, or no right to the database.
        case denied
        /// The connection to a store server was lost during the run.
        case disconnected
        /// A store server cancelled a statement: its `statement_timeout`, or an administrator.
        case timeout
        case other
    }

    public var reason: Reason
    /// What the database said, or what verification found.
    public var detail: String
    public var path: String

    public init(_ reason: Reason, detail: String, path: String) {
        self.reason = reason
        self.detail = detail
        self.path = path
    }

    init(code: Int32, message: String, path: String) {
        let reason: Reason = switch code & 0xFF {
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
        case SQLITE_BUSY, SQLITE_LOCKED: .locked
        case SQLITE_READONLY: .readOnly
        case SQLITE_FULL, SQLITE_IOERR: .disk
        case SQLITE_CANTOPEN where FileManager.default.fileExists(atPath: path) && !FileManager.default.isWritableFile(atPath: path): .readOnly
        default: .other
        }
        self.init(reason, detail: message, path: path)
    }

    public var errorDescription: String? {
        let advice: String = switch reason {
        case .corrupt:
            "the fact store is damaged or not a factcheck store (\(detail)); delete it (it is a cache: the next run rebuilds it) or choose another with --store"
        case .locked:
            "the fact store is locked by another factcheck run (\(detail)); wait for it to finish, or use another store with --store"
        case .readOnly:
            "the fact store cannot be written (\(detail)); make the file and its directory writable, or choose another with --store (--no-store runs without one)"
        case .disk:
            "the fact store cannot be written to disk (\(detail)): is the disk full? This run's changes to it were rolled back; "
                + "free some space, or choose another store with --store"
        case .newerSchema(let found, let supported):
            "the fact store was written by a newer factcheck (schema \(found); this one knows up to \(supported)); upgrade factcheck, or use another store with --store"
        case .inconsistent:
            "the fact store is inconsistent: \(detail); run 'factcheck store rebuild' to rebuild it"
        case .unreachable:
            "cannot connect to the fact store's server (\(detail)); is it running, and are the host and port right? (--no-store runs without a store)"
        case .denied:
            "the fact store's server refused the connection (\(detail)); check the user and password (in the URL, or PGPASSWORD) "
                + "and the user's rights on the database"
        case .disconnected:
            "the connection to the fact store's server was lost (\(detail)); the server rolled back this run's changes to the store; run again"
        case .timeout:
            "the fact store's server cancelled a statement (\(detail)): its statement_timeout is shorter than this run needs, or an "
                + "administrator cancelled it; this run's changes to the store were rolled back"
        case .other:
            "the fact store failed: \(detail)"
        }
        return "\(path): error: \(advice)"
    }
}
