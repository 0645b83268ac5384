import Foundation

/// `.factcheck-run.json` under `--out`: which report files the last complete run published,
/// with each one's size and XXH3-128 hash. The reports are renamed into place one by one, so
/// a run killed in between (SIGKILL, a power cut: SIGINT and SIGTERM wait for the renames)
/// would leave a mix of two runs' files that look alike. The manifest is removed before the
/// first rename and written after the last, so while it exists the files it lists are the ones
/// it describes; without it, or for a file that does not match it, the set is not one run's.
///
/// ```json
/// {"files": [{"bytes": 1432, "name": "report.json", "xxh3_128": "9c0f…"}],
///  "run": "3F2A…", "written": "2025-05-05T08:00:00Z"}
/// ```
public struct ReportManifest: Codable, Equatable, Sendable {
    public struct File: Codable, Equatable, Sendable {
        /// The file's name under `--out`.
        public var name: String
        public var bytes: Int
        /// 32 hex digits (`xxhsum -H2` prints the same).
        public var xxh3_128: String

        /// The size and hash of the file at `path`, published under `name`.
        init(name: String, contentsOf path: String) throws {
            let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
            self.name = name
            bytes = data.count
            xxh3_128 = ContentHash(of: data).description
        }
    }

    public static let fileName = ".factcheck-run.json"

    /// A new id for every run, so that two runs' manifests never look the same.
    public var run: String
    /// When the run published its files (ISO 8601, UTC).
    public var written: String
    /// Sorted by name.
    public var files: [File]

    init(files: [File], date: Date) {
        run = UUID().uuidString
        written = ISO8601DateFormatter().string(from: date)
        self.files = files.sorted { $0.name < $1.name }
    }

    /// The manifest in `directory`, or nil when there is none (no run has completed, or one is
    /// publishing or was killed while it did).
    public static func read(in directory: String) throws -> ReportManifest? {
        guard let data = FileManager.default.contents(atPath: directory + "/" + fileName) else { return nil }
        return try JSONDecoder().decode(ReportManifest.self, from: data)
    }

    /// The report files in `directory` that are not as this manifest says: listed ones missing
    /// or different, and report files it does not list. Empty when the set is the run's.
    public func mismatches(in directory: String) -> [String] {
        let listed = Set(files.map(\.name))
        var names = files.filter { file in
            (try? File(name: file.name, contentsOf: directory + "/" + file.name)) != file
        }.map(\.name)
        names += ReportFormat.allCases.compactMap(\.fileName).filter { name in
            !listed.contains(name) && FileManager.default.fileExists(atPath: directory + "/" + name)
        }
        return names.sorted()
    }

    func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
