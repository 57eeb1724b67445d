/// The kinds of public content one search box covers, in the order results are grouped. Forum threads, news,
/// documents and agenda items are the portal's (issue 16).
public enum SearchKind: String, CaseIterable, Codable, Sendable {
    case report = "laporan"
    case proposal = "usulan"
    case thread = "forum"
    case news = "berita"
    case document = "dokumen"
    case agenda
}
