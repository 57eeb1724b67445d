import Foundation
import SigapCore

/// Everything Sigap reads from the environment, read once at start and validated as a whole so a person
/// fixing a deployment sees every problem at once.
public struct AppConfig: Sendable {
    public enum Store: Sendable, Equatable {
        case sqliteFile(path: String)
        /// A private throwaway database, for tests.
        case sqliteMemory
        case postgres(url: String)
    }

    public var store: Store
    public var dataDirectory: String
    public var host: String
    public var port: Int
    public var baseURL: String
    public var reportPrefix: String
    public var timeZone: TimeZone
    /// When the offices open and close on a working day; deadlines count only this time.
    public var officeHours: WorkCalendar.Hours
    /// Base64 of 32 bytes; nil means "generate or read `field.key` in the data directory".
    public var fieldKey: String?
    public var adminEmail: String
    public var bcryptCost: Int
    /// The proxies whose `X-Forwarded-For` is believed (`SIGAP_TRUSTED_PROXIES`; `SIGAP_TRUST_PROXY=true` means
    /// loopback). Empty: the socket's peer is the client.
    public var trustedProxies: TrustedProxies
    public var sessionIdleTimeout: TimeInterval
    public var sessionAbsoluteTimeout: TimeInterval
    /// Where static files, the text catalog and the data files are; nil means "bundled with the binary".
    public var resourcesDirectory: String?
    /// nil: the Telegram channel is off.
    public var telegram: TelegramSettings?
    /// nil: the WhatsApp channel is off.
    public var whatsapp: WhatsAppSettings?
    /// A message that failed this many times is given up and shown to admins.
    public var deliveryMaxAttempts: Int
    /// Base64 of 32 bytes: the inspectorate key that wraps every WBS case key; nil means `wbs.key` in the
    /// data directory.
    public var wbsKey: String?
    /// bcrypt cost of WBS receipts (slow on purpose: every guess costs this).
    public var wbsReceiptCost: Int = 12
    /// Closed WBS cases are purged this many days after closing.
    public var wbsRetentionDays: Int = 1826
    /// Reports per source and period (`SIGAP_FILINGS_PER_ADDRESS_HOUR`, `_PER_ACCOUNT_HOUR`,
    /// `_PER_CONTACT_DAY`, `_PER_CHAT_HOUR`; 0 turns one off).
    public var filingLimits = FilingLimits()
    /// A connection that sends and receives nothing for this long is closed (`SIGAP_IDLE_TIMEOUT_SECONDS`), so
    /// clients that never finish their headers or body cannot hold connections open.
    public var idleTimeout: TimeInterval = 30
    /// Messages (e-mail, WhatsApp) to one contact nobody proved, per day (`SIGAP_MESSAGES_PER_CONTACT_DAY`; 0 turns
    /// the cap off): whoever types a stranger's number or address cannot flood it.
    public var messagesPerContactPerDay = 10
    /// Uploads read at once on public routes (`SIGAP_UPLOADS_AT_ONCE`); the others wait their turn unread.
    public var uploadsAtOnce = 8
    /// The SMTP server e-mail goes out through; nil leaves e-mail off.
    public var smtp: SMTPSettings?
    /// Whose platform this is: shown in every page's header, title and footer.
    public var region = RegionIdentity()
    /// When a new report appears publicly (`SIGAP_PUBLISH_REPORTS`): after staff checked it (the default: free
    /// text can name people) or at once.
    public var publication = PublicationRule.afterVerification
    /// The forum's limits (`SIGAP_FORUM_NEW_ACCOUNT_THREADS_PER_DAY`, `_NEW_ACCOUNT_REPLIES_PER_DAY`,
    /// `_NEW_ACCOUNT_LINKS`, `_SECONDS_BETWEEN_POSTS`, `_FLAGS_TO_HIDE`, `_EDIT_MINUTES`).
    public var forum = ForumRules.Limits()
    /// "id:private multikey" (`SIGAP_SIGNING_KEY`); nil means the newest key in `DATA_DIR/signing-keys/`.
    public var signingKey: String?
    /// Public keys retired from the data folder that still verify old certificates (`SIGAP_SIGNING_RETIRED_KEYS`).
    public var retiredSigningKeys: String?
    /// Open311 GeoReport v2 (`SIGAP_OPEN311_JURISDICTION`, `SIGAP_OPEN311_POSTS_PER_KEY_HOUR`,
    /// `SIGAP_OPEN311_MEDIA_FROM_PRIVATE_ADDRESSES`).
    public var open311 = Open311Settings()
    /// The licence open data is published under (`SIGAP_DATA_LICENSE_NAME`, `SIGAP_DATA_LICENSE_URL`).
    public var dataLicense = DataLicense()
    /// How often the dashboards ask the database which days' reports changed (`SIGAP_STATISTICS_RECHECK_SECONDS`,
    /// default 1): the statistics are at most this many seconds behind a change. Tests use 0.
    public var statisticsRecheckSeconds: TimeInterval = 1
    /// How long personal data outlives its purpose (`SIGAP_RETENTION_REPORT_CONTACT_DAYS`,
    /// `SIGAP_RETENTION_MESSAGE_DAYS`, `SIGAP_RETENTION_AUDIT_DAYS`); the ten-minute housekeeping applies them.
    public var retention = RetentionPeriods()
    /// Web Push (`SIGAP_VAPID_KEY`, `SIGAP_PUSH_SERVICES`): the server's key and the push services it will send to.
    public var push = PushSettings()
    /// Days the server's clock runs ahead of (or behind) the real date (`SIGAP_CLOCK_OFFSET_DAYS`, default 0):
    /// rehearsals and browser tests only.
    public var clockOffsetDays = 0
    /// Whether an empty database gets the demo kabupaten's kecamatan, desa, agencies and categories
    /// (`SIGAP_DEMO_REGION`; `sigap init` writes false: the region imports its own).
    public var seedsDemoRegion = true
    /// Map tiles and the Leaflet library (`SIGAP_TILE_URL`, `SIGAP_TILE_ATTRIBUTION`, `SIGAP_LEAFLET_DIR`).
    public var map = MapSettings()

