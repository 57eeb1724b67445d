import Foundation

/// Who is acting: the signed-in account's role and scope, nothing else.
public struct Actor: Sendable, Equatable {
    public let id: UUID
    public let role: Role
    public let agencyID: UUID?
    public let kecamatanID: UUID?
    public let desaID: UUID?

    public init(id: UUID, role: Role, agencyID: UUID? = nil, kecamatanID: UUID? = nil, desaID: UUID? = nil) {
        self.id = id
        self.role = role
        self.agencyID = agencyID
        self.kecamatanID = kecamatanID
        self.desaID = desaID
    }
}

/// Every action that needs permission, with the record it touches. Controllers ask `Policy.allows` before
/// acting; each action is decided in exactly one place below.
public enum Action: Sendable {
    case enterStaffArea
    case manageRegions
    case manageAgencies
    case viewAuditLog
    /// Adding or removing the region's own days off and working days.
    case manageCalendar
    /// Seeing undeliverable notifications and sending them again.
    case manageMessages
    /// The leadership dashboard: every agency's service level and the escalation list.
    case viewLeadershipDashboard
    /// Listing categories; opd_admin sees only the agency's own.
    case listCategories
    /// Creating or editing a category routed to `agencyID`.
    case manageCategory(agencyID: UUID)
    case listStaff
    /// Creating or editing a staff account that has (or will have) `role` within `agencyID`.
    case manageStaff(role: Role, agencyID: UUID?)
}

public enum Policy {
    public static func allows(_ actor: Actor, _ action: Action) -> Bool {
        switch action {
        case .enterStaffArea:
            return actor.role.isStaff
        case .manageRegions, .manageAgencies, .viewAuditLog, .manageCalendar, .manageMessages:
            return actor.role == .admin
        case .viewLeadershipDashboard:
            return actor.role == .pimpinan || actor.role == .admin
        case .listCategories, .listStaff:
            return actor.role == .admin || actor.role == .opdAdmin
        case .manageCategory(let agencyID):
            return actor.role == .admin || (actor.role == .opdAdmin && actor.agencyID == agencyID)
        case .manageStaff(let role, let agencyID):
            guard role.isStaff else { return false }
            if actor.role == .admin { return true }
            // An agency head's office manages its own clerks, never other roles or agencies.
            return actor.role == .opdAdmin && role == .opdStaf && agencyID != nil && actor.agencyID == agencyID
        }
    }
}
