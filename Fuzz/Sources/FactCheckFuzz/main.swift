import FactCheck
import Foundation

/// libFuzzer's entry point when it does not provide `main` (libclang_rt.fuzzer_no_main).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

// factcheck-fuzz TARGET [libFuzzer options and corpus directories]
let arguments = CommandLine.arguments
guard arguments.count >= 2, let chosen = FuzzTarget(rawValue: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: FactCheckFuzz \(FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")) [libFuzzer options] [CORPUS...]\n".utf8))
    exit(2)
}
let rulesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../rules").standardized.path
let target = chosen
let pack = RuleLoader.load(directory: rulesDirectory)
guard pack.errors.isEmpty else {
    FileHandle.standardError.write(Data("the rule pack at \(rulesDirectory) has errors\n".utf8))
    exit(2)
}

// libFuzzer reads its own options from argv: pass it everything but the target name.
var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var argc = CInt(driverArguments.count)
var pointers: [UnsafeMutablePointer<CChar>?] = driverArguments.map { strdup($0) } + [nil]
exit(pointers.withUnsafeMutableBufferPointer { buffer in
    var argv = buffer.baseAddress!
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        target.run(Array(UnsafeBufferPointer(start: data, count: size)), pack: pack)
        return 0
    }
})
