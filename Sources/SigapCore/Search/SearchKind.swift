/// The kinds of public content one search box covers, in the order results are grouped. Forum threads, news,
/// documents and agenda items join as they are built (issue 16).
public enum SearchKind: String, CaseIterable, Codable, Sendable {
    case report = "laporan"
    case proposal = "usulan"
    case thread = "forum"
}
