import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15 (the lists): the public list pages and filters, and an officer's list in the order their
/// deliberation reads it.
@Suite struct ProposalListTests {
    /// The proposal numbers a list page links to, in order.
    static func numbers(_ page: TestingHTTPResponse) -> [String] {
        page.body.string.components(separatedBy: "href=\"/musrenbang/usulan/").dropFirst()
            .map { String($0.prefix { $0 != "\"" }) }.filter { $0.hasPrefix("MR-") }
    }

    @Test func thePublicListPagesTwentyAtATimeNewestFirstAndFilters() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            for n in 1...22 {
                let desa = n.isMultiple(of: 2) ? w.otherDesa : w.desa
                _ = try await ProposalTests.propose("Drainase nomor \(n)", desa: desa, by: w.citizen, context, world: w)
            }
            _ = try await ProposalTests.propose("Drainase pasar", desa: w.farDesa, by: w.citizen, context, world: w)
            let guest = Browser(context.app)
            let first = try await guest.get("/musrenbang/usulan")
            #expect(first.status == .ok)
            #expect(first.body.string.contains("23 usulan"))
            #expect(Self.numbers(first) == (4...23).reversed().map { Proposal.number(planYear: 2027, sequence: $0) })
            #expect(first.body.string.contains("hal=2"))
            let second = try await guest.get("/musrenbang/usulan?hal=2")
            #expect(second.status == .ok)
            #expect(Self.numbers(second) == ["MR-2027-00003", "MR-2027-00002", "MR-2027-00001"])

            let kecamatan = try #require(try await Kecamatan.find(w.farDesa.$kecamatan.id, on: context.db))
            let far = try await guest.get("/musrenbang/usulan?kecamatan=\(kecamatan.code)")
            #expect(Self.numbers(far) == ["MR-2027-00023"])
            let village = try await guest.get("/musrenbang/usulan?desa=\(w.otherDesa.code)")
            #expect(Self.numbers(village).count == 11)
            #expect(Self.numbers(village).first == "MR-2027-00022")
            let none = try await guest.get("/musrenbang/usulan?sumber=pokir")
            #expect(none.status == .ok)
            #expect(Self.numbers(none).isEmpty)
        }
    }

    @Test func anOfficersListPutsTheRankedFirstThenTheMostSupported() async throws {
        try await withSigap { context in
            let w = try await ProposalTests.world(context)
            let a = try await ProposalTests.propose("Drainase A", desa: w.desa, by: w.citizen, context, world: w)
            let b = try await ProposalTests.propose("Drainase B", desa: w.desa, by: w.citizen, context, world: w)
            let c = try await ProposalTests.propose("Drainase C", desa: w.desa, by: w.citizen, context, world: w)
            let d = try await ProposalTests.propose("Drainase D", desa: w.desa, by: w.citizen, context, world: w)
            #expect(try await ProposalTests.decide(.support, c, by: w.neighbour, context).supportersCount == 1)
            ProposalTests.enter(.desa, w, context)
            let officer = w.desaOfficer.user
            for p in [a, b, c, d] {
                #expect(try await ProposalTests.decide(.accept, p, by: officer, context).stage == .acceptedByDesa)
            }
            // D forwarded as the desa's first priority, B as its second; A and C accepted, not ranked.
            #expect(try await ProposalTests.decide(.forward, d, by: officer, context).desaRank == 1)
            #expect(try await ProposalTests.decide(.forward, b, by: officer, context).desaRank == 2)

            let browser = Browser(context.app)
            try await browser.logIn(w.desaOfficer, context)
            let all = try await browser.get("/dasbor/usulan?tahap=semua")
            #expect(all.status == .ok)
            #expect(Self.numbers(all) == [d.number, b.number, c.number, a.number])
            // By default, what waits for the desa: the accepted ones not yet forwarded.
            let waiting = try await browser.get("/dasbor/usulan")
            #expect(Self.numbers(waiting) == [c.number, a.number])
        }
    }
}
