import Synchronization

/// How a run's checks meet its facts, so that a run holds only the facts it must.
///
/// A check whose findings each stay in one document (`Check.crossesDocuments` false: sanity,
/// reference, context, consistency within a document) runs on each file's facts in the worker
/// that read the file, and those facts are dropped with the file. Only the facts a check
/// across documents reads (by key) are kept for phase 2. A file holds whole documents and
/// such a check's findings follow its facts' document order, so checking file by file gives
/// what checking the whole corpus at once gives (tested).
struct CheckPlan: Sendable {
    let checks: [any Check]
    /// Indexes into `checks` of those that run on each file, and of those that run on the corpus.
    let perFile: [Int]
    let acrossFiles: [Int]

    init(_ checks: [any Check]) {
        self.checks = checks
        perFile = checks.indices.filter { !checks[$0].crossesDocuments }
        acrossFiles = checks.indices.filter { checks[$0].crossesDocuments }
    }

    /// The per-file checks' outcomes on one file, in `perFile` order (none when it has no facts
    /// and no suppressions: nothing to find). `changed`: the file's documents when the run has
    /// `--changed` (empty when the file is not one of them), nil otherwise.
    func check(_ file: StoredFile, changed: Set<String>?) -> [ScopedSuppressions.Outcome] {
        guard !file.facts.isEmpty || !file.suppressions.isEmpty else { return [] }
        let index = FactIndex(file.facts, changed: changed)
        let scoped = ScopedSuppressions(file.suppressions)
        return perFile.map { scoped.findings(of: checks[$0], in: index) }
    }

    /// The facts of one file a check across documents reads: what phase 2 needs of it.
    func keptForCorpus(_ facts: [Fact]) -> [Fact] {
        facts.filter { fact in
            readAcrossFiles.value(fact.key) { key in acrossFiles.contains { checks[$0].settings.keys.contains { $0.matches(key) } } }
        }
    }

    /// Adds a file's facts to `summary`: for each check across documents, the partitions of
    /// the facts it reads, with their values — what phase 2 needs of the file when the facts
    /// can be loaded again from a store (`Check.mayFind`).
    func summarize(_ facts: [Fact], into summary: PartitionSummary) {
        let index = FactIndex(facts)
        let file = acrossFiles.map { position in
            let check = checks[position]
            return check.settings.read(index).reduce(into: [FactPartition: PartitionValues]()) { values, fact in
                values[check.partition(of: fact), default: .none].add(fact.normalized)
            }
        }
        summary.merge(file)
    }

    /// Of the partitions each check across documents reads (every file's, summarized), those
    /// that can give a finding: the only ones phase 2 loads.
    func candidates(_ summary: PartitionSummary) -> [Set<FactPartition>] {
        summary.withValues { partitions in
            zip(acrossFiles, partitions).map { check, values in
                Set(values.lazy.filter { checks[check].mayFind(in: $0.key, values: $0.value) }.map(\.key))
            }
        }
    }

    /// Whether a check across documents reads a key.
    private let readAcrossFiles = Memo<String, Bool>()

    /// Every check's outcome, in pack order: each per-file check's outcomes on every file (in
    /// corpus order, each file's suppression indexes offset to the run's list), and each
    /// corpus check's `across` outcome (in `acrossFiles` order).
    func merge(files: [(outcomes: [ScopedSuppressions.Outcome], suppressions: Int)], across: [ScopedSuppressions.Outcome]) -> [ScopedSuppressions.Outcome] {
        var merged = [ScopedSuppressions.Outcome](repeating: .init(), count: checks.count)
        for (position, check) in acrossFiles.enumerated() { merged[check] = across[position] }
        var offset = 0
        for file in files {
            for (position, outcome) in file.outcomes.enumerated() {
                let check = perFile[position]
                merged[check].findings += outcome.findings
                merged[check].suppressed += outcome.suppressed
                merged[check].used.formUnion(outcome.used.map { $0 + offset })
                merged[check].hidden += outcome.hidden
            }
            offset += file.suppressions
        }
        return merged
    }
}

/// Every file's partitions of the facts the checks across documents read, merged as the
/// workers add them (`CheckPlan.summarize`): per check (in `acrossFiles` order), each
/// partition's values.
final class PartitionSummary: Sendable {
    private let partitions: Mutex<[[FactPartition: PartitionValues]]>

    init(checks: Int) {
        partitions = Mutex(Array(repeating: [:], count: checks))
    }

    fileprivate func merge(_ file: [[FactPartition: PartitionValues]]) {
        partitions.withLock { partitions in
            for (check, values) in file.enumerated() {
                for (partition, value) in values { partitions[check][partition, default: .none].merge(value) }
            }
        }
    }

    fileprivate func withValues<T>(_ body: ([[FactPartition: PartitionValues]]) -> T) -> T {
        partitions.withLock { body($0) }
    }

    /// How many partitions, of all checks.
    var count: Int {
        partitions.withLock { $0.reduce(0) { $0 + $1.count } }
    }
}
