import CLibXML2

/// Reads a CMS export (`.html`, `.htm`): one article per file, parsed by libxml2's HTML parser.
///
/// - **Text**: the article's element — the first `<article>` outside site chrome, else the
///   first `<main>`, else `<body>` — with each block (`<p>`, headings, list items, quotes,
///   table rows, `<div>`, …) a paragraph of its own, `<br>` a line break and table cells
///   apart by a tab. White space is collapsed as a browser shows it (not in `<pre>`), and
///   character references are decoded. Never read: `<script>`, `<style>`, `<noscript>`,
///   `<template>`, `<nav>`, `<aside>`, form controls, embedded frames and drawings, comments,
///   and the page's own `<header>` and `<footer>` (those outside any article, section or main;
///   an article's header, with its headline, is read).
/// - **Captions**: the paragraphs of a `<figcaption>` are in the caption zone, whatever the
///   pack's caption patterns say of them.
/// - **Metadata**, as front matter gives it: `title` from `<title>` (else the article's first
///   `<h1>`); `date` from `<meta name="date">` (else `<meta property="article:published_time">`);
///   `url` from `<link rel="canonical">` (else `<meta property="og:url">`); any other
///   `<meta name="KEY" content="…">` is the field KEY (`id`, `partner`, …).
///
/// The file must be UTF-8 (`CorpusLoader.decode` checked it): a `<meta charset>` naming
/// another encoding is ignored, as the bytes are UTF-8 whatever it says. Every fact points
/// at its line and column in the .html file, through `HTMLSourceAligner`.
enum HTMLReader {
    static func read(_ file: SourceFile, into corpus: inout Corpus) {
        do {
            corpus.documents.append(try document(file, errors: &corpus.errors))
        } catch {
            corpus.errors.append(error)
        }
    }

    /// libxml2 takes the length of its input as a C int.
    static let maxBytes = Int(Int32.max)

    static func document(_ file: SourceFile, errors: inout [CorpusError]) throws(CorpusError) -> Document {
        guard file.bytes.count <= maxBytes else {
            throw .html(path: file.path, line: nil, message: "larger than 2 GiB, more than libxml2 reads")
        }
        _ = LibXML2.ready
        guard let context = htmlNewParserCtxt() else {
            throw .html(path: file.path, line: nil, message: "libxml2 could not start a parser (out of memory)")
        }
        defer { htmlFreeParserCtxt(context) }
        // No network, no error printed, and the bytes read as UTF-8 whatever a <meta charset> says.
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
        let tree: htmlDocPtr? = file.bytes.isEmpty ? nil : file.bytes.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                htmlCtxtReadMemory(context, $0.baseAddress, Int32($0.count), file.path, "UTF-8", options)
            }
        }
        defer { if let tree { xmlFreeDoc(tree) } }
        // The parser halts (rather than recovers) only past one of its limits, such as elements
        // nested more than 256 deep: what follows would be lost, so the file is refused.
        if context.pointee.disableSAX != 0 {
            let error = context.pointee.lastError
            let message = LibXML2.message(error.message)
            throw .html(path: file.path, line: error.line > 0 ? Int(error.line) : nil,
                        message: message.hasPrefix("Excessive depth")
                            ? "elements nested more than 256 deep, past libxml2's limit"
                            : "libxml2 stopped reading: \(message)")
        }
        var walker = HTMLWalker(file: file)
        if let tree { walker.walk(tree) }
        let metadata = DocumentMetadata(fields: walker.fields(), path: file.path, errors: &errors)
        return Document(
            path: file.path, id: metadata.extra["id"] ?? file.path, line: 1, metadata: metadata,
            original: walker.text, file: file, fileMap: walker.map.build(), captions: walker.captions)
    }
}

/// One pass over libxml2's tree in document order: every text node is aligned with the file,
/// and those of the article are written to its text, with the map back to the file.
private struct HTMLWalker {
    /// What comes between two runs of text, weakest first; the strongest pending one is written.
    enum Separator: Int, Comparable {
        case none, space, cell, line, paragraph
        static func < (lhs: Separator, rhs: Separator) -> Bool { lhs.rawValue < rhs.rawValue }
        var bytes: [UInt8] {
            switch self {
            case .none: []
            case .space: [0x20]
            case .cell: [0x09]
            case .line: [0x0A]
            case .paragraph: [0x0A, 0x0A]
            }
        }
    }

    static let neverRead: Set<String> = [
        "script", "style", "noscript", "template", "nav", "aside", "iframe", "object", "svg", "math", "canvas",
        "select", "button", "textarea", "head",
    ]
    /// A header or footer outside these is the page's own (HTML's rule for the banner and
    /// the content information).
    static let sectioning: Set<String> = ["article", "aside", "main", "nav", "section"]
    static let blocks: Set<String> = [
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
        "hr", "legend", "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead",
        "tr", "ul",
    ]