    public struct PushSettings: Sendable, Equatable {
        /// Base64 of the 32-byte P-256 private key; nil means "generate or read `vapid.key` in the data directory".
        public var key: String?
        /// The origins a subscription's endpoint may have (`https://*.example` for any subdomain). Browsers'
        /// own push services by default; anything else would let an account make the server post anywhere.
        public var services = [
            "https://fcm.googleapis.com", "https://updates.push.services.mozilla.com", "https://web.push.apple.com",
            "https://*.notify.windows.com", "https://*.push.apple.com",
        ]
    }

    public struct MapSettings: Sendable, Equatable {
        /// A tile URL template in Leaflet's form.
        public var tileURL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
        /// Credit the tile server's terms require, shown on the map (HTML allowed: a link).
        public var attribution = "&copy; <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a>"
        /// Where Debian's libjs-leaflet puts Leaflet; when `leaflet.js` is there it is served from this site.
        public var leafletDirectory = "/usr/share/javascript/leaflet"
    }

    public struct Open311Settings: Sendable, Equatable {
        /// When set, a `jurisdiction_id` other than this one is refused (404); clients may always leave it out.
        public var jurisdiction: String?
        /// Requests one integration's key may POST per hour.
        public var postsPerKeyPerHour = 600
        /// `media_url` may point to loopback and private networks (tests and a region's own intranet); off by
        /// default, so a key holder cannot make the server fetch from inside its network.
        public var mediaFromPrivateAddresses = false
    }

    public struct DataLicense: Sendable, Equatable {
        public var name = "Creative Commons Attribution 4.0 (CC BY 4.0)"
        public var url = "https://creativecommons.org/licenses/by/4.0/"
    }

