import Foundation

/// Every path a page links to or redirects to, in one place, so views and handlers never disagree.
enum SiteURL {
    static let home = "/"
    static let health = "/healthz"
    static let login = "/masuk"
    static let twoFactor = "/masuk/2fa"
    static let logout = "/keluar"
    static let register = "/daftar"
    static let registerCode = "/daftar/kode"
    static let verifyContact = "/akun/kontak"
    static let account = "/akun"
    static let changePassword = "/akun/kata-sandi"
    static let twoFactorEnrol = "/akun/2fa/daftar"
    static let dashboard = "/dasbor"
    static let adminRegions = "/dasbor/admin/wilayah"
    static let adminAgencies = "/dasbor/admin/opd"
    static let adminCategories = "/dasbor/admin/kategori"
    /// The keys integrations post Open311 requests with.
    static let open311Keys = "/dasbor/admin/open311"
    static let open311Base = "/open311/v2"
    static let openAPISpec = "/api/v1/openapi.yaml"
    /// Open data: the page describing every dataset, and the datasets.
    static let openData = "/data"
    static let reportsCSV = "/data/laporan.csv"
    static let reportsGeoJSON = "/data/laporan.geojson"
    static let servicesCSV = "/data/layanan.csv"
    static let satisfactionCSV = "/data/ikm.csv"
    static let adminStaff = "/dasbor/admin/pengguna"
    static let adminAudit = "/dasbor/admin/audit"
    static let adminCalendar = "/dasbor/admin/kalender"
    static let leadership = "/dasbor/pimpinan"
    static let transparency = "/transparansi"
    static let transparencyCSV = "/transparansi.csv"
    static let notifications = "/notifikasi"
    static let notificationSettings = "/akun/notifikasi"
    static let pushSubscription = "/akun/push"
    static let adminMessages = "/dasbor/admin/pesan"
    static let wbs = "/wbs"
    static let wbsCases = "/dasbor/wbs"
    static let fileReport = "/lapor"
    static let reports = "/laporan"
    static let myReports = "/laporan-saya"
    /// A pendamping's reports filed for citizens.
    static let assisted = "/pendamping"
    /// Practice sessions (sosialisasi): join with a code; facilitators open and close them.
    static let practice = "/latihan"
    static let practiceAdmin = "/latihan/kelola"
    static func practiceSession(_ id: Int) -> String { "/latihan/kelola/\(id)" }
    static func practiceEntry(_ id: Int) -> String { "/latihan/hasil/\(id)" }
    /// Step-by-step guides, printable guides and the poster.
    static let guides = "/panduan"
    static func guide(_ slug: String) -> String { "/panduan/\(slug)" }
    static func printableGuide(_ slug: String) -> String { "/panduan/\(slug)/cetak" }
    static let poster = "/panduan/poster"
    static let map = "/peta"
    static let staffQueue = "/dasbor/laporan"
    static let telegramLink = "/akun/telegram"
    static let wbsFollow = "/wbs/lanjut"
    static let stylesheet = "/css/sigap.css"
    static let favicon = "/favicon.svg"
    /// The region's colours as CSS (`RegionBranding`), linked after the stylesheet when they differ from Sigap's.
    static let theme = "/tema.css"
    /// The region's emblem (`sigap init --logo`).
    static let emblem = "/lambang"
    static let manifest = "/manifest.webmanifest"
    static let appIcon = "/icon-192.png"
    static let track = "/lacak"
    static let serviceWorker = "/sw.js"
    static let offline = "/luring"
    static let draftsScript = "/js/drafts.js"
    static let mapScript = "/js/peta.js"
    static let privacy = "/privasi"
    static let myData = "/akun/data"
    static let myDataDownload = "/akun/data.json"
    static let eraseAccount = "/akun/hapus"
    static let dataRequestsAdmin = "/dasbor/admin/privasi"
    static let search = "/cari"
    static let forum = "/forum"
    static let dprd = "/dprd"
    static let issuer = "/penerbit"
    static let verify = "/verifikasi"
    static let points = "/akun/poin"
    static let leaderboard = "/peringkat"
    static let awardsAdmin = "/dasbor/penghargaan"
    static func certificate(_ number: String) -> String { "/sertifikat/" + number }
    static func award(_ id: Int) -> String { "/penghargaan/\(id)" }
    static let services = "/layanan"
    static func service(_ code: String) -> String { "/layanan/" + code }
    static let servicesAdmin = "/dasbor/layanan"
    static let myApplications = "/permohonan"
    static func application(_ number: String) -> String { "/permohonan/" + number }
    static let applicationsQueue = "/dasbor/permohonan"
    static let satisfactionIndex = "/ikm"
    static let surveyCSV = "/dasbor/ikm.csv"
    static func survey(application number: String) -> String { "/survei/permohonan/" + number }
    static func survey(report number: String) -> String { "/survei/laporan/" + number }
    static func kioskSurvey(_ code: String) -> String { "/survei/layanan/" + code }
    static let dprdAdmin = "/dasbor/admin/dprd"
    static let news = "/berita"
    static let newsAdmin = "/dasbor/berita"
    static func newsItem(_ id: String) -> String { "/berita/" + id }
    static let documents = "/dokumen"
    static let documentsAdmin = "/dasbor/dokumen"
    static func document(_ id: String) -> String { "/dokumen/" + id }
    static let agenda = "/agenda"
    static let agendaFeed = "/agenda.ics"
    static let agendaAdmin = "/dasbor/agenda"
    static let forumNew = "/forum/baru"
    static let forumModeration = "/dasbor/forum"
    static func forumThread(_ id: String) -> String { "/forum/" + id }
    static func forumPost(_ id: Int) -> String { "/forum/pos/" + String(id) }
    static let musrenbang = "/musrenbang"
    static let musrenbangAdmin = "/dasbor/musrenbang"
    static let catalogueAdmin = "/dasbor/musrenbang/kamus"
    static let proposalNew = "/musrenbang/usul"
    static let proposals = "/musrenbang/usulan"
    static func proposal(_ number: String) -> String { "/musrenbang/usulan/" + number }
    static let musrenbangResults = "/musrenbang/hasil"
    static let proposalMap = "/musrenbang/peta"
    static let proposalsCSV = "/musrenbang/usulan.csv"
    static let planCSV = "/musrenbang/rkpd.csv"
    static func proposalFile(_ id: UUID) -> String { "/musrenbang/berkas/" + id.uuidString }
    static let pokirCSV = "/dasbor/usulan/pokir.csv"
    static let proposalQueue = "/dasbor/usulan"
    static func staffProposal(_ number: String) -> String { "/dasbor/usulan/" + number }
    static let filingScript = "/js/lapor.js"
    static let pageScript = "/js/sigap.js"

    static func report(_ number: String) -> String { "/laporan/\(number)" }
    static func staffReport(_ number: String) -> String { "/dasbor/laporan/\(number)" }
    static func photo(_ id: UUID) -> String { "/foto/\(id.uuidString.lowercased())" }
    /// A display size of the photo (`PhotoSize`); the original for staff is `photo(id)`.
    static func photo(_ id: UUID, size: PhotoSize) -> String { photo(id) + "?ukuran=" + size.rawValue }
    static func wbsCase(_ id: String) -> String { "/dasbor/wbs/\(id)" }
    static func wbsFile(_ caseID: String, _ fileID: String) -> String { "/dasbor/wbs/\(caseID)/berkas/\(fileID)" }

    /// Page `page` of a list at `path`, keeping the non-empty filters.
    static func page(_ page: Int, of path: String, keeping filters: [String: String]) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems =
            filters.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map {
                URLQueryItem(name: $0.key, value: $0.value)
            }
            + [URLQueryItem(name: "halaman", value: String(page))]
        return components.string ?? path
    }

    /// Only same-site paths are followed after log-in, never `//other.example` or absolute URLs.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), next.count < 512 else {
            return nil
        }
        return next
    }
}
