import Fluent
import Foundation
import SigapCore

extension User {
    /// Reads the commission a council member's account sits on, so `Policy` lets them read and answer the
    /// aspirations routed to it. One small query, for `dprd` accounts only.
    func takeCouncilSeat(on db: any Database) async throws {
        guard role == .dprd, let id else { return }
        commissionID = try await DPRDMember.query(on: db).filter(\.$userID == id).filter(\.$commissionID != nil)
            .first()?.commissionID
    }
}