    public struct SMTPSettings: Sendable, Equatable {
        public enum Security: String, Sendable {
            /// Plain connection upgraded with STARTTLS before anything else is said (port 587).
            case starttls
            /// TLS from the first byte (port 465).
            case tls
            /// No encryption: only towards a relay on this machine.
            case none
        }
        public var host: String
        public var port: Int
        public var security: Security
        public var username: String?
        public var password: String?
        public var from: String
        public var fromName: String
        /// A PEM file of certificate authorities to trust instead of the system's (a relay with its own CA).
        public var caFile: String?
    }

    public struct TelegramSettings: Sendable, Equatable {
        public var token: String
        /// Telegram sends it back in `X-Telegram-Bot-Api-Secret-Token` on every webhook call.
        public var webhookSecret: String
        public var apiURL: String
        /// For the `t.me/<bot>?start=<code>` link on the account page; without it the page shows the command.
        public var botUsername: String?
        /// `sigap serve` long-polls `getUpdates` instead of waiting for the webhook (no public address).
        public var poll: Bool = false
    }

    public struct WhatsAppSettings: Sendable, Equatable {
        public var token: String
        public var phoneNumberID: String
        /// Signs every webhook body (`X-Hub-Signature-256`).
        public var appSecret: String
        /// Answered back to Meta's webhook verification.
        public var verifyToken: String
        public var apiURL: String
        public var apiVersion: String
        /// The approved template used outside the 24-hour window; its body has two parameters: the report
        /// number and the news.
        public var templateName: String
    }

    public var usesHTTPS: Bool { baseURL.lowercased().hasPrefix("https://") }

    /// One line per variable that is wrong; the binary prints them and exits non-zero.
    public struct Problems: Error, CustomStringConvertible {
        public let lines: [String]
        public var description: String { lines.joined(separator: "\n") }
    }

