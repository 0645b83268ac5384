import Foundation

/// The outputs of `factcheck check`: files written under `--out`, and what is printed.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// report.json: everything, for dashboards and scripts (docs/report.schema.json).
    case json
    /// report.html: one self-contained page for editors.
    case html
    /// report.sarif: SARIF 2.1.0, for code-scanning annotations.
    case sarif
    /// report.junit.xml: a test case per document, for CI test tabs.
    case junit
    /// Findings on stdout as `path:line:column: severity: message [rule]` (the default).
    case text
    /// Findings on stdout as GitHub Actions workflow commands, instead of text.
    case github

    public static let defaultFiles: [ReportFormat] = [.json, .html]

    /// The file this format writes under `--out`; nil for the formats printed to stdout.
    public var fileName: String? {
        switch self {
        case .json: "report.json"
        case .html: "report.html"
        case .sarif: "report.sarif"
        case .junit: "report.junit.xml"
        case .text, .github: nil
        }
    }
}

/// What reporters need besides the report.
public struct ReportContext: Sendable {
    /// The checks and rules that ran, for their descriptions.
    public var pack: RulePack
    /// Findings at or above this level fail (JUnit failures); nil: none do.
    public var failOn: Severity?
    /// ANSI colours in text output.
    public var color = false
    /// When the run happened (JUnit wants a timestamp); report.json stays free of it.
    public var date = Date()

    public init(pack: RulePack, failOn: Severity?, color: Bool = false, date: Date = Date()) {
        self.pack = pack
        self.failOn = failOn
        self.color = color
        self.date = date
    }
}

/// Turns a report into one output format.
protocol Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) throws
}

extension Reporter {
    /// The whole output in memory (for stdout and tests; files are streamed by `write`).
    func render(_ report: Report, context: ReportContext) throws -> Data {
        var sink = ByteSink()
        try write(report, context: context, to: &sink)
        return Data(sink.buffer)
    }
}

extension ReportFormat {
    /// The whole output of this format in memory (for stdout; files are streamed by `write`).
    public func render(_ report: Report, context: ReportContext) throws -> Data {
        try reporter.render(report, context: context)
    }

    var reporter: any Reporter {
        switch self {
        case .json: JSONReporter()
        case .html: HTMLReporter()
        case .sarif: SARIFReporter()
        case .junit: JUnitReporter()
        case .text: TextReporter()
        case .github: GitHubReporter()
        }
    }

    /// Writes `report` in each file format into `directory`, up to `jobs` formats at once, each
    /// streamed to a temporary file; only when all are complete are they published as one set
    /// (docs/RELIABILITY.md, "Atomic reports"), so one failing format leaves every old file as
    /// it was. Under a lock on the directory, so that concurrent runs leave one run's set:
    /// the temporary files of killed runs are removed; the manifest is removed; each file
    /// replaces its old version; the files of formats not asked for this time are removed, so
    /// that none looks current; and a new manifest (`ReportManifest`) lists the set. SIGINT or
    /// SIGTERM arriving from the old manifest's removal to the new one's waits for them. With
    /// no file format asked for, `directory` is left alone.
    public static func write(
        _ formats: [ReportFormat], report: Report, context: ReportContext, to directory: String, jobs: Int = defaultJobs
    ) throws -> [String] {
        let files = formats.compactMap { format in format.fileName.map { (format, $0) } }
        guard !files.isEmpty else { return [] }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let staged = parallelMap(files, jobs: jobs, state: { () }) { file, _ in
            Result {
                let staged = try AtomicFile.stage(directory + "/" + file.1) { sink in try file.0.reporter.write(report, context: context, to: &sink) }
                do {
                    return (staged, try ReportManifest.File(name: file.1, contentsOf: staged.temporary))
                } catch {
                    staged.discard()
                    throw error
                }
            }
        }
        var reports: [AtomicFile.Staged] = []
        var listed: [ReportManifest.File] = []
        for case .success(let (file, entry)) in staged {
            reports.append(file)
            listed.append(entry)
        }
        let manifestPath = directory + "/" + ReportManifest.fileName
        let manifest: AtomicFile.Staged
        do {
            if let failure = staged.first(where: { (try? $0.get()) == nil }) { _ = try failure.get() }
            let json = try ReportManifest(files: listed, date: context.date).json()
            manifest = try AtomicFile.stage(manifestPath) { $0.append(contentsOf: json) }
        } catch {
            reports.forEach { $0.discard() }
            throw error
        }
        let requested = Set(files.map(\.1))
        let others = ReportFormat.allCases.compactMap(\.fileName).filter { !requested.contains($0) }
        var committed = 0
        do {
            try AtomicFile.locked(directory) {
                AtomicFile.removeAbandoned(in: directory)
                try AtomicFile.uninterrupted {
                    unlink(manifestPath)
                    for file in reports {
                        try file.commit()
                        committed += 1
                    }
                    for name in others { unlink(directory + "/" + name) }
                    try manifest.commit()
                }
            }
        } catch {
            reports[committed...].forEach { $0.discard() }
            manifest.discard()
            throw error
        }
        return files.map { directory + "/" + $0.1 }
    }
}

/// report.json.
struct JSONReporter: Reporter {
    func write(_ report: Report, context: ReportContext, to sink: inout ByteSink) {
        report.writeJSON(to: &sink)
    }
}
