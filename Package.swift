// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "factcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "factcheck", targets: ["FactCheckCLI"]),
        .library(name: "FactCheck", targets: ["FactCheck"]),
    ],
    // The shared fact store on PostgreSQL (`--store postgres://…`) is built only with this trait:
    // `swift build --traits PostgreSQL`. postgres-nio and SwiftNIO take minutes to build, and a
    // newsroom that keeps its store in a local SQLite file never needs them.
    traits: [
        .trait(name: "PostgreSQL", description: "The fact store on a PostgreSQL server (postgres-nio): --store postgres://USER@HOST:PORT/DB"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // postgres-nio's own dependencies, which the PostgreSQL backend names too (the event
        // loops, TLS, the logger its API takes).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Writes the .docx files the tests read (the reader itself parses ZIP on its own:
        // docs/ARCHITECTURE.md, "Corpus").
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // PCRE2 from the system (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]
        ),
        // A small Swift wrapper: compile + JIT once, match on UTF-8 bytes from many threads.
        .target(name: "PCRE2", dependencies: ["CPCRE2"]),
        // The fact store's embedded database (Debian: libsqlite3-dev) and its content hash
        // (Debian: libxxhash-dev), both from the system like PCRE2.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]
        ),
        // CMS exports and Word documents: libxml2's HTML parser and XML reader (Debian:
        // libxml2-dev), and zlib's inflate for the ZIP entries of a .docx (Debian: zlib1g-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CInflate",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The engine: text, corpus, rules, extraction, checks, reports — one folder per stage.
        .target(
            name: "FactCheck",
            dependencies: ["PCRE2", "CSQLite", "CXXHash", "CLibXML2", "CInflate", .product(name: "Yams", package: "Yams")]
        ),
        // The fact store's second backend, on a PostgreSQL server. Without the PostgreSQL trait
        // it is empty (its code is under `#if PostgreSQL`) and none of its packages is built.
        .target(
            name: "FactCheckPostgres",
            dependencies: [
                "FactCheck", withPostgreSQL("PostgresNIO", in: "postgres-nio"), withPostgreSQL("NIOCore", in: "swift-nio"),
                withPostgreSQL("NIOPosix", in: "swift-nio"), withPostgreSQL("NIOSSL", in: "swift-nio-ssl"), withPostgreSQL("Logging", in: "swift-log"),
            ]
        ),
        // The command line: argument parsing and nothing else.
        .executableTarget(
            name: "FactCheckCLI",
            dependencies: [
                "FactCheck", "FactCheckPostgres", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
        // Depends on the CLI too, so that `swift test` builds the binary the CLI tests run.
        // The data the tests read by path (past fuzz crashers, the value corpus, our sentences) is not
        // compiled into the bundle.
        .testTarget(
            name: "FactCheckTests",
            dependencies: [
                "FactCheck", "FactCheckCLI", "FactCheckPostgres", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            exclude: ["FuzzRegressions", "ValueCorpus", "Sentences"]
        ),
    ]
)

/// A product the PostgreSQL backend needs, built only with the PostgreSQL trait.
func withPostgreSQL(_ name: String, in package: String) -> Target.Dependency {
    .product(name: name, package: package, condition: .when(traits: ["PostgreSQL"]))
}
