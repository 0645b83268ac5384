import Foundation
import Testing
@testable import FactCheck

/// `--changed-from` lists as git writes them, and changed paths that match no document.
@Suite struct ChangedPathsTests {
    private func parse(_ text: String, null: Bool = false) -> [String]? {
        try? ChangedPaths.parse(Array(text.utf8), nullSeparated: null).get()
    }

    @Test func gitsQuotedPathsAreUnquoted() {
        #expect(parse("\"articles/b\\303\\240i.md\"\nplain.md\n") == ["articles/bài.md", "plain.md"])
        #expect(parse("\"a\\\"b\\\\c\\td.md\"") == ["a\"b\\c\td.md"])
        #expect(parse("  spaced.md \r\n\n") == ["spaced.md"])
        // NUL-separated lists carry paths as they are, quotes and newlines included.
        #expect(parse("articles/bài.md\u{0}\"q\".md\u{0}line\nbreak.md\u{0}", null: true) == ["articles/bài.md", "\"q\".md", "line\nbreak.md"])
    }

    @Test func brokenQuotingIsAnErrorNamingTheEntry() {
        for bad in ["ok.md\n\"unterminated.md", "ok.md\n\"bad \\9 escape.md\"", "ok.md\n\"\\303\""] {
            guard case .failure(let error) = ChangedPaths.parse(Array(bad.utf8), nullSeparated: false) else {
                Issue.record("accepted \(bad)")
                continue
            }
            #expect(error.entry == 2)
        }
    }

    /// A changed path and a document's path name one file however each is written, as
    /// `URL.standardizedFileURL` would say, without asking the file system. (`URL` takes "a//.."
    /// for "a"; the file system, and the run, for ".".)
    @Test func pathsAreComparedAbsoluteAndStandardized() {
        var random = SystemRandomNumberGenerator()
        let parts = ["a", "b.md", ".", "..", "bài mới.md", "x..y", "...", ".md"]
        for _ in 0..<2_000 {
            let path = (0..<Int.random(in: 1...6, using: &random)).map { _ in parts.randomElement(using: &random)! }.joined(separator: "/")
            for written in [path, "/" + path, "/tmp/" + path] where !written.isEmpty {
                #expect(TriageOptions.normalized(written) == URL(fileURLWithPath: written).standardizedFileURL.path, "\(written)")
            }
        }
        let here = FileManager.default.currentDirectoryPath
        #expect(TriageOptions.normalized("./articles//a.md") == here + "/articles/a.md")
        #expect(TriageOptions.normalized("/x/y/../../../a.md") == "/a.md")
        #expect(TriageOptions.normalized("/x//../a.md") == "/a.md")
        #expect(TriageOptions.normalized("/x/a/") == "/x/a")
        #expect(TriageOptions.normalized("/") == "/")
    }

    /// A corpus under git with a committed article and a new one whose name git quotes.
    private func repository() throws -> TemporaryDirectory {
        let directory = TemporaryDirectory()
        directory.write("articles/cu.md", "---\nid: old\ndate: 2025-10-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\n")
        let git = { (arguments: [String]) throws -> ProcessResult in
            try run("/usr/bin/git", ["-C", directory.path, "-c", "user.name=t", "-c", "user.email=t@example.org"] + arguments)
        }
        _ = try git(["init", "-q"])
        _ = try git(["add", "."])
        _ = try git(["commit", "-q", "-m", "base"])
        directory.write("articles/bài mới.md", "---\nid: new\ndate: 2025-11-01\n---\nViệt Nam và Lào phấn đấu đạt kim ngạch thương mại 15 tỷ USD.\n")
        _ = try git(["add", "."])
        directory.write("changed.txt", try git(["diff", "--cached", "--name-only"]).stdout)
        directory.write("changed.z", try git(["diff", "--cached", "-z", "--name-only"]).stdout)
        return directory
    }

    @Test(arguments: [false, true])
    func aNonASCIINameFromGitDiffIsChecked(null: Bool) throws {
        let directory = try repository()
        #expect(try String(contentsOfFile: directory.path + "/changed.txt", encoding: .utf8).hasPrefix("\"articles/b\\303\\240i"))
        let result = try run(factcheckBinary, [
            "check", "articles", "--rules", packageRoot + "/rules", "--format", "text", "--out", "out",
            "--changed-from", null ? "changed.z" : "changed.txt",
        ] + (null ? ["--null"] : []), in: directory.path)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("articles/bài mới.md:5:") && result.stdout.contains(": error:"))
        #expect(!result.stderr.contains("warning"))
    }

    @Test func changedArticlesTheRunHasNoDocumentForAreSaid() throws {
        let directory = try repository()
        directory.write("elsewhere/khac.md", "Bài viết.\n")
        directory.write("list.txt", "articles/cu.md\nelsewhere/khac.md\narticles/da-xoa.md\nREADME.txt.orig\n")
        let arguments = ["check", "articles", "--rules", packageRoot + "/rules", "--format", "text", "--out", "out", "--changed-from", "list.txt"]
        let lenient = try run(factcheckBinary, arguments, in: directory.path)
        #expect(lenient.status == 1)
        #expect(lenient.stderr.contains("elsewhere/khac.md: warning: a changed article that is no document of this run"))
        #expect(lenient.stderr.contains("articles/da-xoa.md: note: deleted by the change"))
        #expect(!lenient.stderr.contains("README"))
        let strict = try run(factcheckBinary, arguments + ["--strict-changed"], in: directory.path)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("elsewhere/khac.md: error: a changed article that is no document of this run"))
    }
}
