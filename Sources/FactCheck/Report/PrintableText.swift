/// Text from articles, file names, rule packs and baselines, made safe to print to a terminal
/// or a CI log: the one layer every byte factcheck prints outside its escaped report formats
/// goes through (stderr messages, the terminal listing, GitHub workflow commands, baseline
/// listings).
///
/// An article is written by whoever opens a pull request. Printed raw, its control characters
/// would move the cursor or recolor a terminal, a CR would overwrite what came before it, a
/// bidirectional control (U+202E) would show a path or figure reversed, and a line the GitHub
/// Actions runner reads as a workflow command would act: `::stop-commands::` silences every
/// annotation after it; `::add-mask::` and `::error` forge what reviewers see. The runner reads
/// `::command::` at the start of a line after any leading whitespace, and the legacy
/// `##[command]` anywhere in a line (actions/runner, `ActionCommand.TryParseV2` and `TryParse`).
public enum PrintableText {
    /// `text` as one line: every control character (C0 with tab and line ends, DEL, C1) and
    /// every bidirectional formatting character written as a visible escape, `\u{1B}`; a `::`
    /// that whitespace alone precedes, and every `##[`, disarmed (`\u{3A}:`, `##\u{5B}`), so the
    /// text may begin a line after an indent or sit inside one.
    public static func line(_ text: String) -> String {
        var result = text
        if text.unicodeScalars.contains(where: needsEscape) {
            result = ""
            result.reserveCapacity(text.utf8.count + 16)
            for scalar in text.unicodeScalars {
                if needsEscape(scalar) {
                    result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return startingLine(withoutLegacyCommands(result))
    }

    /// Lines factcheck composed, separated by "\n": each as `line`, and none beginning with
    /// `::` (`startingLine`).
    public static func lines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0)) }.joined(separator: "\n")
    }

    /// A line that cannot be read as a workflow command: the first `:` of a `::` that only
    /// whitespace precedes is escaped.
    public static func startingLine(_ line: String) -> String {
        let scalars = line.unicodeScalars
        guard let start = scalars.firstIndex(where: { !isLeadingSpace($0) }), scalars[start...].starts(with: "::".unicodeScalars) else {
            return line
        }
        return String(scalars[..<start]) + "\\u{3A}" + String(scalars[scalars.index(after: start)...])
    }

    /// Every `##[` with its bracket escaped: the runner's legacy parser finds it anywhere.
    private static func withoutLegacyCommands(_ text: String) -> String {
        var result: [UInt8]?  // made at the first `##[`
        var hashes = 0
        for (offset, byte) in text.utf8.enumerated() {
            if byte == UInt8(ascii: "["), hashes >= 2 {
                if result == nil { result = Array(text.utf8.prefix(offset)) }
                result! += "\\u{5B}".utf8
            } else {
                result?.append(byte)
            }
            hashes = byte == UInt8(ascii: "#") ? hashes + 1 : 0
        }
        return result.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// What the runner trims before looking for `::`: Unicode white space (.NET's
    /// `char.IsWhiteSpace`), and the byte order mark, which JavaScript's `trimStart` also drops.
    private static func isLeadingSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || scalar == "\u{FEFF}"
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        // Marks and embeddings, overrides and isolates, the Arabic letter mark.
        case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C: true
        default: false
        }
    }
}
