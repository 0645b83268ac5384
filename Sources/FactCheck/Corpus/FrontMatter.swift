import Foundation
import Yams

/// YAML front matter at the top of a Markdown article, between two `---` lines.
enum FrontMatter {
    /// Where the front matter and the body are in the file's bytes.
    struct Span {
        /// The YAML text, without the fences.
        var yaml: Range<Int>
        /// 1-based line of the first YAML line.
        var yamlLine: Int
        /// Where the body starts (after the closing fence's line end), and its line.
        var bodyStart: Int
        var bodyLine: Int
        /// False when no closing fence was found: then the body is the whole file.
        var isClosed: Bool
    }

    /// Finds front matter opened by `---` on the first line; nil when the file has none.
    static func locate(in bytes: [UInt8]) -> Span? {
        let lines = lineRanges(bytes)
        guard let first = lines.first, trimmed(bytes[first.content]).elementsEqual("---".utf8) else { return nil }
        for (index, line) in lines.enumerated().dropFirst() {
            let text = trimmed(bytes[line.content])
            if text.elementsEqual("---".utf8) || text.elementsEqual("...".utf8) {
                return Span(yaml: first.next..<line.content.lowerBound, yamlLine: 2,
                            bodyStart: line.next, bodyLine: index + 2, isClosed: true)
            }
        }
        return Span(yaml: first.next..<bytes.count, yamlLine: 2, bodyStart: 0, bodyLine: 1, isClosed: false)
    }

    /// Reads the metadata. Throws for an unclosed fence, bad YAML or a non-mapping; a bad
    /// field is added to `errors` and the other fields are kept.
    static func parse(_ span: Span, in file: SourceFile, errors: inout [CorpusError]) throws(CorpusError) -> DocumentMetadata {
        guard span.isClosed else {
            throw .frontMatter(path: file.path, line: 1, message: "no closing '---' line; the whole file is read as the article")
        }
        var fields = plainFields(file.bytes[span.yaml], firstLine: span.yamlLine)
        if fields == nil {
            fields = try yamlFields(String(decoding: file.bytes[span.yaml], as: UTF8.self), firstLine: span.yamlLine, path: file.path)
        }
        return DocumentMetadata(fields: fields!, path: file.path, errors: &errors)
    }

    /// The fields of front matter as YAML reads them.
    static func yamlFields(_ text: String, firstLine: Int, path: String) throws(CorpusError) -> [(key: String, value: String, line: Int)] {
        let root: Node?
        do {
            root = try YAML.compose(text)
        } catch {
            throw .frontMatter(path: path, line: firstLine + error.line - 1, message: error.message)
        }
        guard let root else { return [] }
        guard let mapping = root.mapping else {
            throw .frontMatter(path: path, line: firstLine, message: "expected key: value pairs")
        }
        var fields: [(key: String, value: String, line: Int)] = []
        for (key, value) in mapping {
            let line = firstLine + key.line - 1
            guard let name = key.scalarText else {
                throw .frontMatter(path: path, line: line, message: "keys must be plain text")
            }
            fields.append((name, metadataText(value), line))
        }
        return fields
    }

    /// The fields of front matter that is only `key: value` lines with plain values, the way
    /// newsroom exports write it, read without a YAML parser (which costs a third of loading);
    /// nil for anything else — quotes, lists, comments, a value YAML might read otherwise,
    /// a repeated key — which Yams reads. Both give the same fields (a test holds them equal).
    static func plainFields(_ bytes: ArraySlice<UInt8>, firstLine: Int) -> [(key: String, value: String, line: Int)]? {
        var fields: [(key: String, value: String, line: Int)] = []
        var keys: Set<String> = []
        var line = firstLine
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.endIndex
            var content = bytes[start..<end]
            if content.last == 0x0D { content = content.dropLast() }
            defer { line += 1; start = end + 1 }
            if content.isEmpty { continue }
            guard let colon = content.firstIndex(of: UInt8(ascii: ":")), colon + 1 < content.endIndex,
                  content[colon + 1] == 0x20 else { return nil }
            let key = content[..<colon]
            guard let head = key.first, isKeyStart(head), key.allSatisfy(isKeyByte) else { return nil }
            let value = content[(colon + 1)...].drop { $0 == 0x20 }
            guard isPlain(value) else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            guard keys.insert(name).inserted else { return nil }
            fields.append((name, String(decoding: value, as: UTF8.self), line))
        }
        return fields
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == UInt8(ascii: "_")
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        isKeyStart(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
    }

