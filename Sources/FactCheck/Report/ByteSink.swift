import Foundation

/// Where report bytes go: collected in memory, or buffered and written to a file descriptor
/// in chunks of about 1 MiB, so a report for a large corpus never exists whole in memory.
/// A failed write is remembered (its errno) and later bytes are dropped; whoever owns the
/// descriptor checks `failure` when done.
struct ByteSink {
    private(set) var buffer: [UInt8] = []
    private let descriptor: Int32?
    private(set) var failure: Int32?
    private static let chunk = 1 << 20

    /// Collects everything in `buffer`.
    init() {
        descriptor = nil
    }

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(Self.chunk + Self.chunk / 4)
    }

    mutating func append(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= Self.chunk { flush() }
    }

    mutating func append(contentsOf bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.chunk { flush() }
    }

    mutating func append(_ text: String) {
        append(contentsOf: text.utf8)
    }

    /// Writes what is buffered to the descriptor; nothing for an in-memory sink.
    mutating func flush() {
        guard let descriptor else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil else { return }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else {
                    failure = count < 0 ? errno : ENOSPC
                    return
                }
                offset += count
            }
        }
    }
}
