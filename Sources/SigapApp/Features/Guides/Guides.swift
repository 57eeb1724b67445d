/// The step-by-step guides of `/panduan`: each a few steps in plain words (the catalog's `guide.<slug>.*`), most
/// with a real screenshot of the step at phone width (`scripts/browser/guide_screenshots.py` takes them from a
/// demo into `Public/img/panduan/`), and the page where the reader does it.
struct Guide: Sendable {
    let slug: String
    /// Where the reader starts (the guide ends with a link to it).
    let start: String
    /// How many steps `guide.<slug>.step1…` the catalog holds.
    let steps: Int
    /// Screenshot file names in `Public/img/panduan/`, by step number (1-based).
    let screenshots: [Int: String]

    static let all: [Guide] = [
        Guide(
            slug: "lapor", start: SiteURL.fileReport, steps: 4,
            screenshots: [1: "lapor-form.jpg", 4: "lapor-terkirim.jpg"]),
        Guide(
            slug: "lacak", start: SiteURL.home, steps: 3, screenshots: [1: "lacak-beranda.jpg", 2: "lacak-laporan.jpg"]),
        Guide(slug: "nilai", start: SiteURL.myReports, steps: 3, screenshots: [2: "nilai-laporan.jpg"]),
        Guide(slug: "wbs", start: SiteURL.wbs, steps: 4, screenshots: [1: "wbs-form.jpg"]),
        Guide(slug: "usul", start: SiteURL.musrenbang, steps: 4, screenshots: [1: "usul-musrenbang.jpg"]),
        Guide(slug: "layanan", start: SiteURL.services, steps: 4, screenshots: [1: "layanan-katalog.jpg"]),
        Guide(slug: "chat", start: SiteURL.notificationSettings, steps: 3, screenshots: [1: "chat-notifikasi.jpg"]),
    ]

    static func named(_ slug: String) -> Guide? { all.first { $0.slug == slug } }

    static func screenshotURL(_ name: String) -> String { "/img/panduan/" + name }
}