    var aligner: HTMLSourceAligner
    var map = OffsetMapBuilder()
    var text: [UInt8] = []
    var captions: [Range<Int>] = []

    private var pending = Separator.none
    private var root: xmlNodePtr?
    private var inRoot = false
    private var skipped = 0
    private var sections = 0
    private var preformatted = 0
    private var caption = 0
    private var captionStart: Int?
    private var title: [UInt8]?
    private var inTitle = false
    private var heading: [UInt8]?
    private var inHeading = false
    private var metaFields: [(key: String, value: String, line: Int)] = []
    private var publishedTime: (value: String, line: Int)?
    private var canonical: (value: String, line: Int)?
    private var ogURL: (value: String, line: Int)?
    private var titleLine = 1
    private var headingLine = 1

    init(file: SourceFile) {
        aligner = HTMLSourceAligner(raw: file.bytes)
    }

    /// The metadata fields, each once (the first wins), in the order front matter would give them.
    func fields() -> [(key: String, value: String, line: Int)] {
        var fields: [(key: String, value: String, line: Int)] = []
        let fromTitle = title.map(Self.collapsed) ?? ""
        let fromHeading = heading.map(Self.collapsed) ?? ""
        if !fromTitle.isEmpty {
            fields.append(("title", fromTitle, titleLine))
        } else if !fromHeading.isEmpty {
            fields.append(("title", fromHeading, headingLine))
        }
        if let url = canonical ?? ogURL { fields.append(("url", url.value, url.line)) }
        var seen: Set<String> = ["title", "url"]
        for field in metaFields where seen.insert(field.key).inserted { fields.append(field) }
        if let published = publishedTime, seen.insert("date").inserted { fields.append(("date", published.value, published.line)) }
        return fields
    }

    private static func collapsed(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
            .joined(separator: " ")
    }

    // MARK: - The walk

    mutating func walk(_ tree: htmlDocPtr) {
        root = Self.articleElement(in: tree)
        // Iterative, depth first: a deep tree (up to libxml2's 256 levels, or more from another
        // version) never grows the stack.
        var node = tree.pointee.children
        while let current = node {
            if current.pointee.type == XML_ELEMENT_NODE {
                enter(current)
                if let child = current.pointee.children {
                    node = child
                    continue
                }
                leave(current)
            } else if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE {
                visitText(current)
            }
            // Up until a node has a next sibling, leaving each element on the way.
            var climbing: xmlNodePtr? = current
            node = nil
            while let up = climbing {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                climbing = up.pointee.parent
                guard let parent = climbing, parent.pointee.type == XML_ELEMENT_NODE else { break }
                leave(parent)
            }
        }
    }

    /// The element the article is in: the first `<article>` outside site chrome, else the first
    /// `<main>`, else `<body>` (nil for a document without one: then nothing is read).
    private static func articleElement(in tree: htmlDocPtr) -> xmlNodePtr? {
        var main: xmlNodePtr?
        var body: xmlNodePtr?
        var stack: [(node: xmlNodePtr, chrome: Bool)] = []
        var node = tree.pointee.children
        while let current = node {
            stack.append((current, false))
            node = current.pointee.next
        }
        stack.reverse()
        while let (current, inChrome) = stack.popLast() {
            guard current.pointee.type == XML_ELEMENT_NODE, let name = elementName(current) else { continue }
            if name == "article", !inChrome { return current }
            if name == "main", main == nil, !inChrome { main = current }
            if name == "body", body == nil { body = current }
            let chrome = inChrome || neverRead.contains(name) || name == "header" || name == "footer"
            var children: [xmlNodePtr] = []
            var child = current.pointee.children
            while let next = child {
                children.append(next)
                child = next.pointee.next
            }
            for child in children.reversed() { stack.append((child, chrome)) }
        }
        return main ?? body
    }

    private static func elementName(_ node: xmlNodePtr) -> String? {
        LibXML2.string(node.pointee.name)?.lowercased()
    }

    private var reading: Bool { inRoot && skipped == 0 }

    private mutating func enter(_ node: xmlNodePtr) {
        guard let name = Self.elementName(node) else { return }
        if node == root { inRoot = true }
        switch name {
        case "meta": readMeta(node)
        case "link": readLink(node)
        case "title" where title == nil:
            inTitle = true
            title = []
            titleLine = Int(xmlGetLineNo(node))
        default: break
        }
        let pageChrome = (name == "header" || name == "footer") && sections == 0
        if Self.neverRead.contains(name) || pageChrome { skipped += 1 }
        if Self.sectioning.contains(name) { sections += 1 }
        guard reading else { return }
        if Self.blocks.contains(name) { pending = max(pending, .paragraph) }
        switch name {
        case "br": pending = max(pending, .line)
        case "td", "th": pending = max(pending, .cell)
        case "pre": preformatted += 1
        case "figcaption": caption += 1
        case "h1" where heading == nil:
            inHeading = true
            heading = []
            headingLine = Int(xmlGetLineNo(node))
        default: break
        }
    }

