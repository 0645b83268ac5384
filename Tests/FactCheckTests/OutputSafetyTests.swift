import Foundation
import Testing
@testable import FactCheck

/// What factcheck prints repeats file names, front-matter and JSON Lines values, rule pack keys
/// and baseline entries, all of which a pull request controls. None of it may drive a terminal
/// or the GitHub Actions runner.
@Suite struct OutputSafetyTests {
    @Test func controlAndBidiCharactersAreShownEscaped() {
        #expect(PrintableText.line("Vũng Áng 10 tỷ USD") == "Vũng Áng 10 tỷ USD")
        #expect(PrintableText.line("a\u{1B}[2Jb\rc\nd\te\u{7F}f\u{85}g") == "a\\u{1B}[2Jb\\u{D}c\\u{A}d\\u{9}e\\u{7F}f\\u{85}g")
        #expect(PrintableText.line("x\u{202E}y\u{2066}z\u{200F}") == "x\\u{202E}y\\u{2066}z\\u{200F}")
        #expect(PrintableText.lines("ok\n::stop-commands::t\n  ::x") == "ok\n\\u{3A}:stop-commands::t\n  \\u{3A}:x")
        // The runner trims leading white space before it looks for "::", and finds the legacy
        // "##[" anywhere in a line: a value may be printed after an indent or inside a line.
        #expect(PrintableText.line("\u{3000}\u{FEFF}::add-mask::x") == "\u{3000}\u{FEFF}\\u{3A}:add-mask::x")
        #expect(PrintableText.line("see ##[error]x and ###[stop-commands]t") == "see ##\\u{5B}error]x and ###\\u{5B}stop-commands]t")
        #expect(PrintableText.line("a :: b # [c]") == "a :: b # [c]")
        // Escaping twice changes nothing more: messages pass through more than one printer.
        let hostile = "::a\u{1B}\n::b"
        #expect(PrintableText.lines(PrintableText.lines(hostile)) == PrintableText.lines(hostile))
    }

