/// Reads a Word document (`.docx`): a ZIP archive whose `word/document.xml` holds the text.
///
/// - **Text**: the body's paragraphs (`w:p`, table cells' included) in order, each a paragraph
///   of the article: the text of its runs (`w:t`, with `w:tab` a tab and `w:br`/`w:cr` a line
///   break; a `w:t` without `xml:space="preserve"` loses its edge white space, as Word shows
///   it), accepted tracked changes (insertions read, deletions and moves away not), field
///   results but not field codes. Never read: text boxes, headers and footers, footnotes,
///   comments (parts of their own, or kept apart in the body).
/// - **Locations**: a .docx has no lines to point at, so a paragraph is a line: line N is the
///   body's Nth paragraph, empty ones counted, and the column counts characters in it.
/// - **Zones and title**: a paragraph in the Caption style (or one based on it) is in the
///   caption zone. The title is the first paragraph in the Title style, else in Heading 1,
///   else the document property `dc:title` (docProps/core.xml); it stays part of the text, as
///   an HTML page's headline does. Styles are known by their names in word/styles.xml, since a
///   localized Word writes its own style ids.
/// - **Metadata**: the custom document properties (File › Properties › Custom;
///   docProps/custom.xml) are the fields front matter would give: `date`, `id`, `partner`, ….
///   The file's created and modified times (docProps/core.xml) are never the article's date:
///   Word sets them when a file is made or saved, so a draft begun last year, or a template
///   copied, would date the article wrongly — and a wrong date makes the reference check call
///   a correct title outdated. Without a `date` property an article is checked without a date,
///   as a Markdown article without one is.
///
/// Every ZIP entry is read within a cap (`maxDocumentBytes`, `maxPartBytes`) and every XML part
/// without DTDs or entities (`XMLPartReader`), so a ZIP or XML bomb is an error naming the file.
enum DocxReader {
    /// word/document.xml: some ten times its text, so about a 12 MB article at most.
    static let maxDocumentBytes = 128 << 20
    /// The other parts read (styles, document properties).
    static let maxPartBytes = 8 << 20

    static func read(_ raw: [UInt8], path: String, into corpus: inout Corpus) {
        do {
            corpus.documents.append(try document(raw, path: path, errors: &corpus.errors))
        } catch {
            corpus.errors.append(.docx(path: path, message: error.message, skipped: true))
        }
    }

    struct Failure: Error {
        var message: String
    }

    static func document(_ raw: [UInt8], path: String, errors: inout [CorpusError]) throws(Failure) -> Document {
        if raw.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw Failure(message: "an encrypted (password-protected) Word document, or an old .doc file named .docx: "
                + "save it as a Word Document (.docx) without a password")
        }
        let archive: ZipArchive
        let body: [UInt8]
        var styles: [UInt8]?
        var core: [UInt8]?
        var custom: [UInt8]?
        do throws(ZipArchive.Failure) {
            archive = try ZipArchive(raw)
            guard let document = try archive.contents(ofEntryNamed: "word/document.xml", limit: maxDocumentBytes) else {
                throw ZipArchive.Failure(message: "no word/document.xml in the archive: not a Word document")
            }
            body = document
            styles = try archive.contents(ofEntryNamed: "word/styles.xml", limit: maxPartBytes)
            core = try archive.contents(ofEntryNamed: "docProps/core.xml", limit: maxPartBytes)
            custom = try archive.contents(ofEntryNamed: "docProps/custom.xml", limit: maxPartBytes)
        } catch {
            throw Failure(message: error.message)
        }
        do {
            let styleKinds = try styles.map(StyleTable.init) ?? StyleTable()
            let paragraphs = try Self.paragraphs(of: body)
            let properties = try core.map(Self.coreTitle) ?? nil
            let fields = try custom.map(Self.customProperties) ?? []
            return build(paragraphs, styles: styleKinds, coreTitle: properties, custom: fields, path: path, errors: &errors)
        } catch let failure as XMLPartReader.Failure {
            throw Failure(message: failure.message)
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    // MARK: - The text and its map

    struct Paragraph {
        /// The text, a line break written as LF.
        var text: [UInt8] = []
        var style: String?
        var isBlank: Bool { !text.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A } }
    }

