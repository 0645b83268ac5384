import ArgumentParser
import FactCheck
import Foundation

extension FactCheckCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract facts from articles and write reports.",
            discussion: "PATH is a .md, .txt or .jsonl file, or a directory read recursively in sorted order.")

        @Argument(help: ArgumentHelp("Articles or directories of articles.", valueName: "path"))
        var paths: [String]

        @OptionGroup var rules: RulesOption

        @Option(name: .long, help: ArgumentHelp("Directory for the reports.", valueName: "dir"))
        var out = "reports"

        @Option(name: .customLong("fail-on"), help: ArgumentHelp("Exit 1 when a finding is at or above this level.", valueName: "error|warning|info|none"))
        var failOn: FailLevel = .error

        @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
        var jobs: Int = defaultJobs

        func validate() throws {
            guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        }

        func run() throws {
            let pack = rules.load()
            let report = CheckRun.run(paths: paths, pack: pack, jobs: jobs)
            report.errors.forEach(printError)
            for finding in report.findings {
                let place = finding.locations.first.map { "\($0.location.path):\($0.location.line):\($0.location.column)" } ?? "-"
                let more = finding.locations.count > 1 ? " (+\(finding.locations.count - 1) more)" : ""
                print("\(place): \(finding.severity.rawValue): \(finding.message) [\(finding.rule)]\(more)")
            }
            let destination = URL(fileURLWithPath: out).appendingPathComponent("report.json")
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try report.json().write(to: destination, options: .atomic)
            } catch {
                printStandardError("\(out): error: cannot write the report: \(error.localizedDescription)")
                throw ExitCode(2)
            }
            let summary = report.summary
            print("\(counted(summary.documents, "document")), \(counted(summary.rules, "rule")): "
                  + "\(counted(summary.facts, "fact")), \(counted(summary.findings, "finding")), \(counted(summary.errors, "error"))")
            print("report: \(destination.relativePath)")
            let code = report.exitCode(failOn: failOn.severity)
            if code != 0 { throw ExitCode(code) }
        }
    }
}

/// `--fail-on`: a severity, or `none` to never fail on findings.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, info, none

    var severity: Severity? { Severity(rawValue: rawValue) }
}
