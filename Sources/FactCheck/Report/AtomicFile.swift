import Foundation

/// Writes a file so that readers see the old content or the new, never a part: the data goes
/// to a temporary file beside the destination (named with the process id, so concurrent runs
/// do not share one), is flushed, and is renamed over the destination. On failure the
/// temporary file is removed and the destination is untouched.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        func fail(_ operation: String) -> WriteError {
            let reason = "\(operation): \(String(cString: strerror(errno)))"
            unlink(temporary)
            return WriteError(path: path, reason: reason)
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw fail("create \(temporary)") }
        let written = data.withUnsafeBytes { buffer -> Bool in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        guard written, fsync(descriptor) == 0 else {
            close(descriptor)
            throw fail("write")
        }
        guard close(descriptor) == 0 else { throw fail("close") }
        guard rename(temporary, path) == 0 else { throw fail("rename") }
    }
}
