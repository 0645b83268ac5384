/// Reads a JSON Lines export: one article per line, `{"id", "title", "date", "text" | "body", ...}`.
///
/// A line that is not valid JSON, not an object, or has no text is an error naming the file,
/// line (and column for JSON syntax); the other lines are still read. Locations of facts point
/// into the raw line, through the escapes of the JSON string.
enum JSONLinesReader {
    /// The fields that hold the article, matched ignoring case like the metadata's.
    static let textKeys = ["text", "body"]

    static func read(_ file: SourceFile, into corpus: inout Corpus) {
        var lineStart = 0
        var lineNumber = 1
        let bytes = file.bytes
        while lineStart < bytes.count {
            var lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let next = lineEnd + 1
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                do {
                    let document = try self.document(line, lineStart: lineStart, lineNumber: lineNumber, file: file, errors: &corpus.errors)
                    corpus.documents.append(document)
                } catch {
                    corpus.errors.append(error)
                }
            }
            lineStart = next
            lineNumber += 1
        }
    }

    private static func document(
        _ line: ArraySlice<UInt8>, lineStart: Int, lineNumber: Int, file: SourceFile, errors: inout [CorpusError]
    ) throws(CorpusError) -> Document {
        let value: JSONLineValue
        do {
            value = try JSONLineParser.parse(line)
        } catch {
            let column = line.prefix(error.offset).reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            throw .jsonLine(path: file.path, line: lineNumber, column: column, message: error.message)
        }
        guard case .object(let members) = value else {
            throw .badRecord(path: file.path, line: lineNumber, message: "expected a JSON object with the article's fields")
        }
        var text: JSONLineString?
        var fields: [(key: String, value: String, line: Int)] = []
        // `Text` is the text, with a warning, as `Title` is the title (`DocumentMetadata`).
        var warnings: [CorpusError] = []
        for (key, member) in members {
            let textKey = textKeys.contains(key.lowercased()) ? DocumentMetadata.readKey(key, path: file.path, line: lineNumber, errors: &warnings, alsoKnown: textKeys) : nil
            switch (textKey, member) {
            case (_?, .string(let string)):
                text = text ?? string
            case (_?, _):
                throw .badRecord(path: file.path, line: lineNumber, message: "'\(key)' must be a string")
            case (nil, .string(let string)): fields.append((key, string.value, lineNumber))
            case (nil, .null): break
            default: fields.append((key, member.jsonText, lineNumber))
            }
        }
        guard let text else {
            let near = members.lazy.compactMap { member in
                textKeys.first { EditDistance.isOneEdit(member.key.lowercased(), $0) }.map { (written: member.key, meant: $0) }
            }.first
            throw .badRecord(path: file.path, line: lineNumber, message: "the record has no 'text' or 'body' string"
                             + (near.map { " (it has '\($0.written)': did you mean '\($0.meant)'?)" } ?? ""))
        }
        errors += warnings
        let metadata = DocumentMetadata(fields: fields, path: file.path, errors: &errors, alsoKnown: textKeys)
        return Document(
            path: file.path, id: metadata.extra["id"] ?? "\(file.path):\(lineNumber)", line: lineNumber,
            metadata: metadata, original: Array(text.value.utf8),
            file: file, fileMap: text.offsets.shifted(by: lineStart))
    }
}

extension JSONLineValue {
    /// Compact JSON for a metadata value that is not a string.
    var jsonText: String {
        switch self {
        case .null: "null"
        case .bool(let flag): String(flag)
        case .number(let literal): literal
        case .string(let string): Self.quoted(string.value)
        case .array(let items): "[" + items.map(\.jsonText).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { Self.quoted($0.key) + ":" + $0.value.jsonText }.joined(separator: ",") + "}"
        }
    }

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20: result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
