/// Writes JSON straight into a byte sink: pretty-printed with two-space indents, keys in the
/// order written (report.json's writers write them sorted), strings escaped per RFC 8259 with
/// non-ASCII kept as UTF-8. No intermediate tree: report.json for a large corpus costs one
/// pass over the facts, and streams to its file.
struct JSONWriter {
    private(set) var sink: ByteSink
    /// One line, no indentation: for JSON Lines.
    private let compact: Bool
    private var depth = 0
    /// Whether the open container still waits for its first member.
    private var empty: [Bool] = []

    private init(sink: consuming ByteSink, compact: Bool) {
        self.sink = sink
        self.compact = compact
    }

    /// Writes one JSON document into `sink`, followed by a newline; `compact`, on one line.
    static func write(into sink: inout ByteSink, compact: Bool = false, _ body: (inout JSONWriter) -> Void) {
        var writer = JSONWriter(sink: consume sink, compact: compact)
        body(&writer)
        writer.sink.append(0x0A)
        sink = writer.sink
    }

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open("{")
        body(&self)
        close("}")
    }

    mutating func array<S: Sequence>(_ items: S, _ write: (inout JSONWriter, S.Element) -> Void) {
        open("[")
        for item in items {
            member()
            write(&self, item)
        }
        close("]")
    }

    /// `"name": ` at the start of an object member.
    mutating func key(_ name: String) {
        member()
        string(name)
        sink.append(": ")
    }

    mutating func string(_ text: String) {
        sink.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                sink.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            sink.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        sink.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): sink.append(#"\""#)
        case UInt8(ascii: "\\"): sink.append(#"\\"#)
        case 0x0A: sink.append(#"\n"#)
        case 0x0D: sink.append(#"\r"#)
        case 0x09: sink.append(#"\t"#)
        default:
            let hex = Array("0123456789abcdef".utf8)
            sink.append(#"\u00"#)
            sink.append(hex[Int(byte >> 4)])
            sink.append(hex[Int(byte & 0x0F)])
        }
    }

    mutating func int(_ value: Int) {
        sink.append(String(value))
    }

    mutating func bool(_ value: Bool) {
        sink.append(value ? "true" : "false")
    }

    // Members, written only when present.

    mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: String, _ value: some RawRepresentable<String>) {
        field(name, value.rawValue)
    }

    // MARK: - Layout

    private mutating func open(_ bracket: Unicode.Scalar) {
        sink.append(UInt8(ascii: bracket))
        depth += 1
        empty.append(true)
    }

    private mutating func close(_ bracket: Unicode.Scalar) {
        depth -= 1
        if empty.removeLast() == false { newline() }
        sink.append(UInt8(ascii: bracket))
    }

    /// A comma before every member but the first, then a new indented line.
    private mutating func member() {
        if empty[empty.count - 1] {
            empty[empty.count - 1] = false
        } else {
            sink.append(UInt8(ascii: ","))
        }
        newline()
    }

    private mutating func newline() {
        guard !compact else { return }
        sink.append(0x0A)
        sink.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }
}
