import Dispatch
import Foundation
import PCRE2

/// `factcheck check`: read and extract every file in parallel (phase 1), run the pack's checks
/// (phase 2), narrow the findings (triage), and gather facts, findings and every error into a
/// report.
///
/// A worker reads one file, extracts its documents' facts and drops their text, runs the
/// checks that look at one document at a time on them (`CheckPlan`), and keeps only the facts
/// the checks across documents read before taking the next: memory grows with those facts,
/// not with the corpus. With a fact store, a file the store holds (same content, same
/// extraction fingerprint) is not extracted again: its facts come from the store, and what the
/// run extracted is stored when it ends. Then a worker keeps not even those facts, only which
/// partitions they fall in and whether those hold one value or several; phase 2 loads from the
/// store the facts of the partitions that can give a finding (`Check.mayFind`): memory grows
/// with the archive's conflicts.
public enum CheckRun {
    /// A report, every finding before the baseline and `--changed` narrowed them (what
    /// `--write-baseline` records), and where the time went.
    public struct Result: Sendable {
        public var report: Report
        public var allFindings: [Finding]
        public var timings: Timings
        /// The files under each directory given that are not articles (`SkippedFiles`).
        public var skipped: [SkippedFiles] = []
    }

    /// Seconds spent in each phase. Loading, extraction and the per-document checks run on all
    /// workers at once, so theirs are summed over workers (CPU-like); checks across documents
    /// run once, after them, and add their wall time.
    public struct Timings: Sendable {
        public var loading: Double = 0
        public var extraction: Double = 0
        public var checks: Double = 0
        /// Writing what the run extracted to the store: staging it (summed over workers) and
        /// recording the run.
        public var store: Double = 0
        /// Of the files read, how many came from the store and how many were extracted.
        public var stored = 0
        public var extracted = 0
        /// With a store, of the partitions the checks across documents read (`FactPartition`) —
        /// in a `--changed` run, of those the changed documents touch — how many could give a
        /// finding, and how many facts of them were loaded to check them.
        public var partitions: (candidates: Int, of: Int, facts: Int)?
    }

    public static func run(paths: [String], pack: RulePack, jobs: Int = defaultJobs) -> Report {
        run(paths: paths, pack: pack, jobs: jobs, triage: TriageOptions()).report
    }

    /// A run without a store. `progress` is called from worker threads with (files done, files
    /// in all); `reportFacts` puts every fact in the report (`--report-facts`); `followLinks`
    /// reads what symbolic links under a directory point to, inside it or not (`--follow-links`).
    public static func run(
        paths: [String], pack: RulePack, jobs: Int = defaultJobs, triage options: TriageOptions,
        progress: (@Sendable (Int, Int) -> Void)? = nil, reportFacts: Bool = false, followLinks: Bool = false, allowEmpty: Bool = false
    ) -> Result {
        // Without a store or caps only the input can fail, and the report holds that.
        try! run(paths: paths, pack: pack, jobs: jobs, triage: options, store: nil, progress: progress, reportFacts: reportFacts,
                 followLinks: followLinks, limits: .unlimited, allowEmpty: allowEmpty)
    }

