import Foundation
import Testing

/// Leaf reads `#tag(…):` as the start of a block, so a catalog text followed by a colon breaks a page at
/// render time (a 500 only that page would show). Catch it for every template.
@Suite struct TemplateLintTests {
    @Test func noTranslationTagIsFollowedByAColon() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/SigapApp/Resources/Views")
        let walker = try #require(FileManager.default.enumerator(at: views, includingPropertiesForKeys: nil))
        let pattern = try NSRegularExpression(pattern: #"#t\("[^"]*"(?:,[^)]*)?\):"#)
        var checked = 0
        for case let file as URL in walker where file.pathExtension == "leaf" {
            let text = try String(contentsOf: file, encoding: .utf8)
            let found = pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
            #expect(found == 0, "\(file.lastPathComponent)")
            checked += 1
        }
        #expect(checked > 20)
    }
}
