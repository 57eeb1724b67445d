import Fluent
import Foundation
import SigapCore
import Vapor

/// `sigap init`: makes this data folder a region's own. Asks (or takes as flags) the region's name, kind, code,
/// time zone, report-number prefix, emblem and colour, and the first administrator; writes them to
/// `settings.env` in the data folder (read at every start, under the environment), copies the emblem into the
/// folder, takes the demo kabupaten's places, agencies and categories out while nothing uses them, and
/// creates the administrator. Running it again changes the settings and keeps everything else.
struct InitCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "name", help: "The government's name, e.g. \"Pemerintah Kabupaten Deli Serdang\"") var name:
            String?
        @Option(name: "kind", help: "kabupaten or kota") var kind: String?
        @Option(name: "code", help: "Kemendagri code of the kabupaten/kota, e.g. 12.07") var code: String?
        @Option(name: "time-zone", help: "WIB, WITA, WIT or an IANA name (Asia/Jakarta)") var timeZone: String?
        @Option(name: "prefix", help: "Report-number prefix, 2-6 capital letters or digits (DS → DS-2026-000001)")
        var prefix: String?
        @Option(name: "logo", help: "The region's emblem: a .png, .jpg or .svg file") var logo: String?
        @Option(name: "colour", help: "The header colour, a dark #rrggbb") var colour: String?
        @Option(name: "operator", help: "The office that runs Sigap (footer)") var operatorName: String?
        @Option(name: "contact", help: "How citizens reach that office (footer, posters)") var contact: String?
        @Option(name: "whatsapp", help: "The WhatsApp number citizens write to (posters)") var whatsapp: String?
        @Option(name: "admin-email", help: "The first administrator's e-mail") var adminEmail: String?
        @Option(name: "admin-name", help: "The first administrator's name") var adminName: String?
        @Flag(name: "yes", short: "y", help: "Ask nothing: take the flags and the defaults") var yes: Bool
        init() {}
    }

    var help: String { "Sets this data folder up for a region: name, emblem, colours, first administrator." }

    /// The region's time zones by the names people use for them.
    static let zones = ["WIB": "Asia/Jakarta", "WITA": "Asia/Makassar", "WIT": "Asia/Jayapura"]

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let config = app.sigap.config
        let interactive = !signature.yes && isatty(STDIN_FILENO) == 1
        let earlier = SettingsFile.parse(
            (try? String(contentsOfFile: SettingsFile.path(dataDirectory: config.dataDirectory), encoding: .utf8))
                ?? "")
        /// The flag, else the answer to the question (the earlier setting offered), else the earlier setting.
        func setting(_ flag: String?, _ question: String, _ key: String, fallback: String? = nil) -> String? {
            if let flag = flag?.trimmingCharacters(in: .whitespaces), !flag.isEmpty { return flag }
            let current = earlier[key] ?? fallback
            guard interactive else { return current }
            let answer = console.ask("\(question)\(current.map { " [\($0)]" } ?? "")").trimmingCharacters(
                in: .whitespaces)
            return answer.isEmpty ? current : answer
        }
        var settings = earlier
        settings["SIGAP_REGION_NAME"] = setting(
            signature.name, "Region's name (Pemerintah Kabupaten …)", "SIGAP_REGION_NAME")
        settings["SIGAP_REGION_KIND"] = setting(
            signature.kind, "kabupaten or kota", "SIGAP_REGION_KIND", fallback: "kabupaten")
        settings["SIGAP_REGION_CODE"] = setting(signature.code, "Kemendagri code (12.07)", "SIGAP_REGION_CODE")
        let zone = setting(signature.timeZone, "Time zone (WIB, WITA, WIT)", "SIGAP_TIME_ZONE", fallback: "WIB")
        settings["SIGAP_TIME_ZONE"] = zone.map { Self.zones[$0.uppercased()] ?? $0 }
        settings["SIGAP_REPORT_PREFIX"] = setting(
            signature.prefix, "Report-number prefix", "SIGAP_REPORT_PREFIX", fallback: "SGP")?
            .uppercased()
        settings["SIGAP_REGION_COLOUR"] = setting(
            signature.colour, "Header colour (#rrggbb, dark)", "SIGAP_REGION_COLOUR",
            fallback: RegionIdentity.defaultColour)
        settings["SIGAP_OPERATOR_NAME"] = setting(
            signature.operatorName, "Office that runs Sigap", "SIGAP_OPERATOR_NAME",
            fallback: "Dinas Komunikasi dan Informatika")
        settings["SIGAP_OPERATOR_CONTACT"] = setting(
            signature.contact, "Its contact (e-mail · phone)", "SIGAP_OPERATOR_CONTACT")
        settings["SIGAP_WHATSAPP_PUBLIC_NUMBER"] = setting(
            signature.whatsapp, "WhatsApp number for citizens (blank: none)", "SIGAP_WHATSAPP_PUBLIC_NUMBER")
        settings["SIGAP_DEMO_REGION"] = "false"
        let logo = setting(signature.logo, "Emblem file (.png, .jpg, .svg; blank: none)", "", fallback: nil)
        let adminEmail = setting(signature.adminEmail, "First administrator's e-mail", "", fallback: nil)
        let adminName = setting(signature.adminName, "First administrator's name", "", fallback: "Administrator")

        // Checked by the same rules as a start, so what init accepts the server accepts.
        var problems: [String] = []
        if settings["SIGAP_REGION_NAME"].map({ (5...120).contains($0.count) }) != true {
            problems.append("--name: the government's name, 5 to 120 characters")
        }
        if settings["SIGAP_REGION_CODE"] == nil { problems.append("--code: the Kemendagri code, like 12.07") }
        if let logo, RegionIdentity.logoType(of: logo) == nil || !FileManager.default.isReadableFile(atPath: logo) {
            problems.append("--logo: a readable .png, .jpg or .svg file, got \"\(logo)\"")
        }
        if let adminEmail, EmailAddress(adminEmail) == nil { problems.append("--admin-email: not an e-mail address") }
        var check = settings.filter { $0.value != "" }
        check["SIGAP_DATA_DIR"] = config.dataDirectory
        do {
            _ = try AppConfig.load(from: check)
        } catch {
            problems += error.lines.map { line in
                line.replacingOccurrences(of: "SIGAP_REGION_", with: "--").replacingOccurrences(
                    of: "SIGAP_", with: "--")
            }
        }
        guard problems.isEmpty else {
            for line in problems { console.error(line) }
            throw ExitCode(64)
        }

        try await Bootstrap.prepareDatabase(app)
        let appContext = app.context()
        if try await DemoRegion.remove(context: appContext) {
            console.output("Took the demo kabupaten's places, agencies and categories out (nothing used them).")
        }
        if let logo {
            let stored = try RegionEmblem.store(copyOf: logo, dataDirectory: config.dataDirectory)
            console.output("Emblem stored as \(stored).")
        }
        try SettingsFile.write(
            settings.filter { $0.value != "" }, dataDirectory: config.dataDirectory,
            header: "The region's settings, written by `sigap init` (run it again to change them).\n"
                + "Environment variables of the same name override these lines.")
        console.output("Settings written to \(SettingsFile.path(dataDirectory: config.dataDirectory)).")

        if let adminEmail {
            if try await User.query(on: app.db).filter(\.$email == adminEmail.lowercased()).count() > 0 {
                console.output("The administrator \(adminEmail.lowercased()) exists already; no password printed.")
            } else {
                let password = try await Bootstrap.createAdmin(
                    app, name: adminName ?? "Administrator", email: adminEmail)
                console.output(
                    """
                    First administrator created.
                      e-mail:            \(adminEmail.lowercased())
                      one-time password: \(password)
                    At first sign-in you set up two-factor and choose a new password. This password is shown only once.
                    """)
            }
        }
        console.output(
            """
            Next: import the region's places, agencies and categories (docs: README, "Adopt Sigap in your region"):
              sigap import wilayah wilayah.csv [--batas batas.geojson]
              sigap import opd opd.csv
              sigap import kategori kategori.csv
            then start it: sigap serve
            """)
    }
}
