import Foundation
import Testing

@testable import SigapCore

/// Scopes: an agency's staff act for their agency, a `petugas_kecamatan` in its kecamatan, a `petugas_desa`
/// in its desa — and nowhere else.
@Suite struct PolicyScopeTests {
    let agency = UUID()
    let kecamatan = UUID()
    let desa = UUID()
    let otherDesaSameKecamatan = UUID()

    var here: Place { Place(agencyID: agency, kecamatanID: kecamatan, desaID: desa) }
    var neighbour: Place { Place(agencyID: agency, kecamatanID: kecamatan, desaID: otherDesaSameKecamatan) }
    var elsewhere: Place { Place(agencyID: UUID(), kecamatanID: UUID(), desaID: UUID()) }

    func account(_ role: Role, agency: UUID? = nil, kecamatan: UUID? = nil, desa: UUID? = nil) -> Actor {
        Actor(id: UUID(), role: role, agencyID: agency, kecamatanID: kecamatan, desaID: desa)
    }

    @Test func aVillageOfficerActsOnlyInItsDesa() {
        let officer = account(.petugasDesa, desa: desa)
        #expect(officer.covers(here))
        #expect(!officer.covers(neighbour))
        #expect(!officer.covers(elsewhere))
        #expect(Policy.allows(officer, .readReportAsStaff(here, confidential: false)))
        #expect(!Policy.allows(officer, .readReportAsStaff(neighbour, confidential: false)))
        #expect(Policy.allows(officer, .actOnReport(.note, here, isReporter: false)))
        #expect(!Policy.allows(officer, .actOnReport(.note, neighbour, isReporter: false)))
        // A village officer adds notes; the agency's decisions stay with the agency.
        #expect(!Policy.allows(officer, .actOnReport(.verify, here, isReporter: false)))
        #expect(Policy.queueArea(officer) == .desa(desa))
    }

    @Test func aSubDistrictOfficerCoversEveryDesaOfItsKecamatan() {
        let officer = account(.petugasKecamatan, kecamatan: kecamatan)
        #expect(Policy.allows(officer, .readReportAsStaff(here, confidential: false)))
        #expect(Policy.allows(officer, .readReportAsStaff(neighbour, confidential: false)))
        #expect(!Policy.allows(officer, .readReportAsStaff(elsewhere, confidential: false)))
        #expect(Policy.queueArea(officer) == .kecamatan(kecamatan))
    }

    @Test func localOfficersNeverSeeConfidentialReportsOrReporters() {
        let officer = account(.petugasDesa, desa: desa)
        #expect(!Policy.allows(officer, .readReportAsStaff(here, confidential: true)))
        #expect(!Policy.allows(officer, .seeReporter(here, anonymous: false)))
        let clerk = account(.opdStaf, agency: agency)
        #expect(Policy.allows(clerk, .readReportAsStaff(here, confidential: true)))
        #expect(Policy.allows(clerk, .seeReporter(here, anonymous: false)))
        #expect(!Policy.allows(clerk, .seeReporter(here, anonymous: true)))
    }

    @Test func aScopedRoleWithoutItsScopeCoversNothing() {
        let officer = account(.petugasDesa)
        #expect(officer.area == .nothing)
        #expect(!officer.covers(here))
        #expect(Policy.queueArea(officer) == nil)
        #expect(!Policy.allows(officer, .readReportQueue))
        #expect(!Policy.allows(account(.opdStaf), .actOnReport(.verify, Place(), isReporter: false)))
    }

    @Test func agencyStaffActOnlyForTheirAgency() {
        let clerk = account(.opdStaf, agency: agency)
        #expect(Policy.allows(clerk, .actOnReport(.resolve, here, isReporter: false)))
        #expect(!Policy.allows(clerk, .actOnReport(.resolve, elsewhere, isReporter: false)))
        #expect(Policy.queueArea(clerk) == .agency(agency))
        #expect(Policy.allows(account(.admin), .actOnReport(.resolve, elsewhere, isReporter: false)))
    }

    @Test func guestsActOnlyAsReportersAndOnlyThroughTheirLink() {
        #expect(Policy.allows(nil, .actOnReport(.addInformation, here, isReporter: true)))
        #expect(!Policy.allows(nil, .actOnReport(.addInformation, here, isReporter: false)))
        #expect(!Policy.allows(nil, .actOnReport(.support, here, isReporter: false)))
        #expect(!Policy.allows(nil, .enterStaffArea))
        #expect(!Policy.allows(nil, .useOwnAccount))
    }

    @Test func onlyTheInspectorateWorksWhistleblowingCases() {
        #expect(Policy.allows(account(.inspektorat), .workWBSCases))
        for role in Role.allCases where role != .inspektorat {
            #expect(!Policy.allows(account(role, agency: agency, kecamatan: kecamatan, desa: desa), .workWBSCases))
        }
    }

