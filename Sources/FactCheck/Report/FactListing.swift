import Foundation

/// `factcheck facts`: the facts of a store's latest run, streamed as report.json's `facts[]`
/// entries are written (the same members), so that the report need not carry the archive.
public enum FactListing {
    public enum Format: String, CaseIterable, Sendable {
        /// One fact per line.
        case jsonl
        /// One JSON array, one fact per line inside it.
        case json
    }

    /// Writes the facts whose key matches `key` (`*` matches any run of characters) and whose
    /// document id is `document`, when given, to `descriptor`; returns how many.
    public static func write(
        from store: any FactStore, key: String?, document: String?, format: Format, to descriptor: Int32
    ) throws -> Int {
        var sink = ByteSink(descriptor: descriptor)
        var count = 0
        if format == .json { sink.append(contentsOf: "[".utf8) }
        let pattern = key.map(KeyPattern.init)
        try store.latestRunFacts { file in
            for fact in file.facts where (pattern.map { $0.matches(fact.key) } ?? true) && (document.map { fact.document == $0 } ?? true) {
                var line = ByteSink()
                JSONWriter.write(into: &line, compact: true) { json in fact.write(to: &json) }
                if format == .json { sink.append(contentsOf: (count == 0 ? "\n" : ",\n").utf8) }
                sink.append(contentsOf: format == .json ? line.buffer.dropLast() : line.buffer[...])
                count += 1
            }
        }
        if format == .json { sink.append(contentsOf: "\n]\n".utf8) }
        sink.flush()
        if let failure = sink.failure { throw AtomicFile.WriteError(path: "standard output", reason: String(cString: strerror(failure))) }
        return count
    }
}