    /// The document: its file text has one line per paragraph (a line break shown as a space,
    /// so lines stay paragraphs); its text, the paragraphs that are not blank, a blank line
    /// apart, as a Markdown article's are.
    private static func build(
        _ paragraphs: [Paragraph], styles: StyleTable, coreTitle: String?, custom: [(key: String, value: String)], path: String,
        errors: inout [CorpusError]
    ) -> Document {
        var fileText: [UInt8] = []
        var text: [UInt8] = []
        var map = OffsetMapBuilder()
        var captions: [Range<Int>] = []
        var title: (text: String, line: Int)?
        var heading: (text: String, line: Int)?
        for (index, paragraph) in paragraphs.enumerated() {
            if index > 0 { fileText.append(0x0A) }
            let start = fileText.count
            fileText += paragraph.text.map { $0 == 0x0A ? 0x20 : $0 }
            guard !paragraph.isBlank else { continue }
            let kind = styles.kind(of: paragraph.style)
            let words = String(decoding: paragraph.text, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if kind == .title, title == nil { title = (words, index + 1) }
            if kind == .heading, heading == nil { heading = (words, index + 1) }
            let separator: [UInt8] = text.isEmpty ? [] : [0x0A, 0x0A]
            map.replace(sourceLength: start - map.sourceCount, derivedLength: separator.count)
            text += separator
            let paragraphStart = text.count
            for byte in paragraph.text {
                if byte == 0x0A {
                    map.replace(sourceLength: 1, derivedLength: 1)
                } else {
                    map.copy(1)
                }
                text.append(byte)
            }
            if kind == .caption { captions.append(paragraphStart..<text.count) }
        }
        var fields: [(key: String, value: String, line: Int)] = []
        if let title = title ?? heading {
            fields.append(("title", title.text, title.line))
        } else if let coreTitle, !coreTitle.isEmpty {
            fields.append(("title", coreTitle, 1))
        }
        for property in custom where property.key != "title" || fields.isEmpty {
            fields.append((property.key, property.value, 1))
        }
        // A bad date is the property's, not a paragraph's: the error says so, and has no line.
        var metadataErrors: [CorpusError] = []
        let metadata = DocumentMetadata(fields: fields, path: path, errors: &metadataErrors)
        for error in metadataErrors {
            if case .badDate(_, _, let value) = error {
                errors.append(.docx(path: path, message: "the custom property 'date' ('\(value)') is not a valid date (expected YYYY-MM-DD or "
                    + "DD/MM/YYYY); the article is checked without a publication date", skipped: false))
            } else {
                errors.append(error)
            }
        }
        let file = SourceFile(path: path, bytes: fileText)
        return Document(path: path, id: metadata.extra["id"] ?? path, line: 1, metadata: metadata, original: text,
                        file: file, fileMap: map.build(), captions: captions)
    }

    // MARK: - word/document.xml

    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]
    static let markupCompatibility = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"
    /// Elements whose content is not the document's text as it reads: deleted and moved-away
    /// text, field codes, old formatting, text boxes, a content control's settings.
    static let notRead: Set<String> = [
        "del", "moveFrom", "delText", "instrText", "delInstrText", "pPrChange", "rPrChange", "txbxContent", "sdtPr", "fldData",
    ]

    private static func paragraphs(of part: [UInt8]) throws -> [Paragraph] {
        var paragraphs: [Paragraph] = []
        var current: Paragraph?
        var inBody = false, paragraphDepth = 0, properties = 0, runs = 0
        var runText: [UInt8]?
        var preserve = false
        try XMLPartReader.read(part, part: "word/document.xml") { event, attribute in
            switch event {
            case .start(let local, let namespace, _):
                if namespace == markupCompatibility, local == "Fallback" { return false }
                guard let namespace, wordNamespaces.contains(namespace) else { return true }
                if notRead.contains(local) { return false }
                switch local {
                case "body": inBody = true
                case "p" where inBody:
                    if paragraphDepth == 0 { current = Paragraph() }
                    paragraphDepth += 1
                case "pPr": properties += 1
                case "pStyle" where properties > 0 && current != nil: current?.style = attribute("val", namespace)
                case "r": runs += 1
                case "t" where runs > 0 && current != nil:
                    runText = []
                    preserve = attribute("space", xmlNamespace) == "preserve"
                case "tab" where runs > 0 && properties == 0: current?.text.append(0x09)
                case "br" where runs > 0, "cr" where runs > 0: current?.text.append(0x0A)
                case "noBreakHyphen" where runs > 0: current?.text += Array("\u{2011}".utf8)
                default: break
                }
            case .end(let local, let namespace):
                guard let namespace, wordNamespaces.contains(namespace) else { return true }
                switch local {
                case "body": inBody = false
                case "p" where paragraphDepth > 0:
                    paragraphDepth -= 1
                    if paragraphDepth == 0, let paragraph = current {
                        paragraphs.append(paragraph)
                        current = nil
                    }
                case "pPr": properties -= 1
                case "r": runs -= 1
                case "t":
                    guard var text = runText else { break }
                    // Line ends inside a w:t are white space, not breaks.
                    text = text.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
                    if !preserve {
                        while let first = text.first, first == 0x20 || first == 0x09 { text.removeFirst() }
                        while let last = text.last, last == 0x20 || last == 0x09 { text.removeLast() }
                    }
                    current?.text += text
                    runText = nil
                default: break
                }
            case .text(let bytes, _):
                runText? += bytes
            }
            return true
        }
        return paragraphs
    }