    /// A corpus and a baseline an attacker wrote: every kind of message that repeats their values.
    private static func hostileWorkspace() -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        let target = "Hai nước phấn đấu đạt kim ngạch thương mại %@ tỷ USD."
        directory.write("corpus/::stop-commands::tok.md", "---\nid: a\ndate: 2025-10-01\n---\n" + target.replacingOccurrences(of: "%@", with: "10") + "\n")
        directory.write("corpus/\u{1B}[2J\u{202E}b.md", "---\nid: b\ndate: 2025-10-02\n---\n" + target.replacingOccurrences(of: "%@", with: "15") + "\n")
        directory.write("corpus/line\n::error::forged.md", "---\nid: c\ndate: 2025-13-45\n---\nBài viết.\n")
        directory.write("corpus/evil.md", "---\nid: d\ndate: \"2025-99-99\\e[31m\\u202E\\n::add-mask::secret\"\ntitel: x\n---\nBài viết.\n")
        directory.write("corpus/feed.jsonl", "{\"id\": \"j1\", \"date\": \"x\\n::stop-commands::tok2\\u001b[31m\", \"text\": \"Bài viết.\"}\n")
        directory.write("baseline.json", """
            {"version": 1, "findings": [{"fingerprint": "00\\u001b[2J", "rule": "r\\u202E", "key": "k",
              "message": "gone\\n::error::forged by the baseline"}]}
            """)
        return directory
    }

    /// Every line as the runner reads it: a line beginning with `::` after white space, or with
    /// `##[` anywhere in it, is a workflow command.
    private static func expectNothingDrivesTheRunner(_ output: String, _ label: String) {
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0.isWhitespace }
            #expect(!line.contains("##["), "\(label): a line the runner would take as a legacy command: \(line)")
            guard trimmed.hasPrefix("::") else { continue }
            #expect(line.hasPrefix("::error file=") || line.hasPrefix("::warning file=") || line.hasPrefix("::notice file="),
                    "\(label): a line the runner would take as a command: \(line)")
        }
        for character in ["\u{1B}", "\r", "\u{202E}", "\u{7}"] {
            #expect(!output.contains(character), "\(label): \(character.unicodeScalars.first!.value) printed raw")
        }
    }

    @Test(arguments: ["github", "text"])
    func hostileValuesNeitherDriveATerminalNorTheRunner(format: String) throws {
        let workspace = Self.hostileWorkspace()
        let result = try run(factcheckBinary, [
            "check", workspace.path + "/corpus", "--rules", packageRoot + "/rules", "--format", format, "--out", workspace.path + "/out",
            "--baseline", workspace.path + "/baseline.json", "--fail-on", "none",
        ])
        Self.expectNothingDrivesTheRunner(result.stdout, "stdout")
        Self.expectNothingDrivesTheRunner(result.stderr, "stderr")
        // What was hostile is still there to read, escaped.
        let everything = result.stdout + result.stderr
        #expect(everything.contains("\\u{202E}") && everything.contains("\\u{1B}[2J"))
        #expect(everything.contains("stop-commands"))
        #expect(result.stdout.contains("gone\\u{A}::error::forged by the baseline"))
        // Findings are still annotated at their articles.
        if format == "github" { #expect(result.stdout.contains("::error file=")) }
    }

    /// A changed article's path given as it is in the repository, at its root: the text listing
    /// indents it under its header, and the runner trims the indent.
    @Test func anIndentedPathOrAQuotedValueIsNoCommandEither() throws {
        let workspace = TemporaryDirectory()
        let body = "Kim ngạch thương mại Việt Nam - Lào năm 2024 đạt %@ tỷ USD.\n"
        workspace.write("::stop-commands::tok.md", "---\nid: x\ndate: 2025-10-20\n---\n" + body.replacingOccurrences(of: "%@", with: "2,5"))
        workspace.write("b.md", "---\nid: y\ndate: 2025-10-21\n---\n" + body.replacingOccurrences(of: "%@", with: "3"))
        workspace.write("c.md", "---\nid: z\ndate: \"##[stop-commands]tok2\"\n---\nBài viết.\n")
        let result = try run(factcheckBinary, ["check", "::stop-commands::tok.md", "b.md", "c.md", "--rules", packageRoot + "/rules",
                                               "--format", "text", "--no-store", "--out", "out", "--fail-on", "none"], in: workspace.path)
        #expect(result.stdout.contains("  \\u{3A}:stop-commands::tok.md:5:1: error:"))
        #expect(result.stderr.contains("date '##\\u{5B}stop-commands]tok2' is not a valid date"))
        Self.expectNothingDrivesTheRunner(result.stdout, "stdout")
        Self.expectNothingDrivesTheRunner(result.stderr, "stderr")
    }

    @Test func aRulePackKeyIsPrintedEscaped() throws {
        let workspace = TemporaryDirectory()
        workspace.write("rules/evil.yaml", """
            rules:
              - id: evil
                description: d
                pattern: 'x'
                fact: {key: k, value: v, type: count}
                "\\n::stop-commands::tok\\e[2J": 1
            """)
        let result = try run(factcheckBinary, ["rules", "lint", "--rules", workspace.path + "/rules"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("stop-commands"))
        Self.expectNothingDrivesTheRunner(result.stdout, "stdout")
        Self.expectNothingDrivesTheRunner(result.stderr, "stderr")
    }

    /// N articles that each give another value for one key: one finding with N suspects, each
    /// annotated; the message lists a bounded number of values, so the output grows as N.
    @Test func manyValuesForOneKeyGiveOutputLinearInTheirNumber() throws {
        func githubBytes(_ articles: Int) throws -> Int {
            let directory = TemporaryDirectory()
            for index in 0..<articles {
                directory.write("corpus/\(index).md", "---\nid: a\(index)\ndate: 2025-10-01\n---\n"
                                + "Việt Nam và Lào phấn đấu đạt kim ngạch thương mại \(index + 1) tỷ USD.\n")
            }
            let result = try run(factcheckBinary, ["check", directory.path + "/corpus", "--rules", packageRoot + "/rules", "--no-store",
                                                   "--format", "github", "--out", directory.path + "/out", "--fail-on", "none"])
            #expect(result.stdout.contains("… \(articles - ConsistencyCheck.listedValues) giá trị khác"))
            return result.stdout.utf8.count
        }
        let (small, large) = (try githubBytes(50), try githubBytes(200))
        #expect(Double(large) / Double(small) < 4.6, "\(small) → \(large) bytes for 4× the articles")
    }
}
