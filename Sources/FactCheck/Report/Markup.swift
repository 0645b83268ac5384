/// Escaping for HTML and XML text and attribute values. Every piece of article text,
/// metadata and rule message goes through here before it reaches a report.
enum Markup {
    /// `&`, `<`, `>`, `"` and `'` as entities, and characters XML 1.0 cannot carry (NUL and
    /// other C0 controls but tab and line ends, lone surrogates are impossible in Swift
    /// strings, U+FFFE/U+FFFF) dropped.
    static func escape(_ text: String) -> String {
        var sink = ByteSink()
        escape(text, into: &sink)
        return String(decoding: sink.buffer, as: UTF8.self)
    }

    /// `escape`, written as UTF-8 straight into `sink`: the bytes between the ones to replace
    /// or drop are copied as runs, so a report's text is never copied into strings first.
    static func escape(_ text: String, into sink: inout ByteSink) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let replacement: StaticString
                var length = 1
                switch byte {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                case UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    index += 1
                    continue
                case ..<0x20: replacement = ""
                // U+FFFE and U+FFFF are EF BF BE and EF BF BF; the string is valid UTF-8, so
                // an EF always starts a three-byte character.
                case 0xEF where utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    replacement = ""
                    length = 3
                default:
                    index += 1
                    continue
                }
                sink.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                replacement.withUTF8Buffer { sink.append(contentsOf: $0) }
                index += length
                start = index
            }
            sink.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }
}