    @Test func attendanceListsStayWithTheOfficersOfTheProposalsArea() {
        let action = Action.readAttendanceList(here)
        #expect(Policy.allows(account(.petugasDesa, desa: desa), action))
        #expect(!Policy.allows(account(.petugasDesa, desa: otherDesaSameKecamatan), action))
        #expect(Policy.allows(account(.petugasKecamatan, kecamatan: kecamatan), action))
        #expect(!Policy.allows(account(.petugasKecamatan, kecamatan: UUID()), action))
        #expect(Policy.allows(account(.opdAdmin, agency: agency), action))
        #expect(!Policy.allows(account(.opdAdmin, agency: UUID()), action))
        #expect(Policy.allows(account(.bappeda, agency: UUID()), action))
        for role in [Role.warga, .inspektorat, .moderator] {
            #expect(!Policy.allows(account(role, agency: agency, kecamatan: kecamatan, desa: desa), action))
        }
        #expect(!Policy.allows(nil, action))
    }

    @Test func aCouncilMemberAnswersTheAspirationsOfTheirCommissionOnly() {
        let commission = UUID()
        let aspiration = Place(agencyID: agency, kecamatanID: kecamatan, desaID: desa, commissionID: commission)
        let elsewhereInCouncil = Place(agencyID: agency, kecamatanID: kecamatan, desaID: desa, commissionID: UUID())
        let member = Actor(id: UUID(), role: .dprd, commissionID: commission)
        for action in [ReportAction.start, .reply, .note, .resolve] {
            #expect(Policy.allows(member, .actOnReport(action, aspiration, isReporter: false)))
            #expect(!Policy.allows(member, .actOnReport(action, elsewhereInCouncil, isReporter: false)))
        }
        // Checking, re-routing and rejecting stay with the secretariat, which handles the aspiration.
        for action in [ReportAction.verify, .assign, .reject, .merge, .hidePhoto] {
            #expect(!Policy.allows(member, .actOnReport(action, aspiration, isReporter: false)))
        }
        #expect(Policy.allows(member, .readReportAsStaff(aspiration, confidential: true)))
        #expect(!Policy.allows(member, .readReportAsStaff(elsewhereInCouncil, confidential: false)))
        #expect(!Policy.allows(member, .seeReporter(aspiration, anonymous: false)))
        // A member without a seat, or any other role holding the same commission id, answers nothing.
        let seatless = Actor(id: UUID(), role: .dprd)
        #expect(!Policy.allows(seatless, .actOnReport(.reply, aspiration, isReporter: false)))
        #expect(!Policy.allows(seatless, .readReportAsStaff(Place(agencyID: agency), confidential: false)))
        let clerk = Actor(id: UUID(), role: .opdStaf, agencyID: UUID(), commissionID: commission)
        #expect(!Policy.allows(clerk, .actOnReport(.reply, aspiration, isReporter: false)))
    }

    @Test func portalItemsAreWithdrawnByTheirPublisherTheirAgencysHeadOrAnAdmin() {
        let publisher = account(.opdStaf, agency: agency)
        let action = Action.withdrawFromPortal(publishedBy: publisher.id, agencyID: agency)
        // A clerk cannot publish in the portal at all, so cannot withdraw even their own id's item.
        #expect(!Policy.allows(publisher, action))
        let member = Actor(id: UUID(), role: .dprd)
        #expect(Policy.allows(member, .withdrawFromPortal(publishedBy: member.id, agencyID: nil)))
        #expect(!Policy.allows(account(.dprd), .withdrawFromPortal(publishedBy: member.id, agencyID: nil)))
        #expect(Policy.allows(account(.opdAdmin, agency: agency), action))
        #expect(!Policy.allows(account(.opdAdmin, agency: UUID()), action))
        #expect(
            !Policy.allows(account(.opdAdmin, agency: agency), .withdrawFromPortal(publishedBy: UUID(), agencyID: nil)))
        #expect(Policy.allows(account(.admin), action))
        #expect(!Policy.allows(account(.bappeda), action))
        #expect(!Policy.allows(nil, action))
    }

    @Test func applicationsAreHandledByTheirAgencyOrTheirDesaOffice() {
        let ofAgency = Action.handleApplications(agencyID: agency, desaID: nil)
        let ofDesa = Action.handleApplications(agencyID: agency, desaID: desa)
        #expect(Policy.allows(account(.opdStaf, agency: agency), ofAgency))
        #expect(!Policy.allows(account(.opdStaf, agency: UUID()), ofAgency))
        #expect(!Policy.allows(account(.petugasDesa, desa: desa), ofAgency))
        #expect(Policy.allows(account(.petugasDesa, desa: desa), ofDesa))
        #expect(!Policy.allows(account(.petugasDesa, desa: otherDesaSameKecamatan), ofDesa))
        #expect(Policy.allows(account(.admin), ofDesa))
        for role in [Role.warga, .pimpinan, .moderator, .bappeda, .inspektorat, .dprd, .petugasKecamatan] {
            #expect(!Policy.allows(account(role, agency: agency, kecamatan: kecamatan, desa: desa), ofDesa))
        }
        // Whether an account has a queue at all.
        #expect(Policy.allows(account(.petugasDesa, desa: desa), .handleApplications(agencyID: nil, desaID: nil)))
        #expect(!Policy.allows(account(.petugasDesa), .handleApplications(agencyID: nil, desaID: nil)))
    }
}
