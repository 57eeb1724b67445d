import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15 (the kecamatan's and the agency forum's own decisions, through the proposal page's forms): merging
/// duplicates across desas, mapping a free-text proposal to its agency, and reassigning at the forum.
@Suite struct ProposalMappingTests {
    /// Sends one decision form as the officer signed in to `browser`.
    static func decide(
        _ browser: Browser, _ number: String, _ fields: [String: String]
    ) async throws -> TestingHTTPResponse {
        let page = try await browser.get("/musrenbang/usulan/\(number)")
        #expect(page.status == .ok)
        return try await browser.submit("/musrenbang/usulan/\(number)/keputusan", fields)
    }

    /// Accepts and forwards `proposal` at its desa, as that desa's officer.
    static func forwardFromDesa(_ proposal: Proposal, by officer: User, _ context: TestContext) async throws {
        #expect(try await ProposalTests.decide(.accept, proposal, by: officer, context).stage == .acceptedByDesa)
        #expect(try await ProposalTests.decide(.forward, proposal, by: officer, context).stage == .atKecamatan)
    }

    @Test func theKecamatanMergesDuplicatesAcrossDesasAndTheirSupportersFollow() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let third = try await Fixtures.citizen(phone: "081311112222", in: context)
            let here = try await ProposalTests.propose(
                "Drainase jalan dusun", desa: w.desa, by: w.citizen, context, world: w)
            let there = try await ProposalTests.propose(
                "Saluran air jalan dusun", desa: w.otherDesa, by: w.neighbour, context, world: w)
            #expect(try await ProposalTests.decide(.support, there, by: third, context).supportersCount == 1)
            // The proposer of the first supports the second too: they must not end up supporting their own.
            #expect(try await ProposalTests.decide(.support, there, by: w.citizen, context).supportersCount == 2)
            let far = try await ProposalTests.propose("Drainase pasar", desa: w.farDesa, by: third, context, world: w)
                .number
            let otherOfficer = try await Fixtures.staff(.petugasDesa, in: context)
            otherOfficer.user.$desa.id = w.otherDesa.id
            try await otherOfficer.user.save(on: context.db)
            ProposalTests.enter(.desa, w, context)
            try await Self.forwardFromDesa(here, by: w.desaOfficer.user, context)
            try await Self.forwardFromDesa(there, by: otherOfficer.user, context)

            ProposalTests.enter(.kecamatan, w, context)
            // A desa officer cannot merge; nor can the kecamatan into a proposal of another kecamatan.
            let villager = Browser(context.app)
            try await villager.logIn(w.desaOfficer, context)
            let notTheirs = try await Self.decide(villager, there.number, ["decision": "merge", "target": here.number])
            #expect(notTheirs.status == .forbidden)
            let officer = Browser(context.app)
            try await officer.logIn(w.kecamatanOfficer, context)
            let wrongTarget = try await Self.decide(officer, there.number, ["decision": "merge", "target": far])
            #expect(wrongTarget.status == .unprocessableEntity)
            #expect(wrongTarget.body.string.contains("Tulis nomor usulan terbuka lain di kecamatan yang sama."))
            #expect(try await Proposals.find(there.number, on: context.db).stage == .atKecamatan)

            let merged = try await Self.decide(
                officer, there.number, ["decision": "merge", "target": here.number, "reason": "Ruas jalan yang sama"])
            #expect(merged.status == .seeOther)
            let joined = try await Proposals.find(there.number, on: context.db)
            #expect(joined.stage == .merged)
            #expect(joined.mergedIntoID == here.id)
            // The third citizen and the second proposal's proposer now support the first; its own proposer
            // does not count for it.
            let target = try await Proposals.find(here.number, on: context.db)
            #expect(target.supportersCount == 2)
            let supporters = try await ProposalSupport.query(on: context.db).filter(\.$proposalID == here.id!).all()
                .map(\.userID)
            #expect(Set(supporters) == [third.id!, w.neighbour.id!])
            // Everyone who followed the merged one hears where it went.
            for person in [w.neighbour, third, w.citizen] {
                let told = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == person.id!)
                    .filter(\.$channel == .inApp).filter(\.$event == .proposalDecided)
                    .filter(\.$subjectID == there.number).count()
                #expect(told == 3)  // accepted and forwarded at the desa, merged (the refused merge said nothing)
            }
            let page = try await Browser(context.app).get("/musrenbang/usulan/\(there.number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("Digabung"))
            #expect(page.body.string.contains("href=\"/musrenbang/usulan/\(here.number)\""))
            #expect(page.body.string.contains("Ruas jalan yang sama"))
            // A merged proposal is final: nothing more is decided on it.
            let again = try await Self.decide(officer, there.number, ["decision": "accept"])
            #expect(again.status == .conflict)
        }
    }

    @Test func aFreeTextProposalIsMappedToItsAgencyBeforeItGoesToTheForumWhereItCanBeReassigned() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let free = try await Proposals.enter(
                .init(
                    draft: ProposalDraft(
                        sector: "kesehatan", title: "Posyandu keliling dusun", problem: "Balita jauh dari posyandu.",
                        desaCode: w.desa.code, volume: "1", unit: "paket", cost: "25.000.000"),
                    source: .citizen),
                in: w.cycle, context: context.app.context(acting: w.citizen))
            #expect(free.needsMapping)
            #expect(free.agencyID == nil)
            ProposalTests.enter(.desa, w, context)
            try await Self.forwardFromDesa(free, by: w.desaOfficer.user, context)

            ProposalTests.enter(.kecamatan, w, context)
            let officer = Browser(context.app)
            try await officer.logIn(w.kecamatanOfficer, context)
            #expect(try await Self.decide(officer, free.number, ["decision": "accept"]).status == .seeOther)
            // Forwarding to the forum needs the responsible agency.
            let unmapped = try await Self.decide(officer, free.number, ["decision": "forward"])
            #expect(unmapped.status == .conflict)
            #expect(unmapped.body.string.contains("Pilih OPD penanggung jawab terlebih dahulu."))
            let unknown = try await Self.decide(officer, free.number, ["decision": "map_agency", "agency": "XYZ"])
            #expect(unknown.status == .unprocessableEntity)
            let mapped = try await Self.decide(officer, free.number, ["decision": "map_agency", "agency": "PUPR"])
            #expect(mapped.status == .seeOther)
            var p = try await Proposals.find(free.number, on: context.db)
            #expect(p.agencyID == (try await Fixtures.agency("PUPR", on: context.db)).id)
            #expect(!p.needsMapping)
            #expect(p.stage == .acceptedByKecamatan)
            #expect(try await Self.decide(officer, free.number, ["decision": "forward"]).status == .seeOther)
            #expect(try await Proposals.find(free.number, on: context.db).stage == .atForum)

            // At the forum PUPR finds it is the health office's: reassigned, it leaves PUPR's hands.
            ProposalTests.enter(.agencyForum, w, context)
            let pupr = Browser(context.app)
            try await pupr.logIn(w.agencyHead, context)
            let reassigned = try await Self.decide(
                pupr, free.number, ["decision": "reassign", "agency": "DINKES", "reason": "Layanan kesehatan"])
            #expect(reassigned.status == .seeOther)
            p = try await Proposals.find(free.number, on: context.db)
            #expect(p.agencyID == (try await Fixtures.agency("DINKES", on: context.db)).id)
            #expect(p.stage == .atForum)
            let gone = try await pupr.submit(
                "/musrenbang/usulan/\(free.number)/keputusan", ["decision": "feasible", "amount": "25000000"])
            #expect(gone.status == .forbidden)
            let puprQueue = try await pupr.get("/dasbor/usulan")
            #expect(puprQueue.status == .ok)
            #expect(!puprQueue.body.string.contains(free.number))

            let health = Browser(context.app)
            try await health.logIn(try await Fixtures.staff(.opdAdmin, agency: "DINKES", in: context), context)
            let queue = try await health.get("/dasbor/usulan")
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(free.number))
            let feasible = try await Self.decide(
                health, free.number, ["decision": "feasible", "amount": "Rp 24.000.000"])
            #expect(feasible.status == .seeOther)
            p = try await Proposals.find(free.number, on: context.db)
            #expect(p.stage == .feasible)
            #expect(p.feasibleAmount == 24_000_000)
            let page = try await Browser(context.app).get("/musrenbang/usulan/\(free.number)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("DINKES — Layanan kesehatan"))
            let kinds = try await HistoryEvent.of(p.subject, on: context.db).all().map(\.kind)
            #expect(
                kinds == [.proposed, .accepted, .forwarded, .accepted, .mapped, .forwarded, .reassigned, .feasible])
        }
    }
}