    // MARK: - Styles and properties

    enum StyleKind { case title, heading, caption }

    /// Style ids and what their names say, from word/styles.xml.
    struct StyleTable {
        var styles: [String: (name: String?, basedOn: String?)] = [:]

        init() {}

        init(_ part: [UInt8]) throws {
            var id: String?
            var name: String?
            var basedOn: String?
            var table: [String: (name: String?, basedOn: String?)] = [:]
            try XMLPartReader.read(part, part: "word/styles.xml") { event, attribute in
                switch event {
                case .start(let local, let namespace, _):
                    guard let namespace, DocxReader.wordNamespaces.contains(namespace) else { return true }
                    switch local {
                    case "style":
                        id = attribute("styleId", namespace)
                        name = nil
                        basedOn = nil
                    case "name" where id != nil: name = attribute("val", namespace)
                    case "basedOn" where id != nil: basedOn = attribute("val", namespace)
                    default: break
                    }
                case .end(let local, let namespace):
                    if local == "style", let namespace, DocxReader.wordNamespaces.contains(namespace), let styleID = id {
                        if table[styleID] == nil { table[styleID] = (name, basedOn) }
                        id = nil
                    }
                case .text: break
                }
                return true
            }
            styles = table
        }

        /// What a paragraph's style is, by its name or the name of a style it is based on
        /// (a "Photo caption" style based on Caption is a caption); without styles.xml, by its id.
        func kind(of styleID: String?) -> StyleKind? {
            var id = styleID
            for _ in 0..<16 {
                guard let current = id else { return nil }
                guard let style = styles[current] else { return Self.kind(named: current) }
                if let kind = style.name.flatMap(Self.kind(named:)) { return kind }
                id = style.basedOn
            }
            return nil
        }

        private static func kind(named name: String) -> StyleKind? {
            switch name.lowercased().filter({ $0 != " " }) {
            case "title": .title
            case "heading1": .heading
            case "caption": .caption
            default: nil
            }
        }
    }

    /// `dc:title` from docProps/core.xml.
    private static func coreTitle(_ part: [UInt8]) throws -> String? {
        var title: [UInt8]?
        var inTitle = false
        try XMLPartReader.read(part, part: "docProps/core.xml") { event, _ in
            switch event {
            case .start(let local, let namespace, _):
                if local == "title", namespace == "http://purl.org/dc/elements/1.1/", title == nil {
                    inTitle = true
                    title = []
                }
            case .end(let local, _):
                if local == "title" { inTitle = false }
            case .text(let bytes, _):
                if inTitle { title? += bytes }
            }
            return true
        }
        return title.map { String(decoding: $0, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    /// The custom properties of docProps/custom.xml: each `property`'s name, lowercased, and the
    /// text of its value (a string, a date, a number).
    private static func customProperties(_ part: [UInt8]) throws -> [(key: String, value: String)] {
        var properties: [(key: String, value: String)] = []
        var name: String?
        var value: [UInt8] = []
        try XMLPartReader.read(part, part: "docProps/custom.xml") { event, attribute in
            switch event {
            case .start(let local, _, _):
                if local == "property" {
                    name = attribute("name", nil)
                    value = []
                }
            case .end(let local, _):
                if local == "property", let key = name {
                    let text = String(decoding: value, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                    properties.append((key.lowercased(), text))
                    name = nil
                }
            case .text(let bytes, _):
                if name != nil { value += bytes }
            }
            return true
        }
        return properties
    }
}
