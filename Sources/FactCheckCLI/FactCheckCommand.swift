import ArgumentParser
import FactCheck
import Foundation

@main
struct FactCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "factcheck",
        abstract: "Checks facts across a batch of news articles with PCRE2 extraction rules.",
        discussion: """
            Exit codes: 0 nothing at or above the fail level; 1 findings at or above it; \
            2 a usage, rule or input error (the report is still written for what could be checked).
            """,
        version: FactCheckVersion.current,
        subcommands: [Check.self, Facts.self, Store.self, Rules.self, Explain.self]
    )

    /// Runs the command; a usage error exits with 2 (DESIGN §9), not ArgumentParser's 64.
    static func main() {
        Signals.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                printStandardError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// `--rules DIR`, shared by every command that reads the rule pack.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rule pack directory.", valueName: "dir"))
    var rules = "rules"

    func load() -> RulePack {
        RuleLoader.load(directory: rules)
    }
}

/// `--jobs N`, shared by every command that extracts. Bounded so that no count can overflow
/// the work split (`--jobs 9223372036854775807` used to trap) and no run asks for more
/// threads than any machine has cores.
struct JobsOption: ParsableArguments {
    static let range = 1...1024

    @Option(name: .long, help: ArgumentHelp("Worker threads, 1 to 1024 (default: one per core).", valueName: "n"))
    var jobs = min(defaultJobs, range.upperBound)

    func validate() throws {
        guard Self.range.contains(jobs) else { throw ValidationError("--jobs must be from 1 to 1024 (got \(jobs))") }
    }
}

/// Prints a located error to stderr, with the pattern and a caret for a bad pattern. The
/// error's own line is one line whatever its values hold.
func printError(_ error: some LocatedError) {
    let reported = ReportedError(error)
    printStandardError(PrintableText.line(reported.errorDescription ?? reported.message) + (reported.detail.map { "\n" + $0 } ?? ""))
}

/// What a run says about its input, on stderr: the files each directory given left out, then
/// the input and rule errors and warnings, each once.
func printInputDiagnostics(skipped: [SkippedFiles], _ diagnostics: [some LocatedError]) {
    for directory in skipped { printStandardError(directory.description) }
    diagnostics.forEach(printError)
}

/// Every line factcheck prints goes through `PrintableText`: what it repeats of articles,
/// file names, rule packs and baselines can neither drive a terminal nor a CI runner.
func printStandardError(_ text: String) {
    writeOutput((PrintableText.lines(text) + "\n").utf8, to: STDERR_FILENO)
}

func printLine(_ text: String) {
    writeOutput((PrintableText.lines(text) + "\n").utf8)
}

/// "1 fact", "2 facts", "2 matches".
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
