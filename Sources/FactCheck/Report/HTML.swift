import Foundation

/// A fragment of HTML built only from escaped text and elements with escaped attribute
/// values, so article text, metadata and rule messages can never become markup. The one
/// way in for literal markup is `trusted`, used for the report's own stylesheet and script.
struct HTML {
    private(set) var rendered: String

    private init(rendered: String) {
        self.rendered = rendered
    }

    /// Text, escaped.
    static func text(_ text: String) -> HTML {
        HTML(rendered: Markup.escape(text))
    }

    /// The report's own constant markup (stylesheet, script). Never pass data here.
    static func trusted(_ markup: StaticString) -> HTML {
        HTML(rendered: markup.description)
    }

    static func join(_ parts: [HTML]) -> HTML {
        HTML(rendered: parts.map(\.rendered).joined())
    }

    /// `<name attr="value" ...>children</name>`; `void` elements have no children or end tag.
    /// Attribute names are the report's own constants; values are escaped.
    static func element(_ name: StaticString, _ attributes: [(String, String)] = [], _ children: [HTML] = [], void: Bool = false) -> HTML {
        var rendered = "<\(name)"
        for (attribute, value) in attributes {
            rendered += " \(attribute)=\"\(Markup.escape(value))\""
        }
        rendered += ">"
        guard !void else { return HTML(rendered: rendered) }
        rendered += children.map(\.rendered).joined()
        rendered += "</\(name)>"
        return HTML(rendered: rendered)
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
