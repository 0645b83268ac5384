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

/// Prints a located error to stderr, with the pattern and a caret for a bad pattern. The
/// error's own line is one line whatever its values hold.
func printError(_ error: some LocatedError) {
    let reported = ReportedError(error)
    printStandardError(PrintableText.line(reported.errorDescription ?? reported.message) + (reported.detail.map { "\n" + $0 } ?? ""))
}

/// Every line factcheck prints goes through `PrintableText`: what it repeats of articles,
/// file names, rule packs and baselines can neither drive a terminal nor a CI runner.
func printStandardError(_ text: String) {
    FileHandle.standardError.write(Data((PrintableText.lines(text) + "\n").utf8))
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((PrintableText.lines(text) + "\n").utf8))
}

/// "1 fact", "2 facts", "2 matches".
func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
