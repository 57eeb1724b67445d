import Crypto
import Fluent
import Foundation
import SigapCore
import Vapor

/// The app-wide services configured once at start.
struct SigapServices: Sendable {
    let config: AppConfig
    let cipher: FieldCipher
    let clock: AppClock
    let passwords: Passwords
    /// The event loop whose SQLite connection takes every report write (see `DatabaseSetup.writer`).
    let writerEventLoop: any EventLoop
    /// The shipped national holidays (`Resources/Calendar/holidays.json`).
    let holidays: HolidayList
    /// Regions, agencies, categories and the work calendar, read on every report request and invalidated by the
    /// admin pages.
    let reference: ReferenceCache
    /// Map pins are the same for every visitor (public reports only) and a map page asks for the same boxes as
    /// its neighbours: answers are shared for a few seconds per query string, so a pin may appear 5 s late.
    let pins = ExpiringCache<ByteBuffer>(lifetime: 5, capacity: 512)
    /// A public report page as anonymous readers see it (no account, no follow-up link), per language, for a
    /// few seconds: a report shared on social media is read by many at once. Signed-in people, reporters and
    /// staff always get a fresh page.
    let anonymousReportPages = ExpiringCache<ByteBuffer>(lifetime: 5, capacity: 1024)
    /// Dashboard and transparency statistics: the reports' service numbers kept current per day
    /// (`ReportTally`), each period's numbers shared until a report changes or for a minute, the applications
    /// and satisfaction index beside them for a minute.
    let reportTally: ReportTally
    /// The front page's answered reports and agenda (`HomeHighlights`), kept 30 seconds.
    let homeHighlights = ExpiringCache<HomeHighlights.Kept>(lifetime: 30, capacity: 2)
    let statistics = ExpiringCache<PerformanceNumbers>(lifetime: 60, capacity: 16)
    let statisticsInFlight = SingleFlight<PerformanceNumbers>()
    let serviceStatistics = ExpiringCache<PerformanceNumbers.PublicServiceFigures>(lifetime: 60, capacity: 8)
    /// Musrenbang's cycles and their phases, read by every Musrenbang page; `MusrenbangCycles.open` and
    /// `extend` invalidate them.
    let musrenbangCycles = KeptValue<[MusrenbangCycles.Loaded]>()
    /// The category-suggestion model.
    let suggester: CategorySuggester
    /// Seals whistleblowing cases with the inspectorate key.
    let wbs: WBSVault
    /// Signs certificates (and later service results); verifies them with every key ever used.
    let signingKeys: SigningKeys
    /// Signs Web Push messages (VAPID); browsers subscribe with its public half.
    let pushKey: P256.Signing.PrivateKey
    /// Wrong WBS receipts, in memory only.
    let wbsThrottle = WBSReceiptThrottle()
    /// Reports per address, account, guest contact and chat, in memory only.
    let filings = KeyedLimiter()
    /// What strangers may do a number of times without signing in — counter survey answers per device and
    /// address, credential checks per address — in memory only.
    let strangers = KeyedLimiter()
    /// One chat's messages are handled one at a time, in arrival order.
    let chatTurns = SerialByKey()
    /// Uploads handled at once (`UploadGate`).
    let uploads: AsyncGate
    /// Rung when a chat reply is queued, so `sigap serve` delivers it now rather than at the next round.
    let outboxBell = Bell()
    /// How an attempt is held back (`LoginLimits.account`); tests record instead of sleeping.
    var pause: @Sendable (TimeInterval) async -> Void = { seconds in
        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }

    init(
        config: AppConfig, cipher: FieldCipher, clock: AppClock, passwords: Passwords, writerEventLoop: any EventLoop,
        holidays: HolidayList, suggester: CategorySuggester, wbs: WBSVault, signingKeys: SigningKeys,
        pushKey: P256.Signing.PrivateKey
    ) {
        self.config = config
        self.cipher = cipher
        self.clock = clock
        self.passwords = passwords
        self.writerEventLoop = writerEventLoop
        self.holidays = holidays
        self.suggester = suggester
        self.wbs = wbs
        self.signingKeys = signingKeys
        self.pushKey = pushKey
        self.uploads = AsyncGate(
            permits: config.uploadsAtOnce, maxWaiting: config.uploadsAtOnce * UploadGate.waitingPerSlot)
        self.reference = ReferenceCache(timeZone: config.timeZone, hours: config.officeHours, national: holidays)
        self.reportTally = ReportTally(recheck: config.statisticsRecheckSeconds)
    }
}

extension Application {
    private struct SigapKey: StorageKey { typealias Value = SigapServices }

    var sigap: SigapServices {
        get {
            guard let services = storage[SigapKey.self] else { fatalError("configure(_:) has not run") }
            return services
        }
        set { storage[SigapKey.self] = newValue }
    }
}

extension Request {
    var sigap: SigapServices { application.sigap }
    var now: Date { application.sigap.clock.now() }
    /// Where report writes go: one serialised connection on SQLite, the request's pool on PostgreSQL.
    var writeDB: any Database { DatabaseSetup.writer(for: application, logger: logger) }
}