    public static func load(from env: [String: String]) throws(Problems) -> AppConfig {
        var problems: [String] = []
        func value(_ name: String) -> String? {
            guard let raw = env[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func integer(_ name: String, default fallback: Int, range: ClosedRange<Int>) -> Int {
            guard let raw = value(name) else { return fallback }
            guard let number = Int(raw), range.contains(number) else {
                problems.append(
                    "\(name): must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\"")
                return fallback
            }
            return number
        }

        let dataDirectory = value("SIGAP_DATA_DIR") ?? "./sigap-data"
        var store = Store.sqliteFile(path: dataDirectory + "/sigap.sqlite")
        if let url = value("SIGAP_DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil {
                store = .postgres(url: url)
            } else if url == "sqlite::memory:" {
                store = .sqliteMemory
            } else {
                problems.append("SIGAP_DATABASE_URL: expected postgres://user:pass@host:port/db (or unset for SQLite)")
            }
        }
        let port = integer("SIGAP_PORT", default: 8080, range: 1...65535)
        let host = value("SIGAP_HOST") ?? "127.0.0.1"
        let baseURL = value("SIGAP_BASE_URL") ?? "http://\(host):\(port)"
        if !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) || URL(string: baseURL)?.host == nil {
            problems.append("SIGAP_BASE_URL: expected an absolute http:// or https:// address, got \"\(baseURL)\"")
        }
        let prefix = value("SIGAP_REPORT_PREFIX") ?? "SGP"
        if !(2...6).contains(prefix.count) || !prefix.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) {
            problems.append("SIGAP_REPORT_PREFIX: 2 to 6 capital letters or digits, got \"\(prefix)\"")
        }
        let zoneName = value("SIGAP_TIME_ZONE") ?? "Asia/Jakarta"
        let timeZone = TimeZone(identifier: zoneName)
        if timeZone == nil { problems.append("SIGAP_TIME_ZONE: unknown time zone \"\(zoneName)\"") }
        let hoursText = value("SIGAP_OFFICE_HOURS") ?? "08:00-16:00"
        let officeHours = parseOfficeHours(hoursText)
        if officeHours == nil {
            problems.append("SIGAP_OFFICE_HOURS: opening and closing time like 08:00-16:00, got \"\(hoursText)\"")
        }
        let fieldKey = value("SIGAP_FIELD_KEY")
        if let fieldKey, Data(base64Encoded: fieldKey)?.count != 32 {
            problems.append("SIGAP_FIELD_KEY: must be base64 of exactly 32 random bytes (openssl rand -base64 32)")
        }
        let adminEmail = value("SIGAP_ADMIN_EMAIL") ?? "admin@sigap.local"
        if EmailAddress(adminEmail) == nil { problems.append("SIGAP_ADMIN_EMAIL: not an e-mail address") }
        let bcryptCost = integer("SIGAP_BCRYPT_COST", default: 12, range: 4...16)
        let trustProxyRaw = value("SIGAP_TRUST_PROXY") ?? "false"
        if !["true", "false", "1", "0"].contains(trustProxyRaw) {
            problems.append("SIGAP_TRUST_PROXY: true or false, got \"\(trustProxyRaw)\"")
        }
        var trustedProxies = TrustedProxies([])
        if let listed = value("SIGAP_TRUSTED_PROXIES") {
            if let parsed = TrustedProxies(parsing: listed) {
                trustedProxies = parsed
            } else {
                problems.append(
                    "SIGAP_TRUSTED_PROXIES: addresses or CIDR ranges separated by commas, got \"\(listed)\"")
            }
        }
        if trustProxyRaw == "true" || trustProxyRaw == "1" {
            trustedProxies = TrustedProxies(trustedProxies.ranges + TrustedProxies.loopback.ranges)
        }
        let idleMinutes = integer("SIGAP_SESSION_IDLE_MINUTES", default: 30, range: 1...1440)
        let idleTimeout = integer("SIGAP_IDLE_TIMEOUT_SECONDS", default: 30, range: 1...3600)
        let filingLimits = FilingLimits(
            perAddressPerHour: integer("SIGAP_FILINGS_PER_ADDRESS_HOUR", default: 30, range: 0...1_000_000),
            perAccountPerHour: integer("SIGAP_FILINGS_PER_ACCOUNT_HOUR", default: 10, range: 0...1_000_000),
            perContactPerDay: integer("SIGAP_FILINGS_PER_CONTACT_DAY", default: 5, range: 0...1_000_000),
            perChatPerHour: integer("SIGAP_FILINGS_PER_CHAT_HOUR", default: 10, range: 0...1_000_000))
        var forum = ForumRules.Limits()
        forum.newAccountThreadsPerDay = integer("SIGAP_FORUM_NEW_ACCOUNT_THREADS_PER_DAY", default: 3, range: 0...1000)
        forum.newAccountRepliesPerDay = integer("SIGAP_FORUM_NEW_ACCOUNT_REPLIES_PER_DAY", default: 10, range: 0...1000)
        forum.newAccountLinks = integer("SIGAP_FORUM_NEW_ACCOUNT_LINKS", default: 2, range: 0...100)
        forum.secondsBetweenPosts = TimeInterval(
            integer("SIGAP_FORUM_SECONDS_BETWEEN_POSTS", default: 30, range: 0...86_400))
        forum.flagsToHide = integer("SIGAP_FORUM_FLAGS_TO_HIDE", default: 3, range: 1...100)
        forum.editWindow = TimeInterval(integer("SIGAP_FORUM_EDIT_MINUTES", default: 15, range: 0...1440) * 60)
        let maxAttempts = integer("SIGAP_DELIVERY_MAX_ATTEMPTS", default: 8, range: 1...50)
        let wbsKey = value("SIGAP_WBS_KEY")
        if let wbsKey, Data(base64Encoded: wbsKey)?.count != 32 {
            problems.append("SIGAP_WBS_KEY: must be base64 of exactly 32 random bytes (openssl rand -base64 32)")
        }
        let receiptCost = integer("SIGAP_WBS_RECEIPT_COST", default: 12, range: 4...16)
        let retentionDays = integer("SIGAP_WBS_RETENTION_DAYS", default: 1826, range: 1...36_500)
        func absoluteURL(_ name: String, default fallback: String) -> String {
            let url = value(name) ?? fallback
            guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
                problems.append("\(name): expected an absolute http:// or https:// address, got \"\(url)\"")
                return fallback
            }
            return url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        var telegram: TelegramSettings?
        if let token = value("SIGAP_TELEGRAM_TOKEN") {
            let secret = value("SIGAP_TELEGRAM_WEBHOOK_SECRET")
            if secret == nil || !secret!.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-".contains($0)) })
                || !(1...256).contains(secret!.count)
            {
                problems.append(
                    "SIGAP_TELEGRAM_WEBHOOK_SECRET: required with SIGAP_TELEGRAM_TOKEN; 1-256 of A-Z a-z 0-9 _ -")
            }
            telegram = TelegramSettings(
                token: token, webhookSecret: secret ?? "",
                apiURL: absoluteURL("SIGAP_TELEGRAM_API_URL", default: "https://api.telegram.org"),
                botUsername: value("SIGAP_TELEGRAM_BOT_USERNAME").map {
                    $0.hasPrefix("@") ? String($0.dropFirst()) : $0
                }, poll: ["true", "1"].contains(value("SIGAP_TELEGRAM_POLL") ?? "false"))
        }
        var whatsapp: WhatsAppSettings?
        if let token = value("SIGAP_WHATSAPP_TOKEN") {
            let required = [
                "SIGAP_WHATSAPP_PHONE_NUMBER_ID", "SIGAP_WHATSAPP_APP_SECRET", "SIGAP_WHATSAPP_VERIFY_TOKEN",
            ]
            for name in required where value(name) == nil {
                problems.append("\(name): required with SIGAP_WHATSAPP_TOKEN")
            }
            whatsapp = WhatsAppSettings(
                token: token, phoneNumberID: value(required[0]) ?? "", appSecret: value(required[1]) ?? "",
                verifyToken: value(required[2]) ?? "",
                apiURL: absoluteURL("SIGAP_WHATSAPP_API_URL", default: "https://graph.facebook.com"),
                apiVersion: value("SIGAP_WHATSAPP_API_VERSION") ?? "v21.0",
                templateName: value("SIGAP_WHATSAPP_TEMPLATE") ?? "sigap_kabar_laporan")
        }
        let maxHours = integer("SIGAP_SESSION_MAX_HOURS", default: 12, range: 1...720)
        let contactMessages = integer("SIGAP_MESSAGES_PER_CONTACT_DAY", default: 10, range: 0...1_000_000)
        let uploadsAtOnce = integer("SIGAP_UPLOADS_AT_ONCE", default: 8, range: 1...1024)
        var smtp: SMTPSettings?
        if let host = value("SIGAP_SMTP_HOST") {
            let securityRaw = value("SIGAP_SMTP_SECURITY") ?? "starttls"
            let security = SMTPSettings.Security(rawValue: securityRaw)
            if security == nil { problems.append("SIGAP_SMTP_SECURITY: starttls, tls or none, got \"\(securityRaw)\"") }
            let loopback = ["localhost", "127.0.0.1", "::1"].contains(host.lowercased())
            if security == SMTPSettings.Security.none, !loopback {
                problems.append("SIGAP_SMTP_SECURITY: none is only allowed towards a relay on this machine (localhost)")
            }
            let defaultPort = security == .tls ? 465 : security == SMTPSettings.Security.none ? 25 : 587
            let from = value("SIGAP_SMTP_FROM").flatMap(EmailAddress.init)
            if from == nil { problems.append("SIGAP_SMTP_FROM: required with SIGAP_SMTP_HOST, an e-mail address") }
            let username = value("SIGAP_SMTP_USERNAME")
            let password = value("SIGAP_SMTP_PASSWORD")
            if (username == nil) != (password == nil) {
                problems.append("SIGAP_SMTP_USERNAME and SIGAP_SMTP_PASSWORD: give both or neither")
            }
            smtp = SMTPSettings(
                host: host, port: integer("SIGAP_SMTP_PORT", default: defaultPort, range: 1...65535),
                security: security ?? .starttls, username: username, password: password, from: from?.value ?? "",
                fromName: value("SIGAP_SMTP_FROM_NAME") ?? "Sigap", caFile: value("SIGAP_SMTP_CA_FILE"))
        }

