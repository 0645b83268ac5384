import CLibXML2

/// One XML part of a .docx, read node by node with libxml2's reader, which keeps no tree: a
/// large document.xml costs its bytes and little more.
///
/// Nothing in a part can make the reader do more than read it: a document type declaration is
/// refused before parsing starts (Word never writes one, and entity declarations are how XML
/// bombs work: "billion laughs"), entities are not substituted (no `XML_PARSE_NOENT`), no DTD
/// is loaded and nothing fetched (`XML_PARSE_NONET`); the bytes are read as UTF-8 whatever the
/// declaration says (a part that is not UTF-8 is refused); and libxml2's own limits hold
/// (no `XML_PARSE_HUGE`: elements nested 256 deep, 10 MB in one text node or attribute), each
/// an error naming the part and line. Errors go to this reader alone, never to stderr.
struct XMLPartReader {
    struct Failure: Error {
        var message: String
    }

    enum Event {
        case start(local: String, namespace: String?, empty: Bool)
        case end(local: String, namespace: String?)
        /// Text, CDATA or white space; `significant` for white space where `xml:space` is
        /// "preserve" and for text that is not only white space.
        case text([UInt8], significant: Bool)
    }

    /// Calls `body` with each event of the part `name`, whose bytes are `bytes`, and with a
    /// way to read an attribute of the element just started; `body` returns false to skip the
    /// element's content (its end event still comes, as for an empty element).
    static func read(
        _ bytes: [UInt8], part name: String, _ body: (Event, (_ local: String, _ namespace: String?) -> String?) throws -> Bool
    ) throws {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            throw Failure(message: "\(name) is not UTF-8 (at byte offset \(offset))")
        }
        if let doctype = documentTypeOffset(in: bytes) {
            throw Failure(message: "\(name) has a document type declaration (at byte offset \(doctype)), which Word never writes and XML bombs need")
        }
        guard !bytes.isEmpty else { throw Failure(message: "\(name) is empty") }
        guard bytes.count <= Int(Int32.max) else { throw Failure(message: "\(name) is larger than 2 GiB") }
        _ = LibXML2.ready
        let errors = ErrorBox()
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        try bytes.withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let reader = xmlReaderForMemory(chars.baseAddress, Int32(chars.count), name, "UTF-8", options) else {
                    throw Failure(message: "libxml2 could not start reading \(name) (out of memory)")
                }
                defer { xmlFreeTextReader(reader) }
                let box = Unmanaged.passUnretained(errors).toOpaque()
                xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
                    guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
                    let errors = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
                    if errors.first == nil { errors.first = (LibXML2.message(error.pointee.message), Int(error.pointee.line)) }
                }, box)
                // Read in place (moving onto the attribute and back), so nothing is left to free.
                func attribute(_ local: String, _ namespace: String?) -> String? {
                    let found = namespace.map { xmlTextReaderMoveToAttributeNs(reader, local, $0) } ?? xmlTextReaderMoveToAttribute(reader, local)
                    guard found == 1 else { return nil }
                    defer { xmlTextReaderMoveToElement(reader) }
                    return LibXML2.string(xmlTextReaderConstValue(reader))
                }
                while true {
                    let status = xmlTextReaderRead(reader)
                    if status == 0 { break }
                    guard status == 1, errors.first == nil else {
                        let (message, line) = errors.first ?? ("libxml2 stopped reading", 0)
                        throw Failure(message: "\(name) is not well-formed XML" + (line > 0 ? " (line \(line))" : "") + ": " + Self.explained(message))
                    }
                    let type = xmlTextReaderNodeType(reader)
                    switch type {
                    case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                        let local = LibXML2.string(xmlTextReaderConstLocalName(reader)) ?? ""
                        let namespace = LibXML2.string(xmlTextReaderConstNamespaceUri(reader))
                        let empty = xmlTextReaderIsEmptyElement(reader) == 1
                        let descend = try body(.start(local: local, namespace: namespace, empty: empty), attribute)
                        if empty {
                            _ = try body(.end(local: local, namespace: namespace), attribute)
                        } else if !descend {
                            // Past the element's content, onto its end.
                            let depth = xmlTextReaderDepth(reader)
                            while xmlTextReaderRead(reader) == 1, errors.first == nil {
                                if xmlTextReaderDepth(reader) == depth, xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) { break }
                            }
                            if let (message, line) = errors.first {
                                throw Failure(message: "\(name) is not well-formed XML (line \(line)): " + Self.explained(message))
                            }
                            _ = try body(.end(local: local, namespace: namespace), attribute)
                        }
                    case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                        let local = LibXML2.string(xmlTextReaderConstLocalName(reader)) ?? ""
                        _ = try body(.end(local: local, namespace: LibXML2.string(xmlTextReaderConstNamespaceUri(reader))), attribute)
                    case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                         Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
                        guard let value = xmlTextReaderConstValue(reader) else { continue }
                        let text = Array(LibXML2.bytes(value))
                        _ = try body(.text(text, significant: type != Int32(XML_READER_TYPE_WHITESPACE.rawValue)), attribute)
                    case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue), Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                        throw Failure(message: "\(name) declares or refers to entities, which Word never does")
                    default:
                        continue
                    }
                }
            }
        }
    }

    /// libxml2's message, in words for the user where it names one of its limits.
    private static func explained(_ message: String) -> String {
        if message.hasPrefix("Excessive depth") { return "elements nested more than 256 deep, past libxml2's limit" }
        if message.contains("Huge input lookup") || message.contains("length too long") || message.contains("too long") {
            return "a text or attribute longer than libxml2's limit (10 MB)"
        }
        return message
    }

    /// The offset of a `<!DOCTYPE` (or any other `<!` declaration) before the root element.
    private static func documentTypeOffset(in bytes: [UInt8]) -> Int? {
        var i = UTF8Validation.byteOrderMarkLength(of: bytes)
        func starts(_ prefix: String, at offset: Int) -> Bool {
            let prefix = Array(prefix.utf8)
            return offset + prefix.count <= bytes.count && Array(bytes[offset..<(offset + prefix.count)]) == prefix
        }
        func skip(past terminator: String, from offset: Int) -> Int {
            var k = offset
            while k < bytes.count, !starts(terminator, at: k) { k += 1 }
            return min(bytes.count, k + terminator.utf8.count)
        }
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            case UInt8(ascii: "<") where starts("<?", at: i): i = skip(past: "?>", from: i + 2)
            case UInt8(ascii: "<") where starts("<!--", at: i): i = skip(past: "-->", from: i + 4)
            case UInt8(ascii: "<") where starts("<!", at: i): return i
            default: return nil
            }
        }
        return nil
    }

    private final class ErrorBox {
        var first: (message: String, line: Int)?
    }
}
