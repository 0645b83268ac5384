import Foundation
@testable import FactCheck

/// A directory under the system's temporary folder, removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "factcheck-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` at `name` (creating folders) and returns the full path.
    @discardableResult
    func write(_ name: String, _ contents: String) -> String {
        write(name, bytes: Array(contents.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        precondition(FileManager.default.createFile(atPath: file, contents: Data(bytes)), "cannot write \(file)")
        return file
    }
}

/// The repository root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

/// The `factcheck` binary `swift test` built beside the test bundle.
let factcheckBinary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("factcheck").path

/// The shipped rule pack.
let shippedPack = RuleLoader.load(directory: packageRoot + "/rules")

/// The seed articles beside the repository, when this checkout has them (CI does).
let seedsDirectory = packageRoot + "/../shared/seeds"

/// The report of checking `paths` with every fact in it, as `check --report-facts` writes it:
/// what tests about extraction look at.
func reportWithFacts(_ paths: [String], pack: RulePack = shippedPack, jobs: Int = defaultJobs) -> Report {
    CheckRun.run(paths: paths, pack: pack, jobs: jobs, triage: TriageOptions(), reportFacts: true).report
}

/// A pack built from YAML text, as if read from `rules/test.yaml`.
func pack(_ yaml: String, path: String = "rules/test.yaml") -> RulePack {
    RuleLoader.load(sources: [(path, yaml)])
}

/// Facts found by `pack` in `text` (as a .txt article), as "key = value" lines.
func facts(in text: String, pack: RulePack) -> [String] {
    Extractor(pack: pack).extract(Document(text: text, path: "test.txt"), matcher: .init()).facts.map { "\($0.key) = \($0.value)" }
}

/// The names in `directory` and the contents of its files (the lock file aside).
func snapshot(_ directory: String) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name != ".factcheck.lock" {
        files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
    }
    return files
}

/// The result of running a program.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `executable` with `arguments` in `directory` and waits for it. Output goes through
/// files, so a chatty child never blocks on a full pipe.
func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> ProcessResult {
    let scratch = TemporaryDirectory()
    let outputPath = scratch.write("stdout", "")
    let errorPath = scratch.write("stderr", "")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    // A store of its own for each run (unless the test names one with --store), so that tests
    // running at once never share the default .factcheck/store.sqlite.
    environment["FACTCHECK_STORE"] = scratch.path + "/store.sqlite"
    process.environment = environment
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    try process.run()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: try String(contentsOfFile: outputPath, encoding: .utf8),
        stderr: try String(contentsOfFile: errorPath, encoding: .utf8))
}

/// Runs the `factcheck` binary in `directory`.
func factcheck(_ arguments: String..., in directory: String) throws -> ProcessResult {
    try run(factcheckBinary, arguments, in: directory)
}

/// A working directory with the shipped rule pack copied in as `rules/`.
func workspace() throws -> TemporaryDirectory {
    let directory = TemporaryDirectory()
    try FileManager.default.copyItem(atPath: packageRoot + "/rules", toPath: directory.path + "/rules")
    return directory
}

/// The bytes of `out/report.json` in `directory`.
func report(in directory: TemporaryDirectory, out: String = "reports") throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + out + "/report.json"))
}

/// Validates report.json bytes against docs/report.schema.json with Python's jsonschema.
func schemaProblems(in report: Data) throws -> String? {
    let directory = TemporaryDirectory()
    let file = directory.path + "/report.json"
    try report.write(to: URL(fileURLWithPath: file))
    let result = try run("/usr/bin/env", ["python3", packageRoot + "/scripts/validate-json.py", file])
    return result.status == 0 ? nil : result.stderr + result.stdout
}

/// A rule file with one valid rule (id on line 2, pattern on line 4, fact on line 5); each
/// `extra` line is added to the rule's mapping from line 6 on. Drop the first line to append
/// the rule to another file's `rules:` list.
func ruleYAML(
    id: String = "t.amount", pattern: String = #"(?<n>\d+) USD"#, key: String = "amount", value: String = "{n}",
    example: String = "giá 10 USD", facts: String = "[{key: amount, value: '10'}]", counterexample: String = "không có số",
    extra: [String] = []
) -> String {
    """
    rules:
      - id: \(id)
        description: test rule
        pattern: '\(pattern)'
        fact: {key: '\(key)', value: '\(value)'}
    \(extra.map { "    \($0)\n" }.joined())    examples:
          - text: '\(example)'
            facts: \(facts)
        counterexamples: ['\(counterexample)']

    """
}

/// A seeded random number generator (SplitMix64), so that a property test repeats its inputs.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
