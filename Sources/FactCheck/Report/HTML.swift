import Foundation

/// A fragment of HTML built only from escaped text and elements with escaped attribute
/// values, so article text, metadata and rule messages can never become markup. The one
/// way in for literal markup is `trusted`, used for the report's own stylesheet and script.
struct HTML {
    /// Pieces of markup in order; joined once, by `rendered`, so nesting never copies text.
    private var pieces: [String]

    private init(_ pieces: [String]) {
        self.pieces = pieces
    }

    func write(to sink: inout ByteSink) {
        for piece in pieces { sink.append(piece) }
    }

    /// Text, escaped.
    static func text(_ text: String) -> HTML {
        HTML([Markup.escape(text)])
    }

    /// The report's own constant markup (stylesheet, script). Never pass data here.
    static func trusted(_ markup: StaticString) -> HTML {
        HTML([markup.description])
    }

    static func join(_ parts: [HTML]) -> HTML {
        HTML(parts.flatMap(\.pieces))
    }

    /// `<name attr="value" ...>children</name>`; `void` elements have no children or end tag.
    /// Attribute names are the report's own constants; values are escaped.
    static func element(_ name: StaticString, _ attributes: [(String, String)] = [], _ children: [HTML] = [], void: Bool = false) -> HTML {
        var open = "<\(name)"
        for (attribute, value) in attributes {
            open += " \(attribute)=\"\(Markup.escape(value))\""
        }
        open += ">"
        guard !void else { return HTML([open]) }
        var pieces = [open]
        for child in children { pieces += child.pieces }
        pieces.append("</\(name)>")
        return HTML(pieces)
    }

    static func element(_ name: StaticString, _ attributes: [(String, String)] = [], text: String) -> HTML {
        element(name, attributes, [.text(text)])
    }

    /// A link only for http and https URLs; anything else (javascript:, data:) stays text.
    static func link(_ url: String, text: String) -> HTML {
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return .text(text) }
        return element("a", [("href", url), ("rel", "noopener noreferrer")], text: text)
    }
}
