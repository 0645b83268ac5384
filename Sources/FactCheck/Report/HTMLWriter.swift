import Foundation

/// Writes HTML straight into a byte sink as the page is walked, so report.html for a large
/// corpus costs one pass and never exists whole in memory, as a tree or as a string.
/// Everything that comes from data (article text, metadata, rule messages, attribute values)
/// goes in only through `text` or as an attribute value, both escaped; element and attribute
/// names are the report's own constants. The one way in for literal markup is `trusted`,
/// which takes only a `StaticString`: the report's own stylesheet and script.
struct HTMLWriter {
    private var sink: ByteSink

    private init(sink: consuming ByteSink) {
        self.sink = sink
    }

    /// Writes what `body` writes into `sink`.
    static func write(into sink: inout ByteSink, _ body: (inout HTMLWriter) -> Void) {
        var writer = HTMLWriter(sink: consume sink)
        body(&writer)
        sink = writer.sink
    }

    /// Text, escaped.
    mutating func text(_ text: String) {
        Markup.escape(text, into: &sink)
    }

    /// The report's own constant markup (stylesheet, script). Never data: it is not escaped.
    mutating func trusted(_ markup: StaticString) {
        markup.withUTF8Buffer { sink.append(contentsOf: $0) }
    }

    /// `<name attr="value" ...>`, then what `body` writes, then `</name>`.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String)] = [], _ body: (inout HTMLWriter) -> Void) {
        start(name, attributes)
        body(&self)
        sink.append("</")
        trusted(name)
        sink.append(UInt8(ascii: ">"))
    }

    /// An element holding only `text`, escaped.
    mutating func element(_ name: StaticString, _ attributes: [(StaticString, String)] = [], text: String) {
        element(name, attributes) { $0.text(text) }
    }

    /// A void element (`meta`, `input`): a start tag with no content and no end tag.
    mutating func void(_ name: StaticString, _ attributes: [(StaticString, String)]) {
        start(name, attributes)
    }

    /// A link only for http and https URLs; anything else (javascript:, data:) stays text.
    mutating func link(_ url: String, text: String) {
        let lower = url.trimmingCharacters(in: .whitespaces).lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return self.text(text) }
        element("a", [("href", url), ("rel", "noopener noreferrer")], text: text)
    }

    /// `<name attr="value" ...>`; attribute names are constants, values are escaped.
    private mutating func start(_ name: StaticString, _ attributes: [(StaticString, String)]) {
        sink.append(UInt8(ascii: "<"))
        trusted(name)
        for (attribute, value) in attributes {
            sink.append(UInt8(ascii: " "))
            trusted(attribute)
            sink.append("=\"")
            Markup.escape(value, into: &sink)
            sink.append(UInt8(ascii: "\""))
        }
        sink.append(UInt8(ascii: ">"))
    }
}
