/// How a page looks when its link is shared on WhatsApp or Facebook (Open Graph): a title, a line of text, a
/// small image and the address. Reports and proposals set one; the front page has the region's.
struct ShareCard {
    let title: String
    let description: String
    /// A path on this site (a report's photo, else the app icon); made absolute with `SIGAP_BASE_URL`.
    var imagePath = ShareCard.defaultImage
    /// The page's own path.
    let path: String

    static let defaultImage = "/icon-512.png"

    static func meta(_ card: ShareCard, _ page: Page) -> HTML {
        let base = page.request.sigap.config.baseURL
        return """
            <meta name="description" content="\(card.description)">
            <meta property="og:type" content="website">
            <meta property="og:site_name" content="Sigap · \(page.frame.region.name)">
            <meta property="og:title" content="\(card.title)">
            <meta property="og:description" content="\(card.description)">
            <meta property="og:url" content="\(base + card.path)">
            <meta property="og:image" content="\(base + card.imagePath)">
            <meta property="og:locale" content="\(page.language == .id ? "id_ID" : "en_US")">
            <meta name="twitter:card" content="summary">
            """
    }

    /// At most `limit` characters of `text` on one line, for a card's description.
    static func excerpt(_ text: String, limit: Int = 200) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}
