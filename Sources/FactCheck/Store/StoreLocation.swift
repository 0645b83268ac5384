import Foundation

/// Where a fact store is, as `--store` or `FACTCHECK_STORE` gives it: a path to an SQLite file,
/// or a `postgres://` URL (`PostgresURL`).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresURL)

    public init(_ text: String) throws(StoreError) {
        if PostgresURL.isPostgres(text) {
            self = .postgres(try PostgresURL(parsing: text))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// How messages name the store `text` gives, even one that cannot be parsed: never with a password.
    public static func name(of text: String) -> String {
        (try? StoreLocation(text).name) ?? PostgresURL.redacted(text)
    }

    /// How messages name it: the path, or the URL without its password.
    public var name: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let url): url.name
        }
    }
}

/// A database on a PostgreSQL server: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`, with
/// the optional parameters `schema` (the schema the store's tables are in, `factcheck` by
/// default: several stores can share a database) and `sslmode` (as libpq's: `disable`,
/// `prefer` by default, `require`, `verify-full`). The password may come from `PGPASSWORD`
/// instead, and the user from `PGUSER`; it is never printed: messages use `name`.
public struct PostgresURL: Sendable, Equatable {
    public enum TLS: String, Sendable, CaseIterable {
        case disable, prefer, require
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var schema: String
    public var tls: TLS

    public static let defaultSchema = "factcheck"
    static let parameters = ["schema", "sslmode"]

    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(parsing text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) {
        let shown = Self.redacted(text)
        func invalid(_ why: String) -> StoreError {
            StoreError(.other, detail: "\(why); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME]", path: shown)
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw invalid("not a PostgreSQL URL, or no host in it")
        }
        guard let user = components.user.flatMap({ $0.isEmpty ? nil : $0 }) ?? environment["PGUSER"] else {
            throw invalid("no user in the URL (nor in PGUSER)")
        }
        self.user = user
        password = components.password ?? environment["PGPASSWORD"]
        self.host = host
        port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw invalid("port \(port) is out of range") }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.isEmpty ? user : path
        guard !database.contains("/") else { throw invalid("'\(database)' is not a database name") }
        schema = Self.defaultSchema
        tls = .prefer
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "schema":
                guard Self.isIdentifier(value) else {
                    throw invalid("schema '\(value)' must be 1 to 48 lowercase letters, digits and underscores, not starting with a digit")
                }
                schema = value
            case "sslmode":
                guard let mode = TLS(rawValue: value) else {
                    throw invalid("sslmode '\(value)' is not one of \(TLS.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            default:
                throw invalid("unknown parameter '\(item.name)' (known: \(Self.parameters.joined(separator: ", ")))")
            }
        }
    }

    /// The URL as messages show it: without the password.
    public var name: String {
        let query = schema == Self.defaultSchema ? "" : "?schema=\(schema)"
        return "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)\(query)"
    }

    /// A schema name that needs no quoting and leaves room for a suffix (`store rebuild` builds
    /// the new store in `<schema>_rebuild`).
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, (1...48).contains(text.utf8.count), !(0x30...0x39).contains(first) else { return false }
        return text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }

    /// `text` without the password of its user information, for a URL that cannot be parsed.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return text }
        let userInfo = authority[..<at]
        let user = userInfo.prefix { $0 != ":" }
        return String(text[..<scheme.upperBound]) + user + text[at...]
    }
}