    /// The report is the same, byte for byte, with a `store` as without one. A run whose paths
    /// hold no article has an error saying so (`CorpusError.noArticles`), unless `allowEmpty`
    /// (`--allow-empty`): a gate that checks nothing must not pass unnoticed. A run that passes
    /// one of its `limits` stops as soon as it knows (during phase 1 for facts and for the
    /// findings of the checks on each file) and throws, with no report.
    public static func run(
        paths: [String], pack: RulePack, jobs: Int = defaultJobs, triage options: TriageOptions, store: (any FactStore)?,
        progress: (@Sendable (Int, Int) -> Void)? = nil, reportFacts: Bool = false, followLinks: Bool = false,
        limits: RunLimits = RunLimits(), allowEmpty: Bool = false
    ) throws(RunError) -> Result {
        let started = Date()
        var listingErrors: [CorpusError] = []
        var skipped: [SkippedFiles] = []
        let files = paths.flatMap { CorpusLoader.files(at: $0, followLinks: followLinks, errors: &listingErrors, skipped: &skipped) }
        let extractor = Extractor(pack: pack)
        var cache: FileCache?
        if let store {
            let fingerprint = ExtractionFingerprint.of(pack)
            let known = try RunError.storing { () throws(StoreError) in try store.knownFiles(fingerprint: fingerprint) }
            cache = FileCache(store: store, fingerprint: fingerprint, known: known, runStarted: started)
        }
        // A --changed run with a store reads only the changed files' facts now, and later those
        // of the partitions they touch (`checkedFacts`).
        let narrow = options.checksOnlyChanged && !reportFacts
        let changedPaths = Set((options.changed ?? []).map(TriageOptions.normalized))
        let plan = CheckPlan(pack.checks)
        // What phase 2 needs of each file: every fact (for the report); the facts the checks
        // across documents read; or, when the store can give those again, only a summary of
        // their partitions — then phase 2 loads the facts of the partitions that can conflict.
        let keep: Kept = reportFacts ? .everyFact : store != nil && !narrow ? .partitions : .factsAcross
        let summary = PartitionSummary(checks: plan.acrossFiles.count)
        let budget = RunBudget(limits)
        let isChanged = { @Sendable (path: String) in changedPaths.contains(TriageOptions.normalized(path)) }
        let outcomes = parallelMap(files, jobs: jobs, state: { [cache] in FileCache.Worker(cache) }, progress: progress) { paths, worker in
            worker.process(paths, extractor: extractor, facts: { !narrow || isChanged($0) }, budget: budget) { result in
                var result = result
                // Per-document checks see the file's facts now; phase 2 needs only what the
                // checks across documents read (or every fact, for the report).
                let checking = DispatchTime.now()
                let changed = options.changed.map { _ in isChanged(result.file.path) ? Set(result.file.documents.map(\.id)) : [] }
                result.checked = plan.check(result.file, changed: changed)
                result.checks = seconds(since: checking)
                budget.add(findings: result.checked.reduce(0) { $0 + $1.findings.count })
                switch keep {
                case .everyFact: break
                case .factsAcross: result.file.facts = plan.keptForCorpus(result.file.facts)
                case .partitions:
                    plan.summarize(result.file.facts, into: summary)
                    result.file.facts = []
                }
                return result
            }
        }
        try budget.check(files: files.count)
        var results: [FileResult] = []
        results.reserveCapacity(outcomes.count)
        for outcome in outcomes { results.append(try RunError.storing { () throws(StoreError) in try outcome.get() }) }
        var timings = Timings()
        let recording = DispatchTime.now()
        // The files the store took part in (an unreadable file has nothing to keep), and how.
        let stored = results.filter { $0.use != nil }
        let uses = stored.compactMap(\.use)
        let runFiles = try RunError.storing { () throws(StoreError) in try cache?.record(uses, paths: paths) }?.enumerated().map { index, id in
            RunFile(id: id, path: stored[index].file.path, documents: stored[index].file.documents.map(\.id))
        }
        timings.store = seconds(since: recording) + results.reduce(0) { $0 + $1.storing }

        timings.loading = results.reduce(0) { $0 + $1.loading }
        timings.extraction = results.reduce(0) { $0 + $1.extraction }
        timings.checks = results.reduce(0) { $0 + $1.checks }
        timings.extracted = uses.filter(\.isExtracted).count
        timings.stored = uses.count - timings.extracted
        let facts = results.flatMap(\.file.facts)
        let documents = results.flatMap(\.file.documents)
        let suppressions = results.flatMap(\.file.suppressions)
        let inputErrors = listingErrors.map(ReportedError.init) + results.flatMap(\.file.errors)
        var errors = pack.errors.map(ReportedError.init) + inputErrors
            + CorpusLoader.duplicateIDs(documents.map { ($0.id, $0.path, $0.line) }).map(ReportedError.init)
        // A path that is missing or a file that could not be read already says why nothing was
        // checked, and fails the run; the error is for a corpus that is silently empty.
        if documents.isEmpty, !allowEmpty, !inputErrors.contains(where: { $0.severity == .error }) {
            errors.append(ReportedError(CorpusError.noArticles(paths: paths, files: files.count, skipped: skipped.reduce(0) { $0 + $1.count })))
        }

        let start = DispatchTime.now()
        let changed = options.changed.map { _ in
            Set(documents.filter { changedPaths.contains(TriageOptions.normalized($0.path)) }.map(\.id))
        }
        let acrossFiles = plan.acrossFiles.map { pack.checks[$0] }
        let indexes = try RunError.storing { () throws(StoreError) in
            // The partitions to check: those that can give a finding, of all (summarized in
            // phase 1) or of those the changed documents touch; none to choose from when every
            // fact was kept.
            var partitions: (chosen: [Set<FactPartition>], of: Int)?
            if keep == .partitions {
                partitions = (plan.candidates(summary), summary.count)
            } else if narrow, let changed {
                partitions = try touchedPartitions(facts.filter { changed.contains($0.document) }, checks: acrossFiles, store: store, files: runFiles)
            }
            let indexes = try checkedFacts(facts, checks: acrossFiles, changed: changed, partitions: partitions?.chosen, store: store, files: runFiles)
            if let partitions, store != nil {
                timings.partitions = (partitions.chosen.reduce(0) { $0 + $1.count }, partitions.of, indexes.reduce(0) { $0 + $1.facts.count })
            }
            return indexes
        }
        let scoped = ScopedSuppressions(suppressions)
        let across = parallelMap(Array(plan.acrossFiles.indices), jobs: jobs, state: { () }) { position, _ in
            scoped.findings(of: pack.checks[plan.acrossFiles[position]], in: indexes[position])
        }
        let checkOutcomes = plan.merge(files: results.map { ($0.checked, $0.file.suppressions.count) }, across: across)
        let checked = checkOutcomes.flatMap(\.findings)
        try budget.check(findings: checked.count)
        let unsuppressed = TriageOptions().apply(to: checked, suppressions: suppressions, outcomes: checkOutcomes).findings
        let (findings, triage) = options.apply(to: checked, suppressions: suppressions, outcomes: checkOutcomes)
        timings.checks += seconds(since: start)

        let report = Report(
            summary: .init(documents: documents.count, rules: pack.rules.count, facts: documents.reduce(0) { $0 + $1.facts },
                           findings: findings.count, errors: errors.filter { $0.severity == .error }.count),
            documents: documents, facts: reportFacts ? facts : nil, findings: findings, triage: triage, diagnostics: errors)
        return Result(report: report, allFindings: unsuppressed, timings: timings, skipped: skipped)
    }

