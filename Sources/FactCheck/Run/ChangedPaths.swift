import Foundation

/// The changed files a `--changed` run is about, as `git diff` lists them, and what each of
/// them turned out to be. A list that matches nothing would hide every finding and pass the
/// gate, so every changed article that is no document of the run is said.
public enum ChangedPaths {
    /// The paths of a `--changed-from` file: one per line (`git diff --name-only`), or
    /// NUL-separated (`nullSeparated`, `git diff -z --name-only`, paths as they are). A line in
    /// git's quoted form (`"articles/b\303\240i.md"`, how git writes a path with non-ASCII
    /// bytes or quotes) is unquoted; other lines lose the spaces and CR around them.
    public static func parse(_ bytes: [UInt8], nullSeparated: Bool) -> Result<[String], ParseError> {
        let separator: UInt8 = nullSeparated ? 0 : 0x0A
        var paths: [String] = []
        for (index, entry) in bytes.split(separator: separator, omittingEmptySubsequences: true).enumerated() {
            var entry = Array(entry)
            if !nullSeparated {
                let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                entry = Array(entry.drop(while: blank).reversed().drop(while: blank).reversed())
                guard !entry.isEmpty else { continue }
            }
            if !nullSeparated, entry.first == 0x22 {
                guard let unquoted = unquote(entry) else { return .failure(ParseError(entry: index + 1, text: String(decoding: entry, as: UTF8.self))) }
                entry = unquoted
            }
            guard let path = String(validating: entry, as: UTF8.self) else {
                return .failure(ParseError(entry: index + 1, text: String(decoding: entry, as: UTF8.self)))
            }
            paths.append(path)
        }
        return .success(paths)
    }

    /// An entry of a list that is neither a path nor git's quoting of one.
    public struct ParseError: Error, Sendable {
        /// Its number in the list, from 1.
        public var entry: Int
        public var text: String
    }

    /// Git's C-style quoting: `"` … `"` with `\\`, `\"`, `\a` `\b` `\t` `\n` `\v` `\f` `\r` and
    /// three octal digits for a byte.
    static func unquote(_ quoted: [UInt8]) -> [UInt8]? {
        guard quoted.count >= 2, quoted.last == 0x22 else { return nil }
        let body = quoted[1..<(quoted.count - 1)]
        var bytes: [UInt8] = []
        var index = body.startIndex
        while index < body.endIndex {
            let byte = body[index]
            index += 1
            guard byte == 0x5C else {
                guard byte != 0x22 else { return nil }
                bytes.append(byte)
                continue
            }
            guard index < body.endIndex else { return nil }
            let escaped = body[index]
            index += 1
            switch escaped {
            case UInt8(ascii: "\\"), UInt8(ascii: "\""): bytes.append(escaped)
            case UInt8(ascii: "a"): bytes.append(0x07)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "0")...UInt8(ascii: "3"):
                guard body.endIndex - index >= 2, let second = octal(body[index]), let third = octal(body[index + 1]) else { return nil }
                bytes.append((escaped - 0x30) << 6 | second << 3 | third)
                index += 2
            default: return nil
            }
        }
        return bytes
    }

    private static func octal(_ byte: UInt8) -> UInt8? {
        (0x30...0x37).contains(byte) ? byte - 0x30 : nil
    }

    /// A changed path that is no document of the run.
    public enum Unmatched: Equatable, Sendable {
        /// Not there: the change deleted it (nothing to check).
        case deleted(String)
        /// An article by its extension, but under none of the run's paths, or unreadable.
        case notInCorpus(String)
    }

    /// The changed paths that are articles by extension and match no document of `documents`
    /// (their paths), in the order given.
    public static func unmatched(_ changed: [String], documents: [String]) -> [Unmatched] {
        let known = Set(documents.map(TriageOptions.normalized))
        return changed.compactMap { path in
            guard CorpusLoader.articleExtensions.contains((path as NSString).pathExtension.lowercased()),
                  !known.contains(TriageOptions.normalized(path)) else { return nil }
            return FileManager.default.fileExists(atPath: path) ? .notInCorpus(path) : .deleted(path)
        }
    }
}
