/// Why an input (or part of one) could not be read, or (a warning) what in it was probably
/// meant otherwise. The rest of the batch is still checked.
public enum CorpusError: LocatedError, Equatable {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case unsupportedType(path: String)
    /// `offset` is the byte offset of the first bad byte in the file; `likely`, the legacy
    /// Vietnamese encoding the file seems to be in.
    case invalidUTF8(path: String, offset: Int, line: Int, likely: LegacyEncoding?)
    /// A NUL byte at `offset`: a binary file, not an article.
    case binary(path: String, offset: Int)
    case frontMatter(path: String, line: Int, message: String)
    case jsonLine(path: String, line: Int, column: Int, message: String)
    case badRecord(path: String, line: Int, message: String)
    case badDate(path: String, line: Int, value: String)
    /// A symbolic link under a directory given whose target is outside it.
    case linkOutsideCorpus(path: String, target: String, root: String)
    /// A document whose id another document of the run has (`first`, at `firstLine`).
    case duplicateID(path: String, line: Int, id: String, first: String, firstLine: Int)
    /// The paths given hold no article: `files` article files were read (all bad), `skipped`
    /// files were not articles.
    case noArticles(paths: [String], files: Int, skipped: Int)
    /// A warning: a metadata key written in another case than the one it is read as (`Date:`).
    case keyCase(path: String, line: Int, key: String, canonical: String)
    /// A warning: an unknown metadata key one edit from a known one (`titel:`), kept as an
    /// extra field.
    case likelyKey(path: String, line: Int, key: String, suggestion: String)
    /// An HTML file that libxml2 could not read to its end (`line`, where it stopped).
    case html(path: String, line: Int?, message: String)
    /// A Word document that cannot be read: not a ZIP archive, damaged, past a limit, no
    /// document part; or a property of it that is refused (`skipped` false: the rest is read).
    case docx(path: String, message: String, skipped: Bool)

    public var kind: ErrorKind { .input }

    /// A warning leaves the document as it would be read without it; it never changes the exit code.
    public var severity: Severity {
        switch self {
        case .keyCase, .likelyKey: .warning
        default: .error
        }
    }

    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _), .unsupportedType(let path),
             .invalidUTF8(let path, _, _, _), .binary(let path, _), .frontMatter(let path, _, _), .jsonLine(let path, _, _, _),
             .badRecord(let path, _, _), .badDate(let path, _, _), .linkOutsideCorpus(let path, _, _), .duplicateID(let path, _, _, _, _),
             .keyCase(let path, _, _, _), .likelyKey(let path, _, _, _), .html(let path, _, _), .docx(let path, _, _):
            path
        case .noArticles(let paths, _, _): paths.isEmpty ? "." : paths.joined(separator: " ")
        }
    }

    public var line: Int? {
        switch self {
        case .notFound, .unreadable, .unsupportedType, .binary, .linkOutsideCorpus, .noArticles, .docx: nil
        case .html(_, let line, _): line
        case .invalidUTF8(_, _, let line, _), .frontMatter(_, let line, _), .jsonLine(_, let line, _, _),
             .badRecord(_, let line, _), .badDate(_, let line, _), .duplicateID(_, let line, _, _, _),
             .keyCase(_, let line, _, _), .likelyKey(_, let line, _, _):
            line
        }
    }

    public var column: Int? {
        if case .jsonLine(_, _, let column, _) = self { return column }
        return nil
    }

    public var message: String {
        switch self {
        case .notFound: "no such file or directory"
        case .unreadable(_, let reason): "cannot read: \(reason)"
        case .unsupportedType: "unsupported file type (expected .md, .markdown, .txt, .jsonl, .html, .htm or .docx)"
        case .invalidUTF8(_, let offset, _, nil): "not valid UTF-8 at byte offset \(offset); the file was skipped (save it as UTF-8)"
        case .invalidUTF8(_, let offset, _, let likely?):
            "not valid UTF-8 at byte offset \(offset): the text looks like \(likely.rawValue), a legacy Vietnamese encoding; "
                + "the file was skipped (convert it to UTF-8 with \(likely.conversion))"
        case .binary(_, let offset): "a NUL byte at offset \(offset): a binary file, not an article; the file was skipped"
        case .frontMatter(_, _, let message): "front matter: \(message)"
        case .jsonLine(_, _, _, let message): "invalid JSON: \(message); the line was skipped"
        case .badRecord(_, _, let message): "\(message); the line was skipped"
        case .badDate(_, _, let value): "date '\(value)' is not a valid date (expected YYYY-MM-DD or DD/MM/YYYY); the article is checked without a publication date"
        case .linkOutsideCorpus(_, let target, let root):
            "a symbolic link to \(target), outside \(root); not read (--follow-links reads what links point to)"
        case .duplicateID(_, _, let id, let first, let firstLine):
            "document id '\(id)' is also the id of \(first):\(firstLine); ids must be unique across the corpus, since checks tell articles apart by id"
        case .noArticles(let paths, let files, let skipped):
            "no article to check in "
                + (paths.isEmpty ? "no path" : paths.count == 1 ? "the path given" : "the \(paths.count) paths given")
                + (files > 0 ? ": the \(files == 1 ? "file" : "\(files) files") read held none" : ": no "
                    + CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", ", last: " or ")
                    + " file under \(paths.count == 1 ? "it" : "them")")
                + (skipped > 0 ? " (\(skipped) \(skipped == 1 ? "file" : "files") skipped, not articles)" : "")
                + "; nothing was checked. Pass --allow-empty if an empty corpus is expected"
        case .keyCase(_, _, let key, let canonical):
            "key '\(key)' is read as '\(canonical)' (keys are matched ignoring case); write it '\(canonical)'"
        case .likelyKey(_, _, let key, let suggestion):
            "unknown key '\(key)' (did you mean '\(suggestion)'?); it is kept as an extra field, not read as '\(suggestion)'"
        case .html(_, _, let message): "\(message); the file was skipped"
        case .docx(_, let message, let skipped): skipped ? "\(message); the file was skipped" : message
        }
    }
}

extension Array where Element == String {
    /// "a, b or c".
    func joined(separator: String, last: String) -> String {
        count < 2 ? joined() : dropLast().joined(separator: separator) + last + self[count - 1]
    }
}
