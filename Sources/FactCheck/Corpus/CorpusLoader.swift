import Foundation
import Yams

/// The articles found under the given paths, and what could not be read.
public struct Corpus: Sendable {
    public var documents: [Document] = []
    public var errors: [CorpusError] = []
    /// The files under each directory given that are not articles by their extension.
    public var skipped: [SkippedFiles] = []
}

/// The files under one directory given that were not read because their extension is not an
/// article's (a PDF, a Word file, notes without an extension): said once per directory, so
/// that a corpus exported in a format factcheck does not read is not checked as empty without
/// a word. Hidden entries are not counted: they are skipped on purpose.
public struct SkippedFiles: Sendable, Equatable, CustomStringConvertible {
    /// The directory as given on the command line.
    public var directory: String
    /// How many files of each extension (lower case, without the dot; "" for none).
    public var byExtension: [String: Int] = [:]

    public var count: Int { byExtension.values.reduce(0, +) }

    /// `articles/: note: 3 files skipped, not articles: 2 .pdf, 1 .docx (read: .jsonl, .md, ...)`.
    public var description: String {
        // Most first; files without an extension last.
        let kinds = byExtension.sorted { ($0.key.isEmpty ? 1 : 0, $1.value, $0.key) < ($1.key.isEmpty ? 1 : 0, $0.value, $1.key) }.map { name, count in
            name.isEmpty ? "\(count) without an extension" : "\(count) .\(name)"
        }
        let read = CorpusLoader.articleExtensions.sorted().map { "." + $0 }.joined(separator: ", ")
        return "\(directory.hasSuffix("/") ? directory : directory + "/"): note: \(count) \(count == 1 ? "file" : "files") skipped, "
            + "not articles: \(kinds.joined(separator: ", ")) (read: \(read))"
    }
}

/// Reads files and directories into documents.
///
/// Directories are walked recursively in sorted order (hidden entries skipped, symlink loops
/// visited once); `.txt`, `.md`/`.markdown`, `.jsonl`, `.html`/`.htm` (`HTMLReader`) and `.docx`
/// (`DocxReader`) files are read. A symbolic link is
/// followed only when what it points to is inside the directory given (unless `followLinks`):
/// a link in a pull request must not make a run read `/etc` and quote it in its reports. A bad
/// file, line or front matter becomes a `CorpusError` and everything else is still read.
public enum CorpusLoader {
    public static let articleExtensions: Set<String> = ["txt", "md", "markdown", "jsonl", "html", "htm", "docx"]

    public static func load(paths: [String], followLinks: Bool = false) -> Corpus {
        var corpus = Corpus()
        for path in paths {
            for file in files(at: path, followLinks: followLinks, errors: &corpus.errors, skipped: &corpus.skipped) {
                read(file, into: &corpus)
            }
        }
        corpus.errors += duplicateIDs(corpus.documents.map { ($0.id, $0.path, $0.line) })
        return corpus
    }

    /// An error at every document (id, path, line) whose id an earlier one has: checks tell
    /// articles apart by id, so a second article under one id would borrow the first's date.
    public static func duplicateIDs(_ documents: [(id: String, path: String, line: Int)]) -> [CorpusError] {
        var first: [String: (path: String, line: Int)] = [:]
        var errors: [CorpusError] = []
        for document in documents {
            if let earlier = first[document.id] {
                errors.append(.duplicateID(path: document.path, line: document.line, id: document.id, first: earlier.path, firstLine: earlier.line))
            } else {
                first[document.id] = (document.path, document.line)
            }
        }
        return errors
    }

