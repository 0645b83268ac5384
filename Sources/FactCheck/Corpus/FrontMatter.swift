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
        let text = String(decoding: file.bytes[span.yaml], as: UTF8.self)
        let root: Node?
        do {
            root = try YAML.compose(text)
        } catch {
            throw .frontMatter(path: file.path, line: span.yamlLine + error.line - 1, message: error.message)
        }
        guard let root else { return DocumentMetadata() }
        guard let mapping = root.mapping else {
            throw .frontMatter(path: file.path, line: span.yamlLine, message: "expected key: value pairs")
        }
        var fields: [(key: String, value: String, line: Int)] = []
        for (key, value) in mapping {
            let line = span.yamlLine + key.line - 1
            guard let name = key.scalarText else {
                throw .frontMatter(path: file.path, line: line, message: "keys must be plain text")
            }
            fields.append((name, metadataText(value), line))
        }
        return DocumentMetadata(fields: fields, path: file.path, errors: &errors)
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
    /// Metadata from named text fields (front matter keys or JSON Lines record fields).
    /// `title`, `date` and `url` have their own fields; `id` and every other key go to `extra`.
    /// A bad date is added to `errors` and left out.
    init(fields: [(key: String, value: String, line: Int)], path: String, errors: inout [CorpusError]) {
        self.init()
        for field in fields {
            switch field.key {
            case "title": title = field.value
            case "url": url = field.value
            case "date":
                date = CalendarDate(parsing: field.value)
                if date == nil { errors.append(.badDate(path: path, line: field.line, value: field.value)) }
            default: extra[field.key] = field.value
            }
        }
    }
}
