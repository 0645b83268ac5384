import CLibXML2
import Foundation

/// What the HTML and .docx readers share of libxml2.
///
/// libxml2 keeps global state (its character tables, the default handlers) that
/// `xmlInitParser` sets up, and is not thread-safe until it has run: `ready` runs it once,
/// under Swift's one-time initialization of a global, before any worker thread parses.
/// After that every parse has its own context, and errors go nowhere but to that context
/// (`HTML_PARSE_NOERROR`, or the reader's own handler): nothing is printed on stderr, and no
/// thread sees another's errors.
enum LibXML2 {
    static let ready: Void = xmlInitParser()

    /// A C string from libxml2 (a name, a message) as Swift text; nil for a null pointer.
    static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    /// The bytes of a zero-terminated libxml2 string (text, an attribute's value), not copied.
    static func bytes(_ pointer: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: pointer, count: Int(xmlStrlen(pointer)))
    }

    /// A libxml2 message without its line break, for an error of ours.
    static func message(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "unknown error" }
        return String(cString: pointer).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