    /// A value YAML reads as itself, a plain string: not empty, no indicator first, no ": "
    /// or " #" inside and no ":" at its end, no tab, no space or control byte at its end.
    private static func isPlain(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first, let last = value.last, last > 0x20, last != UInt8(ascii: ":"),
              !"-?:,[]{}#&*!|>'\"%@`~".utf8.contains(first) else { return false }
        var previous: UInt8 = 0
        for byte in value {
            if byte < 0x20 || byte == 0x7F { return false }
            if (previous == UInt8(ascii: ":") && byte == 0x20) || (previous == 0x20 && byte == UInt8(ascii: "#")) { return false }
            previous = byte
        }
        return !["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE", "yes", "no", "on", "off"].contains { value.elementsEqual($0.utf8) }
    }

    /// A value as text: scalars as written, a list of scalars joined with ", ", anything else as YAML.
    private static func metadataText(_ node: Node) -> String {
        if let text = node.scalarText { return text }
        if let sequence = node.sequence, sequence.allSatisfy({ $0.scalar != nil }) {
            return sequence.compactMap(\.scalarText).joined(separator: ", ")
        }
        return ((try? Yams.serialize(node: node)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private struct LineRange {
        var content: Range<Int>
        var next: Int
    }

    private static func lineRanges(_ bytes: [UInt8]) -> [LineRange] {
        var result: [LineRange] = []
        var start = 0
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            result.append(LineRange(content: start..<offset, next: offset + 1))
            start = offset + 1
        }
        if start < bytes.count { result.append(LineRange(content: start..<bytes.count, next: bytes.count)) }
        return result
    }

    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var line = line
        while let last = line.last, last == 0x0D || last == 0x20 || last == 0x09 { line.removeLast() }
        return line
    }
}

extension DocumentMetadata {
    /// The keys factcheck reads itself, as written in the docs: `title`, `date` and `url` have
    /// their own fields, `id` names the document. Any other key is the article's own (`partner`,
    /// `author`) and is kept as written.
    static let knownKeys = ["date", "id", "title", "url"]

    /// Metadata from named text fields (front matter keys or JSON Lines record fields).
    /// `title`, `date` and `url` have their own fields; `id` and every other key go to `extra`.
    /// A bad date is added to `errors` and left out.
    ///
    /// A known key is matched ignoring case (`Date:` is the date), with a warning in `errors`
    /// naming the line; an unknown key one edit from a known one or from `alsoKnown` (`titel`,
    /// `dat`, `ulr`) gets a did-you-mean warning and is kept as an extra field. Keys shorter than
    /// three characters get none: one edit from `id` is half the key.
    ///
    /// Keys and values are read in the matching form, as the text is, with spaces collapsed: a
    /// zero-width space inside `partner: Lào`, an NBSP after it, `date: ２０２５-10-20` or an
    /// id written in NFD would otherwise key the article's facts apart from everyone else's, or
    /// lose its date. The title is kept as written, for reports (extraction reads it in the
    /// matching form), and so is the url, a link; a bad date is quoted as written.
    init(fields: [(key: String, value: String, line: Int)], path: String, errors: inout [CorpusError], alsoKnown: [String] = []) {
        self.init()
        for field in fields {
            switch Self.readKey(Self.matchingForm(field.key), path: path, line: field.line, errors: &errors, alsoKnown: alsoKnown) {
            case "title": title = field.value
            case "url": url = field.value
            case "date":
                date = CalendarDate(parsing: Self.matchingForm(field.value))
                if date == nil { errors.append(.badDate(path: path, line: field.line, value: field.value)) }
            case let key: extra[key] = Self.matchingForm(field.value)
            }
        }
    }

    /// The key as read: a known key in its own case (warning when written in another), else as
    /// written (warning when one edit from a known key).
    static func readKey(_ key: String, path: String, line: Int, errors: inout [CorpusError], alsoKnown: [String] = []) -> String {
        let known = knownKeys + alsoKnown
        guard !known.contains(key) else { return key }
        let lowercased = key.lowercased()
        if let canonical = known.first(where: { $0 == lowercased }) {
            errors.append(.keyCase(path: path, line: line, key: key, canonical: canonical))
            return canonical
        }
        if key.unicodeScalars.count >= 3, let suggestion = known.first(where: { EditDistance.isOneEdit(lowercased, $0) }) {
            errors.append(.likelyKey(path: path, line: line, key: key, suggestion: suggestion))
        }
        return key
    }

    private static func matchingForm(_ text: String) -> String {
        // Printable ASCII without spaces, as most keys, ids and dates are, is its own matching form.
        guard text.utf8.contains(where: { $0 < 0x21 || $0 > 0x7E }) else { return text }
        return Template.collapsingSpaces(Canonicalizer.canonicalize(text))
    }
}
