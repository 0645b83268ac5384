import Foundation

/// Writes files so that readers see the old content or the new, never a part: the bytes go
/// to a temporary file beside the destination (named with the process id, so concurrent runs
/// do not share one), are flushed to disk, and the file is renamed over the destination.
/// `stage` and `commit` are separate so several files can all be written before any replaces
/// its old version. On failure the temporary file is removed and the destination is untouched.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    /// A complete temporary file waiting to replace its destination.
    struct Staged: Sendable {
        let temporary: String
        let destination: String

        func commit() throws(WriteError) {
            guard rename(temporary, destination) == 0 else {
                let reason = "rename: \(String(cString: strerror(errno)))"
                discard()
                throw WriteError(path: destination, reason: reason)
            }
        }

        func discard() {
            unlink(temporary)
        }
    }

    /// Writes what `body` appends into a temporary file beside `path`, synced to disk.
    static func stage(_ path: String, _ body: (inout ByteSink) throws -> Void) throws -> Staged {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        let staged = Staged(temporary: temporary, destination: path)
        func fail(_ operation: String, _ code: Int32) -> WriteError {
            staged.discard()
            return WriteError(path: path, reason: "\(operation): \(String(cString: strerror(code)))")
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw fail("create \(temporary)", errno) }
        var sink = ByteSink(descriptor: descriptor)
        do {
            try body(&sink)
        } catch {
            close(descriptor)
            staged.discard()
            throw error
        }
        sink.flush()
        if let failure = sink.failure {
            close(descriptor)
            throw fail("write", failure)
        }
        guard fsync(descriptor) == 0 else {
            let code = errno
            close(descriptor)
            throw fail("fsync", code)
        }
        guard close(descriptor) == 0 else { throw fail("close", errno) }
        return staged
    }

    static func write(_ data: Data, to path: String) throws {
        try stage(path) { $0.append(contentsOf: data) }.commit()
    }
}
