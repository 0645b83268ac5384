import Foundation

/// Phase 1's results kept between runs (DESIGN §4): a cache of extraction keyed by content.
///
/// The contract every backend keeps:
/// - **Keyed by content.** A file's facts are stored under its path, the XXH3-128 hash of its
///   bytes and the extraction fingerprint (`ExtractionFingerprint`); they are reused only
///   when all three match, so a stored file's facts are always what extracting it again would
///   give. The store is not a corpus: a run's corpus is exactly the paths on its command line,
///   and files other runs stored are never mixed in.
/// - **All or nothing.** A run's writes land in one transaction (`record`): a run killed at
///   any moment leaves the store as it was before it, or fully updated.
/// - **Runs share it.** Two runs at once both finish with correct reports; a writer waits for
///   the other's transaction (up to the busy timeout, then `StoreError.locked`).
/// - **Exact.** What `load` gives back is what was recorded, to the byte in every report.
///
/// `SQLiteStore` is the embedded backend; `PostgresStore` (the `PostgreSQL` trait) the shared one.
public protocol FactStore: AnyObject {
    /// How the store is named in messages: a path, or a URL without its password.
    var name: String { get }

    /// The files stored under `fingerprint`, by path, with their hash, size and mtime.
    func knownFiles(fingerprint: ContentHash) throws(StoreError) -> KnownFiles

    /// A reader for one worker thread: each worker loads the files it takes through its own.
    func makeReader() throws(StoreError) -> any FactStoreReader

    /// Keeps a file this run extracted until `record` stores it, and returns its number there
    /// (`StoredFileUse.extracted`): written as it is extracted, outside the store (which the run
    /// must not change before `record`), so that a run never holds in memory the facts it
    /// extracted. Called from worker threads.
    func stage(_ file: StoredFile, hash: ContentHash) throws(StoreError) -> Int64

    /// Records a run in one transaction: stores the files it extracted (staged), and marks every
    /// file of its corpus (stored or new) as used by it, in corpus order. Returns each file's id.
    func record(_ run: RunRecord, files: [StoredFileUse]) throws(StoreError) -> [Int64]

    /// The facts of `files` (a run's, in corpus order) in any of `partitions`, in corpus order:
    /// what a `--changed` run checks, found through the store's indexes without reading the rest.
    func facts(in partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [Fact]

    /// The values of the group and name partitions of `partitions` over the facts of the run's
    /// `files` (`PartitionValues`), counted by the store without sending the facts: a
    /// `--changed` run loads only the partitions that can give a finding. Two encodings of one
    /// value count as several values, which is never wrong, only slower. Document partitions
    /// are not counted (they are one article's facts).
    func values(of partitions: Set<FactPartition>, files: [RunFile]) throws(StoreError) -> [FactPartition: PartitionValues]

    /// What `store info` shows.
    func info() throws(StoreError) -> StoreInfo

    /// Every row checked against the others; a contradiction is a `StoreError.inconsistent`.
    func verify() throws(StoreError) -> StoreInfo

    /// Drops the files no run has used since `cutoff`, and their facts (never those of the
    /// latest run); returns how many.
    func collectGarbage(unusedSince cutoff: Date) throws(StoreError) -> Int

    /// The facts of the files the latest run used, in its corpus order, each file's at once.
    func latestRunFacts(_ body: (StoredFile) throws -> Void) throws

    /// The paths the latest run was given, for `store rebuild`; nil before any run.
    func latestRunPaths() throws(StoreError) -> [String]?
}

/// A worker's handle: loads stored files, with their facts or (`facts: false`) without.
public protocol FactStoreReader {
    /// The stored files `ids`, in that order, each whole as it was recorded: a worker asks for
    /// those of a chunk of its files at once, so that a store on a server is asked once a chunk,
    /// not once a file.
    func load(_ ids: [Int64], facts: Bool) throws(StoreError) -> [StoredFile]
}

/// What a store knows under one fingerprint: for each path, its stored versions.
public struct KnownFiles: Sendable {
    public struct Entry: Sendable {
        public var id: Int64
        public var hash: ContentHash
        public var size: Int
        /// Nanoseconds since 1970; nil when the file was too new to trust its mtime (`FileStamp`).
        public var mtime: Int64?

