import Foundation
import Testing
@testable import FactCheck

/// Every input in the fuzzers' seed corpus (Fuzz/corpus) and every crasher they ever found
/// (FuzzRegressions, kept once fixed) goes through its fuzz target again: a regression
/// crashes or fails here before it reaches a newsroom.
@Suite struct FuzzRegressionTests {
    @Test(arguments: FuzzTarget.allCases)
    func pastInputsStillPass(_ target: FuzzTarget) throws {
        let folders = [packageRoot + "/Fuzz/corpus/" + target.rawValue, packageRoot + "/Tests/FactCheckTests/FuzzRegressions/" + target.rawValue]
        var replayed = 0
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder))?.sorted() ?? [] where !name.hasPrefix(".") {
                target.run(Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))), pack: shippedPack)
                replayed += 1
            }
        }
        #expect(replayed > 0)
    }

    @Test func crlfAndFrontMatterDocumentsQuoteTheirFactsExactly() {
        // The document target stops the process if a fact does not quote the file at its location.
        let article = Array("Hai nước phấn đấu đạt kim ngạch thương mại 10 tỷ USD.\r\nNgày 25/10/2024, tại Hà Nội.\n".utf8)
        FuzzTarget.document.run([0] + article, pack: shippedPack)
        FuzzTarget.document.run([1] + Array("---\nid: a\n---\n".utf8) + article, pack: shippedPack)
    }
}
