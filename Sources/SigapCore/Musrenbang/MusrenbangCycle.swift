/// One year's Musrenbang (Permendagri 86/2017): the plan year and its phases, each a range of days in the
/// region. Every proposal decision belongs to one phase and is refused outside it, with the phase and its
/// dates named.
public struct MusrenbangCycle: Sendable, Equatable {
    /// In the order they happen.
    public enum Phase: String, CaseIterable, Codable, Sendable, Comparable {
        /// Citizens and village officers submit proposals.
        case proposals = "usulan"
        /// Musrenbang desa/kelurahan: each desa accepts, returns, rejects, ranks and forwards.
        case desa = "desa"
        /// Musrenbang RKPD at the kecamatan: the same over its desas', mapping to agencies, merging.
        case kecamatan = "kecamatan"
        /// Forum perangkat daerah: each agency judges what is mapped to it; DPRD pokir enter here.
        case agencyForum = "forum_opd"
        /// Musrenbang RKPD of the kabupaten: Bappeda accepts into the plan, defers or rejects.
        case kabupaten = "kabupaten"
        /// The RKPD is set; accepted proposals wait for their work to start.
        case published = "penetapan"
        /// The plan year: agencies report the work done.
        case realisation = "realisasi"

        public static func < (lhs: Phase, rhs: Phase) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// A phase's first and last day (both included).
    public struct Window: Sendable, Equatable {
        public let first: CivilDay
        public let last: CivilDay

        public init(first: CivilDay, last: CivilDay) {
            self.first = first
            self.last = last
        }

        public func contains(_ day: CivilDay) -> Bool { first <= day && day <= last }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// A phase is missing, ends before it starts, or overlaps the one before it.
        case phasesOutOfOrder(Phase)
    }

    /// The year the plan is for (the RKPD year).
    public let planYear: Int
    public let windows: [Phase: Window]

    /// Every phase must have a window; each starts after the previous one ended.
    public init(planYear: Int, windows: [Phase: Window]) throws(Problem) {
        var previous: CivilDay?
        for phase in Phase.allCases {
            guard let window = windows[phase], window.first <= window.last else { throw .phasesOutOfOrder(phase) }
            if let previous, window.first <= previous { throw .phasesOutOfOrder(phase) }
            previous = window.last
        }
        self.planYear = planYear
        self.windows = windows
    }

    /// The phase `day` falls in; nil before the cycle, after it, or between two phases.
    public func phase(on day: CivilDay) -> Phase? {
        Phase.allCases.first { windows[$0]!.contains(day) }
    }

    public func window(of phase: Phase) -> Window { windows[phase]! }

    /// The cycle with `phase` ending on `last` instead: refused when that would run into the next phase.
    public func extending(_ phase: Phase, to last: CivilDay) throws(Problem) -> MusrenbangCycle {
        var changed = windows
        changed[phase] = Window(first: windows[phase]!.first, last: last)
        return try MusrenbangCycle(planYear: planYear, windows: changed)
    }
}
