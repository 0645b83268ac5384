import PCRE2

/// `factcheck check`: load the corpus, extract facts from every document in parallel (phase
/// 1), run the pack's checks over all the facts (phase 2), and gather facts, findings and
/// every error into a report.
public enum CheckRun {
    /// A report, and every finding before the baseline and `--changed` narrowed them (what
    /// `--write-baseline` records).
    public struct Result: Sendable {
        public var report: Report
        public var allFindings: [Finding]
    }

    public static func run(paths: [String], pack: RulePack, jobs: Int = defaultJobs) -> Report {
        run(paths: paths, pack: pack, jobs: jobs, triage: TriageOptions()).report
    }

    /// `progress` is called from worker threads with (documents done, documents in all).
    public static func run(
        paths: [String], pack: RulePack, jobs: Int = defaultJobs, triage options: TriageOptions,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) -> Result {
        let corpus = CorpusLoader.load(paths: paths)
        let extractor = Extractor(pack: pack)
        let extracted = parallelMap(corpus.documents, jobs: jobs, state: { Matcher() }, progress: progress) { document, matcher in
            extractor.extract(document, matcher: matcher)
        }
        let facts = extracted.flatMap(\.facts)
        let documents = zip(corpus.documents, extracted).map { document, extraction in
            ReportedDocument(
                id: document.id, path: document.path, line: document.line, title: document.metadata.title,
                date: document.metadata.date, url: document.metadata.url, facts: extraction.facts.count)
        }
        let errors = pack.errors.map(ReportedError.init) + corpus.errors.map(ReportedError.init)
            + extracted.flatMap(\.errors).map(ReportedError.init)
        let checked = pack.checks.flatMap { $0.findings(in: facts) }
        let unsuppressed = TriageOptions().apply(to: checked, suppressions: corpus.documents.flatMap(\.suppressions)).findings
        let (findings, triage) = options.apply(to: checked, suppressions: corpus.documents.flatMap(\.suppressions))
        let report = Report(
            summary: .init(documents: documents.count, rules: pack.rules.count, facts: facts.count, findings: findings.count, errors: errors.count),
            documents: documents, facts: facts, findings: findings, triage: triage, errors: errors)
        return Result(report: report, allFindings: unsuppressed)
    }
}
