import Foundation
import SigapCore
import Vapor

/// Who is looking at a report, and what of it they may see. Every page and API response about a report is
/// built through this, so the privacy rules live in one place.
struct ReportViewer {
    let user: User?
    /// The guest's private follow-up token, if one was presented.
    let followToken: String?

    func isReporter(_ report: Report) -> Bool {
        if let id = user?.id, id == report.reporterID { return true }
        if let token = followToken, let hash = report.followTokenHash {
            return SecretToken.constantTimeEquals(SecretToken.digest(token), hash)
        }
        return false
    }

    /// Staff who work this report: its agency's staff and administrators.
    func isHandlingStaff(_ report: Report) -> Bool {
        guard let user else { return false }
        return ReportWorkflow.isHandlingStaff(
            ReportActor(role: user.role, agencyID: user.$agency.id, isReporter: false), report.facts)
    }

    /// Staff who may read every report: the handling agency, administrators, leadership and moderators.
    func isStaffReader(_ report: Report) -> Bool {
        guard let role = user?.role else { return false }
        return isHandlingStaff(report) || role == .pimpinan || role == .moderator
    }

    func canSee(_ report: Report) -> Bool {
        report.privacy.isPublic || isReporter(report) || isStaffReader(report)
    }

    /// The reporter's name and contact: the reporter themself, and staff unless the report is anonymous.
    /// Moderators never see it; the public never does.
    func seesReporterIdentity(_ report: Report) -> Bool {
        if isReporter(report) { return true }
        guard report.privacy.staffSeeReporter, let role = user?.role else { return false }
        return isHandlingStaff(report) || role == .pimpinan
    }

    func canRead(_ event: ReportEvent, of report: Report) -> Bool {
        switch event.visibility {
        case .public: return true
        case .reporter: return isReporter(report) || isStaffReader(report)
        case .staff: return isStaffReader(report)
        }
    }

    func actor(for report: Report) -> ReportActor {
        ReportActor(role: user?.role, agencyID: user?.$agency.id, isReporter: isReporter(report))
    }
}
