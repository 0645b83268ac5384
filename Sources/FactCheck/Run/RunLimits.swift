import Synchronization

/// Caps on what one `check` run may hold: facts (extracted, or taken from the store) and
/// findings (what the checks found, before the baseline and `--changed` narrow them). The
/// other limits bound one rule on one document; these bound the run, so that a flood — a rule
/// that matches almost anything across an archive, a dump of millions of tiny records — ends
/// in an error naming the cap, before the memory and the reports it would take.
///
/// The defaults let a newsroom's whole archive through: the benchmark's articles give 19 facts
/// and 1.7 findings each (1.9 million facts and 170,000 findings at 100,000 articles), so a
/// million articles give some 19 million facts and 1.7 million findings. Past the defaults a
/// run is either mistaken or larger than any archive, and its owner says so (`--max-facts`,
/// `--max-findings`); a smaller machine sets lower caps (a fact the checks across articles
/// read holds ~1.5 KiB, docs/PERFORMANCE.md).
public struct RunLimits: Sendable, Equatable {
    /// 50 million facts: 2.6 times a million-article archive's.
    public static let defaultMaxFacts = 50_000_000
    /// 5 million findings: 3 times a million-article archive's.
    public static let defaultMaxFindings = 5_000_000
    /// What either cap may be set to: a trillion is past any machine's memory.
    public static let range = 1...1_000_000_000_000

    public var maxFacts: Int
    public var maxFindings: Int

    public init(maxFacts: Int = defaultMaxFacts, maxFindings: Int = defaultMaxFindings) {
        self.maxFacts = maxFacts
        self.maxFindings = maxFindings
    }

    /// No cap: for `store rebuild` (the paths of a run that passed its own caps, whatever they
    /// were) and for runs without a store called from code.
    public static let unlimited = RunLimits(maxFacts: .max, maxFindings: .max)
}

/// A run's counts against its `RunLimits`, kept by the workers of phase 1 as they go: facts a
/// document at a time as they are extracted (a file's at once when it comes from the store),
/// and the findings of the checks that run on each file. Once a count passes its cap the
/// workers read no more files and extraction stops after the current document, so a flood
/// stops at about the cap rather than after the whole corpus.
final class RunBudget: Sendable {
    let limits: RunLimits
    private let facts = Atomic<Int>(0)
    private let findings = Atomic<Int>(0)
    private let files = Atomic<Int>(0)

    init(_ limits: RunLimits) {
        self.limits = limits
    }

    /// Counts `count` more facts; false when the run now holds more than it may.
    func add(facts count: Int) -> Bool {
        facts.add(count, ordering: .relaxed).newValue <= limits.maxFacts
    }

    func add(findings count: Int) {
        findings.add(count, ordering: .relaxed)
    }

    /// Counts a file read (extracted, or taken from the store).
    func addFile() {
        files.add(1, ordering: .relaxed)
    }

    /// Whether a count passed its cap: the run is stopping.
    var isSpent: Bool {
        facts.load(ordering: .relaxed) > limits.maxFacts || findings.load(ordering: .relaxed) > limits.maxFindings
    }

    /// After phase 1 (all workers done): throws when a count passed its cap.
    func check(files total: Int) throws(RunError) {
        let facts = facts.load(ordering: .relaxed)
        if facts > limits.maxFacts {
            throw .tooManyFacts(cap: limits.maxFacts, reached: facts, read: files.load(ordering: .relaxed), files: total)
        }
        try check(findings: findings.load(ordering: .relaxed))
    }

    /// Throws when `count` findings are more than the run may hold.
    func check(findings count: Int) throws(RunError) {
        if count > limits.maxFindings { throw .tooManyFindings(cap: limits.maxFindings, reached: count) }
    }
}