    /// The article files at `path`: itself, or everything below it, sorted. The files below a
    /// directory that are not articles are counted in `skipped`.
    static func files(at path: String, followLinks: Bool = false, errors: inout [CorpusError], skipped: inout [SkippedFiles]) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            errors.append(.notFound(path: path))
            return []
        }
        guard !isDirectory.boolValue else {
            var notArticles = SkippedFiles(directory: path)
            let found = walkFiles(under: path, extensions: articleExtensions, followLinks: followLinks, errors: &errors) { file in
                notArticles.byExtension[fileExtension(file), default: 0] += 1
            }
            if notArticles.count > 0 { skipped.append(notArticles) }
            return found
        }
        guard articleExtensions.contains(fileExtension(path)) else {
            errors.append(.unsupportedType(path: path))
            return []
        }
        return [path]
    }

    /// The files with one of `extensions` below `directory`, recursively, in sorted order.
    /// Hidden entries are skipped and a directory reached twice (a symlink loop) is read once.
    /// A symbolic link whose target is outside `directory` is an error and is not followed,
    /// unless `followLinks`. Each file left out for its extension is passed to `skipping`.
    static func walkFiles(
        under directory: String, extensions: Set<String>, followLinks: Bool = false, errors: inout [CorpusError],
        skipping: (String) -> Void = { _ in }
    ) -> [String] {
        var found: [String] = []
        var visited: Set<String> = []
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        /// Whether a link at `child` points inside the corpus (or is no link).
        func staysInside(_ child: String) -> Bool {
            var status = stat()
            guard !followLinks, lstat(child, &status) == 0, status.st_mode & S_IFMT == S_IFLNK else { return true }
            let target = URL(fileURLWithPath: child).resolvingSymlinksInPath().path
            guard target == root || target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                errors.append(.linkOutsideCorpus(path: child, target: target, root: directory))
                return false
            }
            return true
        }
        func walk(_ directory: String) {
            let real = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
            guard visited.insert(real).inserted else { return }
            let entries: [String]
            do {
                entries = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            } catch {
                errors.append(.unreadable(path: directory, reason: (error as NSError).localizedDescription))
                return
            }
            for entry in entries where !entry.hasPrefix(".") {
                let child = directory.hasSuffix("/") ? directory + entry : directory + "/" + entry
                let isArticle = extensions.contains(fileExtension(child))
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else {
                    // Listed but not there: a symbolic link to nothing.
                    if isArticle { errors.append(.unreadable(path: child, reason: "a broken symbolic link")) }
                    continue
                }
                guard isDirectory.boolValue || isArticle else {
                    skipping(child)
                    continue
                }
                guard staysInside(child) else { continue }
                if isDirectory.boolValue {
                    walk(child)
                } else if isArticle {
                    found.append(child)
                }
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            errors.append(.notFound(path: directory))
            return []
        }
        walk(directory)
        return found
    }

    private static func fileExtension(_ path: String) -> String {
        (path as NSString).pathExtension.lowercased()
    }

    // MARK: - Reading one file

    static func read(_ path: String, into corpus: inout Corpus) {
        guard let bytes = contents(of: path, errors: &corpus.errors) else { return }
        decode(bytes, path: path, into: &corpus)
    }

    /// A regular file's bytes; nil (and an error) when it cannot be read.
    static func contents(of path: String, errors: inout [CorpusError]) -> [UInt8]? {
        // A FIFO or device would block or never end: only regular files are read.
        var status = stat()
        guard stat(path, &status) == 0 else {
            errors.append(.unreadable(path: path, reason: String(cString: strerror(errno))))
            return nil
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            errors.append(.unreadable(path: path, reason: "not a regular file (a FIFO, socket or device)"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            errors.append(.unreadable(path: path, reason: "permission denied"))
            return nil
        }
        return [UInt8](data)
    }

    /// The documents of one file's bytes, by the path's extension; a binary file or one that
    /// is not UTF-8 is an error and yields nothing.
    static func decode(_ raw: [UInt8], path: String, into corpus: inout Corpus) {
        // A Word document is a ZIP archive: binary, read by its own reader.
        if fileExtension(path) == "docx" {
            DocxReader.read(raw, path: path, into: &corpus)
            return
        }
        if let offset = raw.firstIndex(of: 0) {
            corpus.errors.append(.binary(path: path, offset: offset))
            return
        }
        if let offset = UTF8Validation.firstInvalidOffset(in: raw) {
            let line = raw[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            corpus.errors.append(.invalidUTF8(path: path, offset: offset, line: line, likely: LegacyEncoding.guess(raw)))
            return
        }
        let file = SourceFile(path: path, bytes: Array(raw.dropFirst(UTF8Validation.byteOrderMarkLength(of: raw))))
        switch fileExtension(path) {
        case "jsonl": JSONLinesReader.read(file, into: &corpus)
        case "md", "markdown": readMarkdown(file, into: &corpus)
        case "html", "htm": HTMLReader.read(file, into: &corpus)
        default: corpus.documents.append(plainDocument(file, body: 0, line: 1, metadata: DocumentMetadata()))
        }
    }

    private static func plainDocument(_ file: SourceFile, body: Int, line: Int, metadata: DocumentMetadata, markdown: Bool = false) -> Document {
        let id = metadata.extra["id"] ?? file.path
        let suppressions = markdown && file.bytes.contains(Suppression.marker)
            ? Suppression.parse(lines: String(decoding: file.bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false),
                                path: file.path, document: id)
            : []
        return Document(
            path: file.path, id: id, line: line,
            metadata: metadata, original: Array(file.bytes[body...]),
            file: file, fileMap: OffsetMap(sourceBase: body), suppressions: suppressions)
    }

    private static func readMarkdown(_ file: SourceFile, into corpus: inout Corpus) {
        guard let frontMatter = FrontMatter.locate(in: file.bytes) else {
            corpus.documents.append(plainDocument(file, body: 0, line: 1, metadata: DocumentMetadata(), markdown: true))
            return
        }
        var metadata = DocumentMetadata()
        do {
            metadata = try FrontMatter.parse(frontMatter, in: file, errors: &corpus.errors)
        } catch {
            corpus.errors.append(error)
        }
        corpus.documents.append(plainDocument(file, body: frontMatter.bodyStart, line: frontMatter.bodyLine, metadata: metadata, markdown: true))
    }
}