        package init(id: Int64, hash: ContentHash, size: Int, mtime: Int64?) {
            (self.id, self.hash, self.size, self.mtime) = (id, hash, size, mtime)
        }
    }

    public var byPath: [String: [Entry]] = [:]

    public init() {}

    /// The stored version whose size and mtime match: unchanged without reading it (a shortcut
    /// taken only when the stored mtime was old enough to be trusted).
    func unchanged(_ path: String, stamp: FileStamp) -> Entry? {
        guard let mtime = stamp.mtime else { return nil }
        return byPath[path]?.first { $0.mtime == mtime && $0.size == stamp.size }
    }

    func entry(_ path: String, hash: ContentHash) -> Entry? {
        byPath[path]?.first { $0.hash == hash }
    }
}

/// A file's size and modification time, as stat gives them.
public struct FileStamp: Sendable, Equatable {
    public var size: Int
    /// Nanoseconds since 1970; nil when it is not to be trusted (`FileCache.trusted`).
    public var mtime: Int64?

    /// A file modified less than this long before a run started may be modified again within the
    /// same mtime tick after the run read it ("racily clean", as git says): its mtime is not
    /// kept, so the next run hashes it.
    static let trustAfter: Int64 = 2_000_000_000

    static func of(_ path: String) -> FileStamp? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return FileStamp(size: Int(status.st_size), mtime: Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec))
    }
}

/// What one file gave extraction: the unit the store keeps and `check` reports.
public struct StoredFile: Sendable {
    public var path: String
    public var documents: [ReportedDocument] = []
    /// Empty when loaded without them (each document still counts its own).
    public var facts: [Fact] = []
    public var errors: [ReportedError] = []
    public var suppressions: [Suppression] = []

    public init(path: String) {
        self.path = path
    }
}

/// A file of a run's corpus as the store knows it, with what its fact rows refer to by number:
/// its path and its documents' ids.
public struct RunFile: Sendable {
    public var id: Int64
    public var path: String
    public var documents: [String]
}

/// How a run used one file of its corpus.
public enum StoredFileUse: Sendable {
    /// Already stored (reused as it was).
    case reused(id: Int64, stamp: FileStamp?)
    /// Extracted by this run and staged (`FactStore.stage`): to store.
    case extracted(staged: Int64, hash: ContentHash, stamp: FileStamp?)

    var isExtracted: Bool {
        if case .extracted = self { true } else { false }
    }
}

/// One `check` run, as the store remembers it.
public struct RunRecord: Sendable {
    public var started: Date
    public var fingerprint: ContentHash
    /// The paths on the command line.
    public var paths: [String]
    public var files: Int
    public var extracted: Int

    /// The paths as every backend keeps them, in one text column: one a line (a path holds no
    /// newline that a command line would pass on).
    package static func encode(paths: [String]) -> String { paths.joined(separator: "\n") }
    package static func decode(paths: String) -> [String] { paths.split(separator: "\n").map(String.init) }
}

/// What `store info` shows.
public struct StoreInfo: Sendable {
    public var name: String
    public var schemaVersion: Int
    public var bytes: Int
    public var files: Int
    public var documents: Int
    public var facts: Int
    /// Files stored per extraction fingerprint.
    public var fingerprints: [(fingerprint: ContentHash, files: Int)]
    public var lastRun: (started: Date, paths: [String], files: Int, extracted: Int)?

    package init(name: String, schemaVersion: Int, bytes: Int, files: Int, documents: Int, facts: Int,
                 fingerprints: [(fingerprint: ContentHash, files: Int)], lastRun: (started: Date, paths: [String], files: Int, extracted: Int)?) {
        (self.name, self.schemaVersion, self.bytes, self.files, self.documents, self.facts) = (name, schemaVersion, bytes, files, documents, facts)
        (self.fingerprints, self.lastRun) = (fingerprints, lastRun)
    }
}
