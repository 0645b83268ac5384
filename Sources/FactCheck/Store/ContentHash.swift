import CXXHash
import Foundation

/// 128 bits of XXH3 over some bytes: what the store keys a file's facts by (its content hash)
/// and what it keys them with (the extraction fingerprint). XXH3 runs at tens of GB/s, so a CI
/// checkout, where every mtime is new, hashes its whole archive for less than reading it costs.
public struct ContentHash: Hashable, Sendable, CustomStringConvertible {
    /// Big-endian, 16 bytes: how the store keeps it.
    public let bytes: [UInt8]

    package init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    public init(of bytes: some ContiguousBytes) {
        let hash = bytes.withUnsafeBytes { XXH3_128bits($0.baseAddress, $0.count) }
        self.bytes = withUnsafeBytes(of: hash.high64.bigEndian, Array.init) + withUnsafeBytes(of: hash.low64.bigEndian, Array.init)
    }

    /// 32 hex digits.
    public var description: String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

/// The hash of everything that can change what extraction yields from an article, so that a
/// stored file's facts are reused only while they are what extracting it again would give:
/// the bytes of every rule pack file (rules, fragments, zones, events, and the reference data
/// and gazetteers events name participants with) in the order they load, and this factcheck's
/// own executable (the value parsers, the canonicalizer, the extractor are code: any new build
/// re-extracts once), and which of the pack's rules and event rules run (all of them but with
/// `check --only` or `--disable`). A change to any of them re-extracts every file; the store keeps one set
/// of facts per fingerprint until `store gc` drops the unused ones.
public enum ExtractionFingerprint {
    public static func of(_ pack: RulePack) -> ContentHash {
        var input: [UInt8] = Array("factcheck \(FactCheckVersion.current)\n".utf8)
        if let executable = Bundle.main.executablePath, let bytes = FileManager.default.contents(atPath: executable) {
            input += ContentHash(of: bytes).bytes
        }
        for path in pack.files {
            let bytes = FileManager.default.contents(atPath: path) ?? Data()
            input += Array("\n\(bytes.count)\n".utf8) + bytes
        }
        // Which of the files' rules run: `check --only` or `--disable` extracts with fewer, and
        // must neither reuse a full run's facts nor leave its own for a full run to reuse.
        input += Array(("\nrules " + pack.rules.map(\.id).joined(separator: " ") + "\nevents " + pack.events.map(\.id).joined(separator: " ")).utf8)
        return ContentHash(of: input)
    }
}
