import Foundation
import Testing

/// The README shows what the tool prints: its sample sessions are run and compared with what
/// it shows, its report.json excerpt is compared with a real report, and its command summary
/// names every option the commands have. When output changes on purpose, update the README,
/// not these tests.
@Suite struct ReadmeTests {
    static let readme = try! String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)

    /// A fenced block of the README: its info string ("json", "sh", "") and its lines.
    struct Block {
        var info: String
        var line: Int
        var lines: [String]
    }

    static let blocks: [Block] = {
        var blocks: [Block] = []
        var open: Block?
        for (index, line) in readme.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("```") {
                if let block = open {
                    blocks.append(block)
                    open = nil
                } else {
                    open = Block(info: String(line.dropFirst(3)), line: index + 1, lines: [])
                }
            } else {
                open?.lines.append(String(line))
            }
        }
        return blocks
    }()

    /// Blocks that are sample sessions: their first line is a command after "$ ".
    static var sessions: [Block] { blocks.filter { $0.lines.first?.hasPrefix("$ ") == true } }

    @Test func theReadmeHasSampleSessions() {
        #expect(Self.sessions.count >= 2)
    }

    /// Each session runs in a directory of its own holding copies of examples/ and rules/,
    /// with the built binary as `factcheck` (`swift run factcheck` too) and no store set by the
    /// environment. A command's expected output is the lines up to the next command; "..."
    /// stands for any lines, and a command followed directly by another is not compared.
    @Test(arguments: sessions.map(\.line))
    func aSampleSessionPrintsWhatTheReadmeShows(line: Int) throws {
        let block = try #require(Self.blocks.first { $0.line == line })
        let directory = TemporaryDirectory()
        for folder in ["examples", "rules"] {
            try FileManager.default.copyItem(atPath: packageRoot + "/" + folder, toPath: directory.path + "/" + folder)
        }
        let binaries = (factcheckBinary as NSString).deletingLastPathComponent
        var commands: [(command: String, expected: [String])] = []
        for line in block.lines {
            if line.hasPrefix("$ ") {
                commands.append((String(line.dropFirst(2)), []))
            } else if !line.isEmpty || !(commands.last?.expected.isEmpty ?? true) {
                commands[commands.count - 1].expected.append(line)
            }
        }
        for (command, expected) in commands {
            let shell = "unset FACTCHECK_STORE; PATH='\(binaries)':$PATH; "
                + command.replacingOccurrences(of: "swift run factcheck", with: "factcheck")
            let result = try run("/bin/sh", ["-c", shell], in: directory.path)
            guard !expected.isEmpty else { continue }
            let printed = (result.stdout + result.stderr).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let shown = Array(expected.reversed().drop { $0.isEmpty }.reversed())
            #expect(Self.matches(shown.map(Self.masked), Array(printed.dropLast(printed.last == "" ? 1 : 0)).map(Self.masked)),
                    "README.md:\(block.line): `\(command)` printed:\n\(result.stdout)\(result.stderr)\nwhere the README shows:\n\(shown.joined(separator: "\n"))")
        }
    }

    /// What differs from run to run: a time, a store size, a 32-digit fingerprint.
    static func masked(_ line: String) -> String {
        line.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"#, with: "<time>", options: .regularExpression)
            .replacingOccurrences(of: #"\d+(\.\d+)? [KMG]iB"#, with: "<size>", options: .regularExpression)
            .replacingOccurrences(of: #"\b[0-9a-f]{32}\b"#, with: "<fingerprint>", options: .regularExpression)
    }

    /// Whether `lines` are `pattern`, where a "..." line of the pattern stands for any lines.
    static func matches(_ pattern: [String], _ lines: [String]) -> Bool {
        guard let first = pattern.first else { return lines.isEmpty }
        if first == "..." {
            return (0...lines.count).contains { matches(Array(pattern.dropFirst()), Array(lines.dropFirst($0))) }
        }
        return lines.first == first && matches(Array(pattern.dropFirst()), Array(lines.dropFirst()))
    }

    @Test func theMatcherTakesDotsForAnyLinesAndNothingElse() {
        #expect(Self.matches(["a", "...", "d"], ["a", "b", "c", "d"]))
        #expect(Self.matches(["a", "...", "d"], ["a", "d"]))
        #expect(!Self.matches(["a", "...", "d"], ["a", "b", "d", "e"]))
        #expect(!Self.matches(["a", "b"], ["a", "c"]))
        #expect(Self.masked("last run: 2026-11-30T15:34:46Z, size: 72.0 KiB") == "last run: <time>, size: <size>")
    }

    /// The report.json excerpt: the finding it shows, with its fingerprint, is in the report of
    /// the first run on examples/, and every member the excerpt shows has the value shown
    /// ("…" stands for members and locations left out).
    @Test func theReportExcerptIsFromARealReport() throws {
        let excerpt = try #require(Self.blocks.first { $0.info == "json" && $0.lines.contains { $0.contains("\"fingerprint\"") } })
        let text = excerpt.lines.filter { $0.trimmingCharacters(in: .whitespaces) != "…" }.joined(separator: "\n")
            .replacingOccurrences(of: #",(\s*[\]}])"#, with: "$1", options: .regularExpression)
        let shown = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "README.md:\(excerpt.line): not JSON")
        let directory = TemporaryDirectory()
        _ = try run(factcheckBinary, ["check", "examples", "--out", directory.path, "--format", "json", "--fail-on", "none"],
                    in: packageRoot)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.path + "/report.json"))) as! [String: Any]
        let findings = report["findings"] as! [[String: Any]]
        let finding = try #require(findings.first { $0["fingerprint"] as? String == shown["fingerprint"] as? String },
                                   "README.md:\(excerpt.line): no finding with fingerprint \(shown["fingerprint"] ?? "none")")
        for (key, value) in shown where key != "locations" {
            #expect("\(finding[key] ?? "missing")" == "\(value)", "README.md:\(excerpt.line): \(key)")
        }
        let locations = (finding["locations"] as! [[String: Any]]).map { location in
            location.mapValues { "\($0)" }.merging(["path": "\(location["path"]!)".replacingOccurrences(of: packageRoot + "/", with: "")]) { $1 }
        }
        for location in shown["locations"] as! [[String: Any]] {
            let expected = location.mapValues { "\($0)" }
            #expect(locations.contains { actual in expected.allSatisfy { actual[$0.key] == $0.value } },
                    "README.md:\(excerpt.line): no such location in the finding: \(expected)")
        }
    }

    /// The command summary names every option each command's --help lists.
    @Test(arguments: ["check", "facts", "store info", "store verify", "store gc", "store rebuild", "rules lint", "rules test", "rules export", "explain"])
    func theCommandSummaryNamesEveryOption(command: String) throws {
        let summary = try #require(Self.blocks.first { $0.lines.first?.hasPrefix("factcheck check ") == true }).lines.joined(separator: "\n")
        let help = try run(factcheckBinary, command.split(separator: " ").map(String.init) + ["--help"]).stdout
        let options = Set(help.matches(of: /(?m)^  (--[a-z0-9][a-z0-9-]*)/).map { String($0.1) }).subtracting(["--help", "--version"])
        #expect(!options.isEmpty)
        for option in options.sorted() {
            #expect(summary.contains(option), "README's command summary lacks \(command) \(option)")
        }
    }
}
