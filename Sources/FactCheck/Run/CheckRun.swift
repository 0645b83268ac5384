import Dispatch
import PCRE2

/// `factcheck check`: read and extract every file in parallel (phase 1), run the pack's checks
/// over all the facts (phase 2), narrow the findings (triage), and gather facts, findings and
/// every error into a report.
///
/// A worker reads one file, extracts its documents' facts and drops their text before taking
/// the next, so memory grows with the facts, not with the corpus.
public enum CheckRun {
    /// A report, every finding before the baseline and `--changed` narrowed them (what
    /// `--write-baseline` records), and where the time went.
    public struct Result: Sendable {
        public var report: Report
        public var allFindings: [Finding]
        public var timings: Timings
    }

    /// Seconds spent in each phase. Loading and extraction run on all workers at once, so
    /// theirs are summed over workers (CPU-like); checks run once.
    public struct Timings: Sendable {
        public var loading: Double = 0
        public var extraction: Double = 0
        public var checks: Double = 0
    }

    /// What one file gave: its documents' summaries, facts, errors and suppressions.
    private struct FileResult: Sendable {
        var documents: [ReportedDocument] = []
        var facts: [Fact] = []
        var errors: [ReportedError] = []
        var suppressions: [Suppression] = []
        var loading: Double = 0
        var extraction: Double = 0
    }

    public static func run(paths: [String], pack: RulePack, jobs: Int = defaultJobs) -> Report {
        run(paths: paths, pack: pack, jobs: jobs, triage: TriageOptions()).report
    }

    /// `progress` is called from worker threads with (files done, files in all); `reportFacts`
    /// puts every fact in the report (`--report-facts`).
    public static func run(
        paths: [String], pack: RulePack, jobs: Int = defaultJobs, triage options: TriageOptions,
        progress: (@Sendable (Int, Int) -> Void)? = nil, reportFacts: Bool = false
    ) -> Result {
        var listingErrors: [CorpusError] = []
        let files = paths.flatMap { CorpusLoader.files(at: $0, errors: &listingErrors) }
        let extractor = Extractor(pack: pack)
        let results = parallelMap(files, jobs: jobs, state: { Matcher() }, progress: progress) { path, matcher in
            process(path, extractor: extractor, matcher: matcher)
        }

        var timings = Timings()
        timings.loading = results.reduce(0) { $0 + $1.loading }
        timings.extraction = results.reduce(0) { $0 + $1.extraction }
        let facts = results.flatMap(\.facts)
        let documents = results.flatMap(\.documents)
        let suppressions = results.flatMap(\.suppressions)
        let errors = pack.errors.map(ReportedError.init) + listingErrors.map(ReportedError.init) + results.flatMap(\.errors)

        let start = DispatchTime.now()
        let changed = options.changed.map { paths in
            let normalized = Set(paths.map(TriageOptions.normalized))
            return Set(documents.filter { normalized.contains(TriageOptions.normalized($0.path)) }.map(\.id))
        }
        let index = FactIndex(facts, changed: changed)
        let scoped = ScopedSuppressions(suppressions)
        let outcomes = parallelMap(pack.checks, jobs: jobs, state: { () }) { check, _ in scoped.findings(of: check, in: index) }
        let checked = outcomes.flatMap(\.findings)
        let unsuppressed = TriageOptions().apply(to: checked, suppressions: suppressions, outcomes: outcomes).findings
        let (findings, triage) = options.apply(to: checked, suppressions: suppressions, outcomes: outcomes)
        timings.checks = seconds(since: start)

        let report = Report(
            summary: .init(documents: documents.count, rules: pack.rules.count, facts: facts.count, findings: findings.count, errors: errors.count),
            documents: documents, facts: reportFacts ? facts : nil, findings: findings, triage: triage, errors: errors)
        return Result(report: report, allFindings: unsuppressed, timings: timings)
    }

    /// Reads one file and extracts its documents; their text is gone when this returns.
    private static func process(_ path: String, extractor: Extractor, matcher: Matcher) -> FileResult {
        var result = FileResult()
        var start = DispatchTime.now()
        var corpus = Corpus()
        CorpusLoader.read(path, into: &corpus)
        result.loading = seconds(since: start)
        result.errors = corpus.errors.map(ReportedError.init)
        start = DispatchTime.now()
        for document in corpus.documents {
            let (facts, errors) = extractor.extract(document, matcher: matcher)
            result.facts += facts
            result.errors += errors.map(ReportedError.init)
            result.suppressions += document.suppressions
            result.documents.append(ReportedDocument(
                id: document.id, path: document.path, line: document.line, title: document.metadata.title,
                date: document.metadata.date, url: document.metadata.url, facts: facts.count))
        }
        result.extraction = seconds(since: start)
        return result
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
