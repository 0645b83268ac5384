#if PostgreSQL
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by tabs, rows
/// by newlines, `\N` for NULL, backslash escapes for the separators, bytea in hex.
struct CopyText {
    enum Field {
        case int(Int?)
        case text(String?)
        case bytes([UInt8]?)
    }

    private(set) var buffer = ByteBuffer()
    /// Whether a text held U+0000, which a PostgreSQL text value cannot.
    private(set) var sawNul = false

    var isEmpty: Bool { buffer.readableBytes == 0 }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// `text`, its backslashes, newlines, carriage returns and tabs escaped; most texts have
    /// none and are copied whole.
    private mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\\") {
                let escaped: StaticString
                switch byte {
                case UInt8(ascii: "\\"): escaped = "\\\\"
                case UInt8(ascii: "\n"): escaped = "\\n"
                case UInt8(ascii: "\r"): escaped = "\\r"
                case UInt8(ascii: "\t"): escaped = "\\t"
                case 0: sawNul = true
                    escaped = ""
                default: continue
                }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<index]))
                buffer.writeStaticString(escaped)
                start = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...]))
        }
    }

    mutating func row(_ fields: Field...) {
        for (index, field) in fields.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch field {
            case .int(nil), .text(nil), .bytes(nil):
                buffer.writeStaticString("\\N")
            case .int(let value?):
                buffer.writeString(String(value))
            case .text(let text?):
                write(text)
            case .bytes(let bytes?):
                // "\x" in bytea's hex form, its backslash escaped for COPY.
                buffer.writeStaticString("\\\\x")
                buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: bytes.count * 2) { target in
                    for (index, byte) in bytes.enumerated() {
                        target[2 * index] = Self.hexDigits[Int(byte >> 4)]
                        target[2 * index + 1] = Self.hexDigits[Int(byte & 0xF)]
                    }
                    return bytes.count * 2
                }
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }
}
#endif
