import ArgumentParser
import FactCheck
import Foundation

extension FactCheckCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract facts from articles, check them, and write reports.",
            discussion: """
                PATH is an article file (\(CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", "))) or a directory read recursively in sorted order. \
                Formats: json, html, sarif, junit (files under --out) and text or github (printed).
                """)

        @Argument(help: ArgumentHelp("Articles or directories of articles.", valueName: "path"))
        var paths: [String]

        @OptionGroup var rules: RulesOption

        @OptionGroup var store: StoreOption

        @Flag(name: .customLong("no-store"), help: "Run without the fact store: extract every file and keep nothing.")
        var noStore = false

        @Option(name: .long, help: ArgumentHelp("Directory for the report files.", valueName: "dir"))
        var out = "reports"

        @Option(name: .long, help: ArgumentHelp("Comma-separated outputs: json, html, sarif, junit, text, github.", valueName: "list"))
        var format = "json,html"

        @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when a finding is at or above this level.", valueName: "error|warning|info|none"))
        var failOn: FailLevel = .error

        @Option(name: .long, parsing: .upToNextOption,
                help: ArgumentHelp("Report only findings that involve one of these documents; the rest of the corpus is the reference.", valueName: "file"))
        var changed: [String] = []

        @Option(name: .customLong("changed-from"), help: ArgumentHelp("A file of changed paths, one per line (git diff --name-only).", valueName: "file"))
        var changedFrom: String?

        @Flag(name: .customLong("null"), help: "The --changed-from file is NUL-separated (git diff -z --name-only).")
        var nullSeparated = false

        @Flag(name: .customLong("strict-changed"), help: "Exit 2 when a changed article is no document of the run (by default a warning).")
        var strictChanged = false

        @Option(name: .long, help: ArgumentHelp("Run only these rules and checks, and what they need (comma-separated or repeated).",
                                                 valueName: "id,..."))
        var only: [String] = []

        @Option(name: .long, help: ArgumentHelp("Leave these rules and checks out (comma-separated or repeated).", valueName: "id,..."))
        var disable: [String] = []

        @Option(name: .long, help: ArgumentHelp("Run a check at another severity, as if its YAML said so (comma-separated or repeated).",
                                                 valueName: "check=error|warning|info"))
        var severity: [String] = []

        @Option(name: .long, help: ArgumentHelp("Hide the findings recorded in this baseline file.", valueName: "file"))
        var baseline: String?

        @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record the current findings as the baseline in this file.", valueName: "file"))
        var writeBaseline: String?

        @OptionGroup var workers: JobsOption

        @Flag(help: "Print where the time went (loading, extraction, checks, reports) to stderr.")
        var timings = false

        @Flag(name: .customLong("report-facts"), help: "List every fact extracted in report.json (facts[]), not only the findings' evidence.")
        var reportFacts = false

        @Flag(name: .customLong("allow-empty"), help: "Accept paths that hold no article (by default that is an input error: a gate that checks nothing would pass).")
        var allowEmpty = false

        @Flag(name: .customLong("follow-links"), help: "Read what symbolic links under a directory point to even outside it (by default such a link is an input error).")
        var followLinks = false

        @Option(name: .customLong("max-facts"),
                help: ArgumentHelp("Stop with exit 2 and no report past this many facts, 1 to 10^12 (default: \(RunLimits.defaultMaxFacts)).", valueName: "n"))
        var maxFacts = RunLimits.defaultMaxFacts

        @Option(name: .customLong("max-findings"),
                help: ArgumentHelp("Stop with exit 2 and no report past this many findings, 1 to 10^12 (default: \(RunLimits.defaultMaxFindings)).", valueName: "n"))
        var maxFindings = RunLimits.defaultMaxFindings

        func validate() throws {
            _ = try formats()
            _ = try selection()
            for (option, value) in [("--max-facts", maxFacts), ("--max-findings", maxFindings)] where !RunLimits.range.contains(value) {
                throw ValidationError("\(option) must be from 1 to 1000000000000 (got \(value))")
            }
        }

        /// `--only`, `--disable` and `--severity`, each a list given comma-separated or repeated.
        func selection() throws -> PackSelection {
            func ids(_ values: [String]) -> [String] {
                values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            let severities = try ids(severity).map { item in
                let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, let level = Severity(rawValue: parts[1]) else {
                    throw ValidationError("--severity: expected CHECK=LEVEL with LEVEL error, warning or info (got '\(item)')")
                }
                return (check: parts[0], level: level)
            }
            return PackSelection(only: ids(only), disable: ids(disable), severities: severities)
        }

        /// The formats asked for, checked.
        func formats() throws -> [ReportFormat] {
            try format.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let format = ReportFormat(rawValue: name) else {
                    throw ValidationError("unknown format '\(name)'; known: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return format
            }
        }

        func run() throws {
            let formats = try formats()
            var pack = rules.load()
            do {
                pack = try selection().apply(to: pack)
            } catch let error as PackSelectionError {
                printStandardError("\(rules.rules): error: \(error)")
                throw ExitCode(2)
            }
            var options = TriageOptions()
            do {
                options.baseline = try baseline.map(Baseline.load)
                options.changed = try changedPaths()
                // A baseline records every finding, not only those a change touches.
                options.checkEverything = writeBaseline != nil
            } catch {
                printStandardError("\(error)")
                throw ExitCode(2)
            }
            let progress = ProgressLine.standardError()
            var onProgress: (@Sendable (Int, Int) -> Void)?
            if let progress {
                onProgress = { done, total in progress.update("checking \(done)/\(total) files", done: done, total: total) }
            }
            let result: CheckRun.Result
            do throws(RunError) {
                let opened = try RunError.storing { () throws(StoreError) in noStore ? nil : try store.open() }
                result = try CheckRun.run(paths: paths, pack: pack, jobs: workers.jobs, triage: options, store: opened, progress: onProgress,
                                          reportFacts: reportFacts, followLinks: followLinks,
                                          limits: RunLimits(maxFacts: maxFacts, maxFindings: maxFindings), allowEmpty: allowEmpty)
            } catch {
                // A store that failed, or a cap the run passed: no report is replaced.
                progress?.finish()
                printStandardError(error.errorDescription ?? "\(error)")
                throw ExitCode(2)
            }
            progress?.finish()
            let report = result.report
            printInputDiagnostics(skipped: result.skipped, report.errors + report.warnings)
            let unmatchedChanged = options.changed.map { reportUnmatched($0, documents: report.documents) } ?? false

            let context = ReportContext(pack: pack, failOn: failOn.severity, color: Terminal.colorsStandardOutput)
            let console: ReportFormat = formats.contains(.github) ? .github : .text
            writeOutput(try console.render(report, context: context))

            let reportStart = DispatchTime.now()
            var written: [String]
            do {
                written = try ReportFormat.write(formats, report: report, context: context, to: out, jobs: workers.jobs)
                if let writeBaseline {
                    try Baseline(findings: result.allFindings).write(to: writeBaseline)
                    written.append(writeBaseline)
                }
            } catch {
                printStandardError("\(out): error: cannot write the reports: \(error)")
                throw ExitCode(2)
            }
            printSummary(report, written: written)
            if timings { printTimings(result.timings, reports: CheckRun.seconds(since: reportStart)) }
            let code = unmatchedChanged ? 2 : report.exitCode(failOn: failOn.severity)
            if code != 0 { throw ExitCode(code) }
        }

        /// `--changed` and the entries of `--changed-from`, or nil when neither is given.
        private func changedPaths() throws -> [String]? {
            var paths = changed
            if let changedFrom {
                guard let data = FileManager.default.contents(atPath: changedFrom) else {
                    throw OptionFileError(path: changedFrom, reason: "cannot read the list of changed files")
                }
                switch ChangedPaths.parse([UInt8](data), nullSeparated: nullSeparated) {
                case .success(let listed): paths += listed
                case .failure(let error):
                    throw OptionFileError(path: changedFrom, reason: "entry \(error.entry) is neither a path nor a path in git's quotes: \(error.text)")
                }
            }
            return changed.isEmpty && changedFrom == nil ? nil : paths
        }

        /// Says which changed articles the run has no document for: a deleted one (a note), or
        /// one outside the paths given or unreadable (a warning; with `--strict-changed`, an
        /// error). Returns whether there was such an error.
        private func reportUnmatched(_ changed: [String], documents: [ReportedDocument]) -> Bool {
            var failed = false
            for unmatched in ChangedPaths.unmatched(changed, documents: documents.map(\.path)) {
                switch unmatched {
                case .deleted(let path):
                    printStandardError("\(path): note: deleted by the change; nothing to check")
                case .notInCorpus(let path):
                    printStandardError("\(path): \(strictChanged ? "error" : "warning"): a changed article that is no document of this run "
                                       + "(not under the paths given, or unreadable): none of its findings can be reported")
                    failed = failed || strictChanged
                }
            }
            return failed
        }

        /// Phase times and their shares; loading and extraction are summed over workers.
        private func printTimings(_ timings: CheckRun.Timings, reports: Double) {
            if !noStore {
                printStandardError("store: \(store.name): \(counted(timings.extracted, "file")) extracted, \(timings.stored) from the store")
                if let partitions = timings.partitions {
                    printStandardError("checks across documents: \(partitions.candidates) of \(counted(partitions.of, "partition")) could "
                                       + "give a finding; \(counted(partitions.facts, "fact")) of them loaded from the store")
                }
            }
            let phases = [("loading", timings.loading), ("extraction", timings.extraction), ("store", timings.store), ("checks", timings.checks), ("reports", reports)]
            let total = phases.reduce(0) { $0 + $1.1 }
            let parts = phases.map { name, seconds in
                "\(name) \(String(format: "%.3f", seconds)) s (\(String(format: "%.0f", total > 0 ? seconds / total * 100 : 0))%)"
            }
            printStandardError("timings: " + parts.joined(separator: ", "))
        }

        /// The counts, then what was hidden and where the reports are. Errors here are the input and
        /// rule errors of `errors[]`, said as such: the HTML report's "lỗi · errors" counts
        /// error-level findings, and one word for both misled readers.
        private func printSummary(_ report: Report, written: [String]) {
            let summary = report.summary
            printLine("\(counted(summary.documents, "document")), \(counted(summary.rules, "rule")): "
                  + "\(counted(summary.facts, "fact")), \(counted(summary.findings, "finding")), \(counted(summary.errors, "input error"))"
                  + (report.warnings.isEmpty ? "" : ", \(counted(report.warnings.count, "input warning"))"))
            let triage = report.triage
            var hidden: [String] = []
            if triage.suppressed > 0 { hidden.append("\(triage.suppressed) suppressed inline") }
            if triage.baselineHidden > 0 { hidden.append("\(triage.baselineHidden) in the baseline") }
            if triage.changed != nil {
                hidden.append(triage.outsideChanged.map { "\($0) not involving a changed document" }
                              ?? "whatever involves no changed document (not checked)")
            }
            if !hidden.isEmpty { printLine("hidden: " + hidden.joined(separator: ", ")) }
            if !triage.staleBaseline.isEmpty {
                printLine("stale baseline entries (no longer found): \(triage.staleBaseline.count)")
                for entry in triage.staleBaseline {
                    printLine("  \(PrintableText.line(entry.fingerprint)) [\(PrintableText.line(entry.rule))] \(PrintableText.line(entry.message))")
                }
            }
            for path in written { printLine("report: \(path)") }
        }
    }
}

/// `--fail-on`: a severity, or `none` to never fail on findings.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}
