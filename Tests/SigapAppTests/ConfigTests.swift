import Foundation
import SigapCore
import Testing

@testable import SigapApp

@Suite struct ConfigTests {
    @Test func defaultsGiveSQLiteInTheDataFolderOnLocalhost8080() throws {
        let config = try AppConfig.load(from: [:])
        #expect(config.store == .sqliteFile(path: "./sigap-data/sigap.sqlite"))
        #expect(config.host == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.reportPrefix == "SGP")
        #expect(config.timeZone.identifier == "Asia/Jakarta")
        #expect(config.baseURL == "http://127.0.0.1:8080")
        #expect(!config.usesHTTPS)
    }

    /// Issue 22's settings: the push services a subscription may name, the tile server, Debian's Leaflet folder,
    /// and the rehearsal clock (off by default, whole days, bounded).
    @Test func pushMapAndClockSettingsAreRead() throws {
        let defaults = try AppConfig.load(from: [:])
        #expect(defaults.clockOffsetDays == 0)
        #expect(defaults.push.services.contains("https://fcm.googleapis.com"))
        #expect(defaults.map.leafletDirectory == "/usr/share/javascript/leaflet")
        let set = try AppConfig.load(from: [
            "SIGAP_PUSH_SERVICES": " https://push.example.id , https://*.push.example.org ,",
            "SIGAP_TILE_URL": "https://{s}.tiles.example.id/{z}/{x}/{y}.png", "SIGAP_CLOCK_OFFSET_DAYS": "12",
        ])
        #expect(set.push.services == ["https://push.example.id", "https://*.push.example.org"])
        #expect(set.map.tileURL == "https://{s}.tiles.example.id/{z}/{x}/{y}.png")
        #expect(set.clockOffsetDays == 12)
        #expect(PushServices.allow("https://a.push.example.org/x", set.push.services))
        #expect(!PushServices.allow("https://push.example.org.evil.id/x", set.push.services))
        #expect(!PushServices.allow("https://user@push.example.id/x", set.push.services))
        #expect(!PushServices.allow("http://push.example.id/x", set.push.services))
        #expect(throws: AppConfig.Problems.self) { try AppConfig.load(from: ["SIGAP_CLOCK_OFFSET_DAYS": "99999"]) }
        let clock = AppClock.system(shiftedByDays: 12)
        #expect(abs(clock.now().timeIntervalSinceNow - 12 * 86_400) < 60)
    }

    @Test func aPostgresURLSelectsPostgreSQL() throws {
        let config = try AppConfig.load(from: ["SIGAP_DATABASE_URL": "postgres://sigap:rahasia@db.local:5432/sigap"])
        #expect(config.store == .postgres(url: "postgres://sigap:rahasia@db.local:5432/sigap"))
    }

    @Test func everyBadVariableIsReportedOnItsOwnLine() {
        do {
            _ = try AppConfig.load(from: [
                "SIGAP_PORT": "delapan", "SIGAP_DATABASE_URL": "mysql://x", "SIGAP_BASE_URL": "sigap.go.id",
                "SIGAP_TIME_ZONE": "Mars/Olympus", "SIGAP_REPORT_PREFIX": "sgp!", "SIGAP_FIELD_KEY": "c2hvcnQ=",
            ])
            Issue.record("expected problems")
        } catch {
            let names = error.lines.map { String($0.prefix { $0 != ":" }) }
            #expect(
                Set(names) == [
                    "SIGAP_PORT", "SIGAP_DATABASE_URL", "SIGAP_BASE_URL", "SIGAP_TIME_ZONE", "SIGAP_REPORT_PREFIX",
                    "SIGAP_FIELD_KEY",
                ])
            #expect(!error.lines.joined().contains("rahasia"))
        }
    }

    @Test func theFieldKeyIsGeneratedOnceWithOwnerOnlyPermissionsOrTakenFromTheEnvironment() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigap-key-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = try SecretStore.key(named: "field.key", fromEnvironment: nil, dataDirectory: folder)
        let second = try SecretStore.key(named: "field.key", fromEnvironment: nil, dataDirectory: folder)
        #expect(first == second)
        let permissions =
            try FileManager.default.attributesOfItem(atPath: folder + "/field.key")[.posixPermissions] as? NSNumber
        #expect(permissions?.intValue == 0o600)
        let given = Data(repeating: 7, count: 32).base64EncodedString()
        let fromEnvironment = try SecretStore.key(named: "field.key", fromEnvironment: given, dataDirectory: folder)
        #expect(fromEnvironment != first)
    }
}