        let publicationRaw = value("SIGAP_PUBLISH_REPORTS") ?? PublicationRule.afterVerification.rawValue
        let publication = PublicationRule(rawValue: publicationRaw)
        if publication == nil {
            problems.append("SIGAP_PUBLISH_REPORTS: after_verification or on_filing, got \"\(publicationRaw)\"")
        }
        var region = RegionIdentity(
            name: value("SIGAP_REGION_NAME") ?? RegionIdentity().name,
            operatorName: value("SIGAP_OPERATOR_NAME") ?? RegionIdentity().operatorName,
            operatorContact: value("SIGAP_OPERATOR_CONTACT") ?? RegionIdentity().operatorContact)
        if let kind = value("SIGAP_REGION_KIND") {
            if let parsed = RegionKind(rawValue: kind.lowercased()) {
                region.kind = parsed
            } else {
                problems.append("SIGAP_REGION_KIND: kabupaten or kota, got \"\(kind)\"")
            }
        }
        if let code = value("SIGAP_REGION_CODE") {
            region.code = KemendagriCode(code).flatMap { $0.level == .region ? $0 : nil }
            if region.code == nil {
                problems.append(
                    "SIGAP_REGION_CODE: the Kemendagri code of a kabupaten/kota like 12.07, got \"\(code)\"")
            }
        }
        if let colour = value("SIGAP_REGION_COLOUR") {
            if let parsed = RegionSettings.colour(colour), RegionSettings.carriesWhiteText(parsed) {
                region.colour = parsed
            } else {
                problems.append(
                    "SIGAP_REGION_COLOUR: a dark colour like #0b6e4f (white text must be readable on it), got \"\(colour)\""
                )
            }
        }
        if let logo = value("SIGAP_REGION_LOGO") ?? RegionEmblem.stored(in: dataDirectory) {
            if RegionIdentity.logoType(of: logo) == nil || !FileManager.default.isReadableFile(atPath: logo) {
                problems.append("SIGAP_REGION_LOGO: a readable .png, .jpg or .svg file, got \"\(logo)\"")
            } else {
                region.logoFile = logo
            }
        }
        region.whatsappNumber = value("SIGAP_WHATSAPP_PUBLIC_NUMBER")
        let demoRegion = value("SIGAP_DEMO_REGION") ?? "true"
        if !["true", "false"].contains(demoRegion) {
            problems.append("SIGAP_DEMO_REGION: true or false, got \"\(demoRegion)\"")
        }

