/// A fact key or value template: constant text with `{capture}` placeholders and
/// `{@variable}` document context (front matter, or a context rule), e.g.
/// `"trade.target/{@partner}"` or `"{amount} {currency}"`.
public struct Template: Sendable, Hashable, CustomStringConvertible {
    enum Part: Sendable, Hashable {
        case text(String)
        case capture(String)
        case context(String)
    }

    let parts: [Part]
    public let description: String

    /// Parses `{name}` placeholders. A `{` without a matching `}` is an error.
    init(_ text: String) throws(TemplateError) {
        var parts: [Part] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "{" {
                guard let close = text[index...].firstIndex(of: "}") else { throw .unclosedBrace }
                var name = String(text[text.index(after: index)..<close])
                let isContext = name.hasPrefix("@")
                if isContext { name.removeFirst() }
                guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw .badName(name)
                }
                if !literal.isEmpty { parts.append(.text(literal)) }
                literal = ""
                parts.append(isContext ? .context(name) : .capture(name))
                index = text.index(after: close)
            } else {
                literal.append(character)
                index = text.index(after: index)
            }
        }
        if !literal.isEmpty { parts.append(.text(literal)) }
        self.parts = parts
        self.description = text
    }

    /// The capture names used, in order of first use.
    var captureNames: [String] {
        var seen: [String] = []
        for case .capture(let name) in parts where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// Whether the template uses document context, so context must be known before it renders.
    var usesContext: Bool {
        !contextNames.isEmpty
    }

    /// The context variables used (`{@partner}`: "partner"), in order of first use.
    var contextNames: [String] {
        var seen: [String] = []
        for case .context(let name) in parts where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// The template as a key pattern: its text, with `*` for each capture and context.
    var pattern: String {
        parts.map { part in
            if case .text(let text) = part { text } else { "*" }
        }.joined()
    }

    /// Fills the placeholders (an unset capture is empty, unknown context is "?") and
    /// collapses runs of spaces.
    func render(_ captures: [String: String], context: [String: String] = [:]) -> String {
        let text = parts.map { part -> String in
            switch part {
            case .text(let text): text
            case .capture(let name): captures[name] ?? ""
            case .context(let name): context[name] ?? "?"
            }
        }.joined()
        return Self.collapsingSpaces(text)
    }

    /// `text` with runs of spaces, tabs and line breaks made one space, none at either end.
    static func collapsingSpaces(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var space = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            bytes.append(byte)
        }
        return bytes.count == text.utf8.count ? text : String(decoding: bytes, as: UTF8.self)
    }
}

enum TemplateError: Error, Equatable {
    case unclosedBrace
    case badName(String)

    var message: String {
        switch self {
        case .unclosedBrace: "'{' without a closing '}'"
        case .badName(let name): "'{\(name)}' is not a capture name or '@' context name (letters, digits and _ only)"
        }
    }
}