@Suite struct PasswordHashingTests {
    @Test func hashingRunsOnTheThreadPoolNotOnAnEventLoopOrTheCallersThread() async throws {
        try await withSigap { context in
            let passwords = context.app.sigap.passwords
            let thread = try await passwords.offload { Thread.current.name ?? "" }
            #expect(thread.contains("TP-#"))  // NIO thread-pool threads; event loops are "NIO-ELT-…"
            let hash = try await passwords.hash("kopi tubruk pagi hari")
            #expect(hash.hasPrefix("$2b$04$"))
            #expect(try await passwords.verify("kopi tubruk pagi hari", against: hash))
            #expect(try await !passwords.verify("kopi tubruk sore hari", against: hash))
        }
    }

    @Test func chatChannelsAreOffWithoutTheirSettingsAndCompleteWhenOn() throws {
        let off = try AppConfig.load(from: [:])
        #expect(off.telegram == nil && off.whatsapp == nil)
        #expect(off.officeHours == .standard && off.deliveryMaxAttempts == 8)

        let on = try AppConfig.load(from: [
            "SIGAP_TELEGRAM_TOKEN": "1:abc", "SIGAP_TELEGRAM_WEBHOOK_SECRET": "s3cret_-",
            "SIGAP_WHATSAPP_TOKEN": "EAAG", "SIGAP_WHATSAPP_PHONE_NUMBER_ID": "1055",
            "SIGAP_WHATSAPP_APP_SECRET": "app", "SIGAP_WHATSAPP_VERIFY_TOKEN": "verif",
            "SIGAP_OFFICE_HOURS": "07:30-15:30",
        ])
        #expect(on.telegram?.apiURL == "https://api.telegram.org")
        #expect(on.whatsapp?.apiURL == "https://graph.facebook.com" && on.whatsapp?.phoneNumberID == "1055")
        #expect(on.officeHours == WorkCalendar.Hours(opens: 450, closes: 930))

        do {
            _ = try AppConfig.load(from: [
                "SIGAP_TELEGRAM_TOKEN": "1:abc", "SIGAP_WHATSAPP_TOKEN": "EAAG",
                "SIGAP_TELEGRAM_API_URL": "ftp://x", "SIGAP_OFFICE_HOURS": "16:00-08:00",
            ])
            Issue.record("expected problems")
        } catch {
            let names = Set(error.lines.map { String($0.prefix { $0 != ":" }) })
            #expect(
                names == [
                    "SIGAP_TELEGRAM_WEBHOOK_SECRET", "SIGAP_TELEGRAM_API_URL", "SIGAP_WHATSAPP_PHONE_NUMBER_ID",
                    "SIGAP_WHATSAPP_APP_SECRET", "SIGAP_WHATSAPP_VERIFY_TOKEN", "SIGAP_OFFICE_HOURS",
                ])
            #expect(!error.lines.joined().contains("1:abc"))
        }
    }
}

@Suite struct TrustedProxyConfigTests {
    @Test func trustedProxiesAreReadAndABadEntryIsReported() throws {
        let config = try AppConfig.load(from: ["SIGAP_TRUSTED_PROXIES": "10.0.0.0/8, 192.0.2.1"])
        #expect(config.trustedProxies.trusts("10.1.2.3"))
        #expect(!config.trustedProxies.trusts("127.0.0.1"))
        #expect(try AppConfig.load(from: [:]).trustedProxies.ranges.isEmpty)
        #expect(try AppConfig.load(from: ["SIGAP_TRUST_PROXY": "true"]).trustedProxies.trusts("127.0.0.1"))
        #expect {
            try AppConfig.load(from: ["SIGAP_TRUSTED_PROXIES": "10.0.0.0/8, proxy.local"])
        } throws: { error in
            String(describing: error).contains("SIGAP_TRUSTED_PROXIES")
        }
    }
}
