import Foundation
import SigapCore
import Vapor

/// Who is looking at a report, and what of it they may see. Every page and API response about a report is
/// built through this; the decisions themselves are `Policy`'s (SigapCore), with the report's place and
/// privacy as the record.
struct ReportViewer: Sendable {
    let user: User?
    /// The guest's private follow-up token, if one was presented.
    let followToken: String?

    private var actor: Actor? { user.map(\.actor) }

    func isReporter(_ report: Report) -> Bool {
        if let id = user?.id, id == report.reporterID { return true }
        if let token = followToken, let hash = report.followTokenHash {
            return SecretToken.constantTimeEquals(SecretToken.digest(token), hash)
        }
        return false
    }

    /// Staff who work this report: its agency's staff and administrators.
    func isHandlingStaff(_ report: Report) -> Bool {
        actor(for: report).handles
    }

    /// Staff who may read the report's staff page: the handling agency, administrators, leadership,
    /// moderators, and village and sub-district officers of its place (not for confidential reports).
    func isStaffReader(_ report: Report) -> Bool {
        Policy.allows(actor, .readReportAsStaff(report.place, confidential: report.privacy == .rahasia))
    }

    func canSee(_ report: Report) -> Bool {
        (report.privacy.isPublic && report.published) || isReporter(report) || isStaffReader(report)
    }

    /// The reporter's name and contact: the reporter themself, and staff unless the report is anonymous.
    /// Moderators and local officers never see it; the public never does.
    func seesReporterIdentity(_ report: Report) -> Bool {
        isReporter(report)
            || Policy.allows(actor, .seeReporter(report.place, anonymous: !report.privacy.staffSeeReporter))
    }

    func canRead(_ visibility: HistoryVisibility, of report: Report) -> Bool {
        switch visibility {
        case .public: return true
        case .reporter: return isReporter(report) || isStaffReader(report)
        case .staff: return isStaffReader(report)
        }
    }

    /// Whether the policy lets this viewer take `action` on the report (the state aside).
    func may(_ action: ReportAction, _ report: Report) -> Bool {
        Policy.allows(actor, .actOnReport(action, report.place, isReporter: isReporter(report)))
    }

    func actor(for report: Report) -> ReportActor {
        Policy.reportActor(actor, report.place, isReporter: isReporter(report))
    }
}
