/// What `FactStore.facts(in:files:)` gathers, for every backend: the fact rows a backend finds
/// for some partitions, kept only when they are of the run's files (`RunFile`), each once, and
/// given back as facts in corpus order. The run's file list names each row's path and document
/// id, so that a backend reads fact rows alone.
package struct RunFacts {
    private let files: [RunFile]
    private let positions: [Int64: Int]
    private var documents: [String: [(file: Int64, ordinal: Int)]] = [:]
    private var found: [Int: [Int: Fact]] = [:]

    package init(_ files: [RunFile]) {
        self.files = files
        positions = Dictionary(files.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for file in files {
            for (ordinal, id) in file.documents.enumerated() { documents[id, default: []].append((file.id, ordinal)) }
        }
    }

    /// The ids of the run's files.
    package var fileIDs: [Int64] { files.map(\.id) }

    /// Where the run's documents with this id are: their file and ordinal in it.
    package func documents(_ id: String) -> [(file: Int64, ordinal: Int)] {
        documents[id] ?? []
    }

    /// Keeps the fact `ordinal` of `file` (in its `document`), read by `row` unless it is another
    /// run's file or already kept.
    package mutating func add(file: Int64, ordinal: Int, document: Int, row: () throws -> FactRow) throws {
        guard let position = positions[file], found[position]?[ordinal] == nil else { return }
        guard files[position].documents.indices.contains(document) else { throw ByteReaderError() }
        found[position, default: [:]][ordinal] = try row().fact(path: files[position].path, document: files[position].documents[document])
    }

    /// The facts kept, in corpus order.
    package var facts: [Fact] {
        found.keys.sorted().flatMap { position in found[position]!.sorted { $0.key < $1.key }.map(\.value) }
    }
}

extension FactPartition {
    /// A name partition's value as the store's `normalized` column holds it.
    package var encodedName: [UInt8]? {
        guard case .name(let name) = self else { return nil }
        return ValueCodec.encode(.name(NameValue(name: name)))
    }
}

extension PartitionValues {
    /// A partition's values as a store counts them (`FactStore.values(of:files:)`): how many
    /// distinct `normalized` encodings its facts have, and one of them (nil when none).
    package init(distinct: Int, least: [UInt8]?) throws(ByteReaderError) {
        switch distinct {
        case 0: self = .none
        case 1:
            guard let least else { throw ByteReaderError() }
            self = .one(try ValueCodec.decode(least))
        default: self = .several
        }
    }
}
