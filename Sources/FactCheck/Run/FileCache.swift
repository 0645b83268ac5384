import Dispatch
import Foundation
import PCRE2

/// How a run takes each file from the store or extracts it: a file whose size and mtime match
/// a stored version is taken without reading it; otherwise its bytes are hashed, and a stored
/// version with that hash is taken; otherwise it is extracted, and stored when the run ends.
///
/// The size/mtime shortcut is only on top of the hash: in CI, where a checkout gives every
/// file a new mtime, every file is hashed, and that is still far cheaper than extracting it.
final class FileCache: @unchecked Sendable {
    // `store` is asked for readers and to stage what workers extract (both safe from any
    // thread), and records the run from the run's own thread, after the workers are done.
    let store: any FactStore
    let fingerprint: ContentHash
    let known: KnownFiles
    let runStarted: Date

    init(store: any FactStore, fingerprint: ContentHash, known: KnownFiles, runStarted: Date) {
        self.store = store
        self.fingerprint = fingerprint
        self.known = known
        self.runStarted = runStarted
    }

    /// Stores what the run extracted and marks what it used, in one transaction; returns the
    /// files' ids.
    func record(_ uses: [StoredFileUse], paths: [String]) throws(StoreError) -> [Int64] {
        let extracted = uses.filter(\.isExtracted).count
        return try store.record(RunRecord(started: runStarted, fingerprint: fingerprint, paths: paths, files: uses.count, extracted: extracted),
                                files: uses)
    }

    /// The stamp to keep: none for a file modified just before the run started, which could be
    /// modified again within the same mtime tick without its mtime changing.
    func trusted(_ stamp: FileStamp?) -> FileStamp? {
        guard var stamp, let mtime = stamp.mtime else { return stamp }
        if mtime >= Int64(runStarted.timeIntervalSince1970 * 1e9) - FileStamp.trustAfter { stamp.mtime = nil }
        return stamp
    }

    /// One worker thread's matcher and store reader.
    final class Worker {
        let matcher = Matcher()
        let cache: FileCache?
        private var opened: (any FactStoreReader)?

        init(_ cache: FileCache?) {
            self.cache = cache
        }

        private func reader(_ cache: FileCache) throws(StoreError) -> any FactStoreReader {
            if let opened { return opened }
            let reader = try cache.store.makeReader()
            opened = reader
            return reader
        }

        /// The files of one chunk, in order: each taken from the store or extracted. The chunk's
        /// stored files are loaded at once, after the others are extracted: one request to the
        /// store a chunk. `facts` says which stored files are needed with their facts (a
        /// `--changed` run reads only the partitions the changed documents touch, through the
        /// store). A file's facts are counted in `budget` (its documents' counts, loaded or
        /// not). `then` finishes each file as soon as it is read (the checks on it, which count
        /// its findings in `budget`), so that the next file sees the budget it left. Past a cap
        /// the run is stopping, and the files left are not read.
        func process(
            _ paths: ArraySlice<String>, extractor: Extractor, facts: (String) -> Bool, budget: RunBudget,
            then finish: (CheckRun.FileResult) -> CheckRun.FileResult
        ) -> [Swift.Result<CheckRun.FileResult, StoreError>] {
            var results = [Swift.Result<CheckRun.FileResult, StoreError>?](repeating: nil, count: paths.count)
            var stored: [(index: Int, entry: KnownFiles.Entry, stamp: FileStamp?, loading: Double)] = []
            for (index, path) in zip(0..., paths) {
                guard !budget.isSpent else {
                    results[index] = .success(finish(.init(file: StoredFile(path: path), use: nil)))
                    continue
                }
                let start = DispatchTime.now()
                let stamp = cache.flatMap { _ in FileStamp.of(path) }
                budget.addFile()
                if let cache, let stamp, let entry = cache.known.unchanged(path, stamp: stamp) {
                    stored.append((index, entry, stamp, CheckRun.seconds(since: start)))
                    continue
                }
                var errors: [CorpusError] = []
                guard let bytes = CorpusLoader.contents(of: path, errors: &errors) else {
                    var file = StoredFile(path: path)
                    file.errors = errors.map(ReportedError.init)
                    results[index] = .success(finish(.init(file: file, use: nil, loading: CheckRun.seconds(since: start))))
                    continue
                }
                let hash = cache.map { _ in ContentHash(of: bytes) }
                if let cache, let hash, let entry = cache.known.entry(path, hash: hash) {
                    stored.append((index, entry, stamp, CheckRun.seconds(since: start)))
                    continue
                }
                results[index] = Swift.Result { () throws(StoreError) in
                    try extract(bytes, path: path, hash: hash, stamp: stamp, errors: errors, extractor: extractor, budget: budget,
                                loading: CheckRun.seconds(since: start))
                }.map(finish)
            }
            if let cache, !stored.isEmpty {
                let start = DispatchTime.now()
                do throws(StoreError) {
                    let reader = try reader(cache)
                    for withFacts in [true, false] {
                        let group = stored.filter { facts(paths[paths.startIndex + $0.index]) == withFacts }
                        for (item, file) in zip(group, try reader.load(group.map(\.entry.id), facts: withFacts)) {
                            _ = budget.add(facts: file.documents.reduce(0) { $0 + $1.facts })
                            results[item.index] = .success(.init(file: file, use: .reused(id: item.entry.id, stamp: cache.trusted(item.stamp)),
                                                                 loading: item.loading))
                        }
                    }
                    // The chunk's load, shared out among the files it loaded.
                    let share = CheckRun.seconds(since: start) / Double(stored.count)
                    for item in stored {
                        results[item.index] = results[item.index]!.map { var result = $0; result.loading += share; return finish(result) }
                    }
                } catch {
                    for item in stored where results[item.index] == nil { results[item.index] = .failure(error) }
                }
            }
            return results.map { $0! }
        }

        /// Extracts a file's documents, and stages them for the store.
        private func extract(
            _ bytes: [UInt8], path: String, hash: ContentHash?, stamp: FileStamp?, errors: [CorpusError], extractor: Extractor, budget: RunBudget,
            loading: Double
        ) throws(StoreError) -> CheckRun.FileResult {
            let extractionStart = DispatchTime.now()
            let file = CheckRun.extract(bytes, path: path, errors: errors, extractor: extractor, matcher: matcher, budget: budget)
            var result = CheckRun.FileResult(file: file, use: nil, loading: loading, extraction: CheckRun.seconds(since: extractionStart))
            // A file cut short by a cap is not staged: the run is stopping, and records nothing.
            if let cache, let hash, !budget.isSpent {
                let staging = DispatchTime.now()
                result.use = .extracted(staged: try cache.store.stage(file, hash: hash), hash: hash, stamp: cache.trusted(stamp))
                result.storing = CheckRun.seconds(since: staging)
            }
            return result
        }
    }
}