        let open311Posts = integer("SIGAP_OPEN311_POSTS_PER_KEY_HOUR", default: 600, range: 1...1_000_000)
        let recheck = integer("SIGAP_STATISTICS_RECHECK_SECONDS", default: 1, range: 0...3600)
        let clockOffset = integer("SIGAP_CLOCK_OFFSET_DAYS", default: 0, range: -3650...3650)
        var retention = RetentionPeriods()
        retention.closedReportContactDays = integer(
            "SIGAP_RETENTION_REPORT_CONTACT_DAYS", default: retention.closedReportContactDays, range: 1...36_500)
        retention.deliveredMessageDays = integer(
            "SIGAP_RETENTION_MESSAGE_DAYS", default: retention.deliveredMessageDays, range: 2...36_500)
        retention.auditDays = integer("SIGAP_RETENTION_AUDIT_DAYS", default: retention.auditDays, range: 365...36_500)
        let mediaPrivate = value("SIGAP_OPEN311_MEDIA_FROM_PRIVATE_ADDRESSES") ?? "false"
        if !["true", "false"].contains(mediaPrivate) {
            problems.append("SIGAP_OPEN311_MEDIA_FROM_PRIVATE_ADDRESSES: true or false, got \"\(mediaPrivate)\"")
        }
        if let url = value("SIGAP_DATA_LICENSE_URL"), !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            problems.append("SIGAP_DATA_LICENSE_URL: expected an absolute http(s) address, got \"\(url)\"")
        }

        guard problems.isEmpty else { throw Problems(lines: problems) }
        var config = AppConfig(
            store: store, dataDirectory: dataDirectory, host: host, port: port,
            baseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL,
            reportPrefix: prefix, timeZone: timeZone!, officeHours: officeHours!, fieldKey: fieldKey,
            adminEmail: adminEmail,
            bcryptCost: bcryptCost, trustedProxies: trustedProxies,
            sessionIdleTimeout: TimeInterval(idleMinutes * 60), sessionAbsoluteTimeout: TimeInterval(maxHours * 3600),
            resourcesDirectory: value("SIGAP_RESOURCES_DIR"), telegram: telegram, whatsapp: whatsapp,
            deliveryMaxAttempts: maxAttempts, wbsKey: wbsKey, wbsReceiptCost: receiptCost,
            wbsRetentionDays: retentionDays, filingLimits: filingLimits, idleTimeout: TimeInterval(idleTimeout),
            messagesPerContactPerDay: contactMessages, uploadsAtOnce: uploadsAtOnce, smtp: smtp, region: region,
            publication: publication ?? .afterVerification, forum: forum)
        config.signingKey = value("SIGAP_SIGNING_KEY")
        config.retiredSigningKeys = value("SIGAP_SIGNING_RETIRED_KEYS")
        config.open311.jurisdiction = value("SIGAP_OPEN311_JURISDICTION")
        config.open311.postsPerKeyPerHour = open311Posts
        config.statisticsRecheckSeconds = TimeInterval(recheck)
        config.retention = retention
        config.clockOffsetDays = clockOffset
        config.push.key = value("SIGAP_VAPID_KEY")
        if let services = value("SIGAP_PUSH_SERVICES") {
            config.push.services = services.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
        }
        if let tiles = value("SIGAP_TILE_URL") { config.map.tileURL = tiles }
        if let credit = value("SIGAP_TILE_ATTRIBUTION") { config.map.attribution = credit }
        if let leaflet = value("SIGAP_LEAFLET_DIR") { config.map.leafletDirectory = leaflet }
        config.open311.mediaFromPrivateAddresses = mediaPrivate == "true"
        config.seedsDemoRegion = demoRegion == "true"
        if let name = value("SIGAP_DATA_LICENSE_NAME") { config.dataLicense.name = name }
        if let url = value("SIGAP_DATA_LICENSE_URL") { config.dataLicense.url = url }
        return config
    }

    /// `08:00-16:00` → minutes after midnight; nil unless the opening is before the closing.
    static func parseOfficeHours(_ text: String) -> WorkCalendar.Hours? {
        func minutes(_ part: Substring) -> Int? {
            let pieces = part.split(separator: ":")
            guard pieces.count == 2, pieces[0].count == 2, pieces[1].count == 2, let hour = Int(pieces[0]),
                let minute = Int(pieces[1]), (0...24).contains(hour), (0..<60).contains(minute)
            else { return nil }
            return hour * 60 + minute
        }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let opens = minutes(parts[0]), let closes = minutes(parts[1]), opens < closes,
            closes <= 24 * 60
        else { return nil }
        return WorkCalendar.Hours(opens: opens, closes: closes)
    }
}