    /// What phase 1 keeps of each file's facts for phase 2.
    private enum Kept {
        case everyFact, factsAcross, partitions
    }

    /// The partitions of each of `checks` (those across documents) that the `changed` facts
    /// are in: what a `--changed` run checks. With a store, of those, only the partitions that
    /// can give a finding (`Check.mayFind`), by their values over the run's `files`, which the
    /// store counts without sending their facts: a new article that agrees with the archive
    /// loads none of the archive's facts.
    private static func touchedPartitions(
        _ changed: [Fact], checks: [any Check], store: (any FactStore)?, files: [RunFile]?
    ) throws(StoreError) -> (chosen: [Set<FactPartition>], of: Int) {
        let touching = FactIndex(changed)
        let touched = checks.map { check in Set(check.settings.read(touching).map(check.partition(of:))) }
        let count = touched.reduce(0) { $0 + $1.count }
        guard let store, let files else { return (touched, count) }
        let values = try store.values(of: touched.reduce(into: []) { $0.formUnion($1) }, files: files)
        let chosen = zip(checks, touched).map { check, partitions in
            partitions.filter { partition in values[partition].map { check.mayFind(in: partition, values: $0) } ?? true }
        }
        return (chosen, count)
    }

    /// The facts each of `checks` (those across documents) reads: every fact kept for them; or
    /// those of some `partitions` (`FactPartition`), each check its own, from the store's
    /// indexes when there is one, else from `facts`. The partitions are those a run chose to
    /// check: the candidates that can give a finding (`CheckPlan.candidates`) when phase 1 kept
    /// only a summary of the facts, or those the changed documents touch (`touchedPartitions`).
    private static func checkedFacts(
        _ facts: [Fact], checks: [any Check], changed: Set<String>?, partitions: [Set<FactPartition>]?,
        store: (any FactStore)?, files: [RunFile]?
    ) throws(StoreError) -> [FactIndex] {
        guard let partitions else { return Array(repeating: FactIndex(facts, changed: changed), count: checks.count) }
        var candidates = facts
        if let store, let files {
            candidates = try store.facts(in: partitions.reduce(into: []) { $0.formUnion($1) }, files: files)
        }

        // Each check keeps, of the facts it reads (found by key), those of its own partitions.
        let candidateIndex = FactIndex(candidates)
        return checks.indices.map { check in
            let read = checks[check].settings.read(candidateIndex)
            return FactIndex(read.filter { partitions[check].contains(checks[check].partition(of: $0)) }, changed: changed)
        }
    }

    /// What one file gave, how the store took part, and the time it took.
    struct FileResult: Sendable {
        var file: StoredFile
        /// Nil without a store, or when the file could not be read (nothing to keep).
        var use: StoredFileUse?
        /// The per-document checks' outcomes on the file (`CheckPlan.check`).
        var checked: [ScopedSuppressions.Outcome] = []
        var loading: Double = 0
        var extraction: Double = 0
        /// Staging what was extracted for the store (`FactStore.stage`).
        var storing: Double = 0
        var checks: Double = 0
    }

    /// Decodes one file's bytes and extracts its documents; their text is gone when this returns.
    /// Each document's facts are counted in `budget`, and extraction stops at the document that
    /// passes its cap (the run is stopping).
    static func extract(_ bytes: [UInt8], path: String, errors: [CorpusError], extractor: Extractor, matcher: Matcher, budget: RunBudget) -> StoredFile {
        var corpus = Corpus(errors: errors)
        CorpusLoader.decode(bytes, path: path, into: &corpus)
        var result = StoredFile(path: path)
        result.errors = corpus.errors.map(ReportedError.init)
        for document in corpus.documents {
            let (facts, errors) = extractor.extract(document, matcher: matcher)
            result.facts += facts
            result.errors += errors.map(ReportedError.init)
            result.suppressions += document.suppressions
            result.documents.append(ReportedDocument(
                id: document.id, path: document.path, line: document.line, title: document.metadata.title,
                date: document.metadata.date, url: document.metadata.url, facts: facts.count))
            guard budget.add(facts: facts.count) else { break }
        }
        return result
    }

    public static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