    private mutating func leave(_ node: xmlNodePtr) {
        guard let name = Self.elementName(node) else { return }
        if reading {
            if Self.blocks.contains(name) { pending = max(pending, .paragraph) }
            switch name {
            case "pre": preformatted -= 1
            case "figcaption":
                caption -= 1
                if caption == 0, let start = captionStart {
                    captions.append(start..<text.count)
                    captionStart = nil
                }
            case "h1": inHeading = false
            default: break
            }
        }
        if name == "title" { inTitle = false }
        if Self.sectioning.contains(name) { sections -= 1 }
        let pageChrome = (name == "header" || name == "footer") && sections == 0
        if Self.neverRead.contains(name) || pageChrome { skipped -= 1 }
        if node == root { inRoot = false }
    }

    private mutating func visitText(_ node: xmlNodePtr) {
        guard let content = node.pointee.content else { return }
        let decoded = LibXML2.bytes(content)
        let parent = node.pointee.parent.flatMap(Self.elementName)
        let asWritten = parent == "script" || parent == "style" || node.pointee.type == XML_CDATA_SECTION_NODE
        let alignment = aligner.align(decoded, asWritten: asWritten)
        if inTitle { title?.append(contentsOf: decoded) }
        guard reading else { return }
        if inHeading { heading?.append(contentsOf: decoded) }
        // Text that matched nowhere in the file is placed where the aligner stands.
        write(decoded, alignment ?? .init(start: aligner.cursor, steps: [.init(raw: 0, decoded: decoded.count, verbatim: false)]))
    }

    // MARK: - Writing the article's text

    /// Writes a node's text, its white space collapsed (outside `<pre>`), each byte mapped to
    /// where it came from in the file.
    private mutating func write(_ decoded: UnsafeBufferPointer<UInt8>, _ alignment: HTMLSourceAligner.Alignment) {
        var rawPosition = alignment.start
        var position = 0
        for step in alignment.steps {
            if step.verbatim {
                for offset in 0..<step.decoded {
                    let byte = decoded[position + offset]
                    if preformatted == 0, Self.isSpace(byte) {
                        pending = max(pending, .space)
                    } else {
                        put(CollectionOfOne(byte), from: rawPosition + offset, to: rawPosition + offset + 1, verbatim: true)
                    }
                }
            } else if step.decoded > 0 {
                let unit = UnsafeBufferPointer(rebasing: decoded[position..<(position + step.decoded)])
                if preformatted == 0, unit.allSatisfy(Self.isSpace) {
                    pending = max(pending, .space)
                } else {
                    put(unit, from: rawPosition, to: rawPosition + step.raw, verbatim: false)
                }
            }
            rawPosition += step.raw
            position += step.decoded
        }
    }

    /// Appends `bytes`, which came from `start..<end` of the file, after the pending separator
    /// (made from the file's bytes skipped since the last text: markup, white space).
    private mutating func put(_ bytes: some Collection<UInt8>, from start: Int, to end: Int, verbatim: Bool) {
        let separator = text.isEmpty ? [] : pending.bytes
        let gap = start - map.sourceCount
        if gap > 0 || !separator.isEmpty {
            map.replace(sourceLength: max(gap, 0), derivedLength: separator.count)
            text += separator
        }
        pending = .none
        if caption > 0, captionStart == nil { captionStart = text.count }
        if verbatim {
            map.copy(bytes.count)
        } else {
            map.replace(sourceLength: end - start, derivedLength: bytes.count)
        }
        text += bytes
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    // MARK: - Metadata

    private mutating func readMeta(_ node: xmlNodePtr) {
        guard let content = Self.attribute(node, "content") else { return }
        let line = Int(xmlGetLineNo(node))
        if let name = Self.attribute(node, "name")?.lowercased(), !name.isEmpty {
            metaFields.append((name, content, line))
        }
        switch Self.attribute(node, "property")?.lowercased() {
        case "article:published_time" where publishedTime == nil: publishedTime = (content, line)
        case "og:url" where ogURL == nil: ogURL = (content, line)
        default: break
        }
    }

    private mutating func readLink(_ node: xmlNodePtr) {
        guard canonical == nil, Self.attribute(node, "rel")?.lowercased() == "canonical", let href = Self.attribute(node, "href") else { return }
        canonical = (href, Int(xmlGetLineNo(node)))
    }

    /// An attribute's decoded value, read from its text children (no allocation to free).
    private static func attribute(_ node: xmlNodePtr, _ wanted: String) -> String? {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = LibXML2.string(current.pointee.name), name.lowercased() == wanted {
                var value: [UInt8] = []
                var child = current.pointee.children
                while let text = child {
                    if let content = text.pointee.content {
                        value.append(contentsOf: LibXML2.bytes(content))
                    }
                    child = text.pointee.next
                }
                return String(decoding: value, as: UTF8.self)
            }
            attribute = current.pointee.next
        }
        return nil
    }
}
