import Fluent
import Foundation
import SigapCore
import Testing
import VaporTesting

@testable import SigapApp

/// Issue 15 (proposals): the climb from the desa to the plan and the ground, and what may not happen on the way.
@Suite struct ProposalTests {
    struct World {
        let cycle: MusrenbangCycles.Loaded
        let desa: Desa
        let otherDesa: Desa
        let farDesa: Desa
        let citizen: User
        let neighbour: User
        let desaOfficer: Fixtures.Staff
        let kecamatanOfficer: Fixtures.Staff
        let agencyHead: Fixtures.Staff
        let bappeda: Fixtures.Staff
    }

    /// A cycle for 2027 whose proposals phase starts today (a week a phase), a catalogue item of PUPR, the
    /// officers of the first kecamatan's first desa, and two citizens.
    static func world(_ context: TestContext) async throws -> World {
        let admin = try await Fixtures.staff(.admin, in: context)
        let items = ProposalCatalogue.parse(
            csv: "kode,nama,sektor,opd,satuan,harga_satuan\ndrainase,Saluran drainase,infrastruktur,PUPR,m,900000",
            agencies: ["PUPR"]
        ).items
        #expect(items.count == 1)
        _ = try await ProposalCatalogueStore.save(items, context: context.app.context(acting: admin.user))
        let today = MusrenbangCycleTests.today(context)
        var windows: [MusrenbangCycle.Phase: MusrenbangCycle.Window] = [:]
        var first = today
        for phase in MusrenbangCycle.Phase.allCases {
            let last = CivilDay(daysSinceEpoch: first.daysSinceEpoch + 6)
            windows[phase] = .init(first: first, last: last)
            first = last.next
        }
        let cycle = try await MusrenbangCycles.open(
            planYear: 2027, windows: windows, forwardPerDesa: 2, forwardPerKecamatan: 5,
            context: context.app.context(acting: admin.user))
        let kecamatan = try await Kecamatan.query(on: context.db).sort(\.$code).all()
        #expect(kecamatan.count >= 2)
        let desaHere = try await Desa.query(on: context.db).filter(\.$kecamatan.$id == kecamatan[0].id!).sort(\.$code)
            .all()
        let desaThere = try await Desa.query(on: context.db).filter(\.$kecamatan.$id == kecamatan[1].id!).all()
        #expect(desaHere.count >= 2 && !desaThere.isEmpty)
        let desaOfficer = try await Fixtures.staff(.petugasDesa, in: context)
        desaOfficer.user.$desa.id = desaHere[0].id
        try await desaOfficer.user.save(on: context.db)
        let kecamatanOfficer = try await Fixtures.staff(.petugasKecamatan, in: context)
        kecamatanOfficer.user.$kecamatan.id = kecamatan[0].id
        try await kecamatanOfficer.user.save(on: context.db)
        return World(
            cycle: cycle, desa: desaHere[0], otherDesa: desaHere[1], farDesa: desaThere[0],
            citizen: try await Fixtures.citizen(in: context),
            neighbour: try await Fixtures.citizen(phone: "081298765432", in: context),
            desaOfficer: desaOfficer, kecamatanOfficer: kecamatanOfficer,
            agencyHead: try await Fixtures.staff(.opdAdmin, agency: "PUPR", in: context),
            bappeda: try await Fixtures.staff(.bappeda, agency: "BAPPEDA", in: context))
    }

    /// Moves the clock to the first day of `phase`.
    static func enter(_ phase: MusrenbangCycle.Phase, _ world: World, _ context: TestContext) {
        let days =
            world.cycle.cycle.window(of: phase).first.daysSinceEpoch
            - MusrenbangCycleTests.today(context).daysSinceEpoch
        context.clock.advance(seconds: TimeInterval(days) * 86_400)
        #expect(world.cycle.cycle.phase(on: MusrenbangCycleTests.today(context)) == phase)
    }

    static func propose(
        _ title: String, desa: Desa, by user: User, volume: String = "120", _ context: TestContext,
        world: World
    ) async throws -> Proposal {
        try await Proposals.enter(
            .init(
                draft: ProposalDraft(
                    catalogueCode: "drainase", title: title, problem: "Air menggenang setiap hujan di jalan desa.",
                    desaCode: desa.code, volume: volume),
                source: .citizen),
            in: world.cycle, context: context.app.context(acting: user))
    }

    static func decide(
        _ decision: ProposalDecision, _ proposal: Proposal, by user: User, _ context: TestContext,
        reason: String? = nil, amount: Int64? = nil, code: String? = nil
    ) async throws -> Proposal {
        try await ProposalDecisions.perform(
            decision, on: try await Proposals.find(proposal.number, on: context.db),
            input: .init(reason: reason, amount: amount, programmeCode: code),
            context: context.app.context(acting: user))
    }

    /// Runs `body` and returns the AppError it throws (nil when it does not).
    static func refusal(_ body: () async throws -> some Any) async -> AppError? {
        do {
            _ = try await body()
            return nil
        } catch let error as AppError {
            return error
        } catch {
            return nil
        }
    }

    @Test func aProposalClimbsFromTheDesaToThePlanAndTheGround() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            // A citizen proposes through the form; the cost is the catalogue's unit cost × volume.
            let browser = Browser(context.app)
            let signedIn = try await browser.logIn("081234567890")
            #expect(signedIn.status == .seeOther)
            let form = try await browser.get("/musrenbang/usul")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("Saluran drainase"))
            let fields = [
                "catalogue": "drainase", "title": "Saluran drainase RT 03", "desa": w.desa.code, "volume": "120",
                "problem": "Air menggenang setiap hujan sampai ke rumah warga.", "groups[]": "anak",
            ]
            let sent = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/musrenbang/usulan/MR-2027-00001")
            let p = try await Proposals.find("MR-2027-00001", on: context.db)
            #expect(p.estimatedCost == 108_000_000)
            #expect(p.stage == .atDesa)
            #expect(p.agencyID == (try await Fixtures.agency("PUPR", on: context.db)).id)

            // Support counts once, never from the proposer, and only while proposals are open.
            _ = try await Self.decide(.support, p, by: w.neighbour, context)
            let twice = await Self.refusal { try await Self.decide(.support, p, by: w.neighbour, context) }
            #expect(twice?.messageKey == "proposal.already_supported")
            let own = await Self.refusal { try await Self.decide(.support, p, by: w.citizen, context) }
            #expect(own?.status == .forbidden)
            #expect(try await Proposals.find(p.number, on: context.db).supportersCount == 1)
            #expect(try await ProposalSupport.query(on: context.db).count() == 1)

            Self.enter(.desa, w, context)
            let late = await Self.refusal { try await Self.decide(.support, p, by: w.neighbour, context) }
            #expect(late?.messageKey == "proposal.out_of_phase.usulan")
            #expect(
                late?.arguments == [
                    w.cycle.cycle.window(of: .proposals).first.description,
                    w.cycle.cycle.window(of: .proposals).last.description,
                ])

            let officer = w.desaOfficer.user
            _ = try await Self.decide(.accept, p, by: officer, context)
            let forwarded = try await Self.decide(.forward, p, by: officer, context)
            #expect(forwarded.stage == .atKecamatan)
            #expect(forwarded.desaRank == 1)

            Self.enter(.kecamatan, w, context)
            _ = try await Self.decide(.accept, p, by: w.kecamatanOfficer.user, context)
            #expect(try await Self.decide(.forward, p, by: w.kecamatanOfficer.user, context).stage == .atForum)

            Self.enter(.agencyForum, w, context)
            let feasible = try await Self.decide(.feasible, p, by: w.agencyHead.user, context, amount: 100_000_000)
            #expect(feasible.stage == .feasible)

            Self.enter(.kabupaten, w, context)
            let accepted = try await Self.decide(
                .acceptIntoPlan, p, by: w.bappeda.user, context, amount: 100_000_000, code: "1.03.10.2.01")
            #expect(accepted.stage == .inPlan)

            // Before the plan is published the agency cannot report work; after, it can.
            let early = await Self.refusal {
                try await ProposalFollowUp.updateRealisation(
                    accepted, .init(status: .inProgress, progress: 40, note: "Galian dimulai"),
                    context: context.app.context(acting: w.agencyHead.user))
            }
            #expect(early?.messageKey == "proposal.out_of_phase.penetapan")
            Self.enter(.published, w, context)
            let working = try await ProposalFollowUp.updateRealisation(
                accepted, .init(status: .inProgress, progress: 40, note: "Galian dimulai"),
                context: context.app.context(acting: w.agencyHead.user))
            #expect(working.realisationStatus == .inProgress)

            // Every step is history, audit and news for the proposer and the supporter.
            let kinds = try await HistoryEvent.of(p.subject, on: context.db).all().map(\.kind)
            #expect(
                kinds == [.proposed, .accepted, .forwarded, .accepted, .forwarded, .feasible, .inPlan, .realisation])
            #expect(
                try await AuditEvent.query(on: context.db).filter(\.$subjectID == p.number).count() == 7)
            for person in [w.citizen, w.neighbour] {
                let news = try await OutboxMessage.query(on: context.db).filter(\.$recipientUserID == person.id!)
                    .filter(\.$channel == .inApp).filter(\.$event ~~ [.proposalDecided, .proposalRealisation]).count()
                #expect(news == 7)  // six decisions and the work report
            }

            let page = try await Browser(context.app).get("/musrenbang/usulan/MR-2027-00001")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Masuk RKPD"))
            #expect(html.contains("Rp100.000.000 · Kode program/kegiatan 1.03.10.2.01"))
            #expect(html.contains("Sedang dikerjakan · 40%"))
            #expect(!html.contains("Siti Aminah"))  // the public never sees who proposed

            let plan = try await Browser(context.app).get("/musrenbang/rkpd.csv?tahun=2027")
            #expect(plan.status == .ok)
            let lines = plan.body.string.split(separator: "\r\n")
            #expect(lines.count == 2)
            #expect(lines[1].contains(",PUPR,1.03.10.2.01,Saluran drainase RT 03,"))
            #expect(lines[1].hasSuffix(",120,m,100000000,musrenbang,MR-2027-00001"))
        }
    }

    @Test func refusalsAtEveryLevelKeepTheirReasonsInPublic() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            let returned = try await Self.propose("Drainase gang mawar", desa: w.desa, by: w.citizen, context, world: w)
            let desaRejected = try await Self.propose(
                "Drainase pasar", desa: w.desa, by: w.neighbour, context, world: w)
            let kecamatanRejected = try await Self.propose(
                "Drainase masjid", desa: w.desa, by: w.neighbour, context, world: w)
            let notFeasible = try await Self.propose(
                "Drainase sawah", desa: w.otherDesa, by: w.citizen, context, world: w)
            let deferred = try await Self.propose(
                "Drainase sekolah", desa: w.otherDesa, by: w.citizen, context, world: w)

            Self.enter(.desa, w, context)
            let officer = w.desaOfficer.user
            let noReason = await Self.refusal {
                try await Self.decide(.returnForRevision, returned, by: officer, context)
            }
            #expect(noReason?.fields == ["reason": "proposal.reason_required"])
            _ = try await Self.decide(.returnForRevision, returned, by: officer, context, reason: "Volume belum diukur")
            // the proposer revises: a new version, back at the desa; the first version is kept
            let revised = try await Proposals.revise(
                try await Proposals.find(returned.number, on: context.db),
                with: ProposalDraft(
                    title: "Drainase gang mawar", problem: "Air menggenang setiap hujan.", volume: "80"),
                context: context.app.context(acting: w.citizen))
            #expect(revised.stage == .atDesa && revised.version == 2 && revised.estimatedCost == 72_000_000)
            #expect(try await ProposalVersion.query(on: context.db).filter(\.$proposalID == revised.id!).count() == 2)
            _ = try await Self.decide(.reject, desaRejected, by: officer, context, reason: "Sudah dibangun tahun lalu")
            for p in [kecamatanRejected] {
                _ = try await Self.decide(.accept, p, by: officer, context)
                _ = try await Self.decide(.forward, p, by: officer, context)
            }
            // the other desa's proposals belong to its own officer
            let foreign = await Self.refusal { try await Self.decide(.accept, notFeasible, by: officer, context) }
            #expect(foreign?.status == .forbidden)
            let otherOfficer = try await Fixtures.staff(.petugasDesa, in: context)
            otherOfficer.user.$desa.id = w.otherDesa.id
            try await otherOfficer.user.save(on: context.db)
            for p in [notFeasible, deferred] {
                _ = try await Self.decide(.accept, p, by: otherOfficer.user, context)
                _ = try await Self.decide(.forward, p, by: otherOfficer.user, context)
            }

            Self.enter(.kecamatan, w, context)
            _ = try await Self.decide(
                .reject, kecamatanRejected, by: w.kecamatanOfficer.user, context, reason: "Bukan kewenangan kabupaten")
            for p in [notFeasible, deferred] {
                _ = try await Self.decide(.accept, p, by: w.kecamatanOfficer.user, context)
                _ = try await Self.decide(.forward, p, by: w.kecamatanOfficer.user, context)
            }
            Self.enter(.agencyForum, w, context)
            let otherAgency = try await Fixtures.staff(.opdAdmin, agency: "DINKES", in: context)
            let wrongAgency = await Self.refusal {
                try await Self.decide(.notFeasible, notFeasible, by: otherAgency.user, context, reason: "x")
            }
            #expect(wrongAgency?.status == .forbidden)
            _ = try await Self.decide(
                .notFeasible, notFeasible, by: w.agencyHead.user, context, reason: "Lahan milik perusahaan")
            _ = try await Self.decide(.feasible, deferred, by: w.agencyHead.user, context, amount: 50_000_000)
            Self.enter(.kabupaten, w, context)
            _ = try await Self.decide(.deferToNextYear, deferred, by: w.bappeda.user, context, reason: "Pagu habis")

            let expected: [(Proposal, ProposalStage, String)] = [
                (desaRejected, .rejected, "Sudah dibangun tahun lalu"),
                (kecamatanRejected, .rejected, "Bukan kewenangan kabupaten"),
                (notFeasible, .notFeasible, "Lahan milik perusahaan"), (deferred, .deferred, "Pagu habis"),
                (returned, .atDesa, "Volume belum diukur"),
            ]
            for (proposal, stage, reason) in expected {
                #expect(try await Proposals.find(proposal.number, on: context.db).stage == stage)
                let html = try await Browser(context.app).get(SiteURL.proposal(proposal.number)).body.string
                #expect(html.contains(reason), "\(proposal.number) shows its reason")
            }
            // The bank: rejected and deferred proposals stay listed, by stage.
            let bank = try await Browser(context.app).get("/musrenbang/usulan?tahun=2027&tahap=ditolak").body.string
            #expect(bank.contains(desaRejected.number) && bank.contains(kecamatanRejected.number))
            #expect(!bank.contains(deferred.number))
        }
    }

    @Test func aDecisionOverTheCeilingIsRefusedAndChangesNothing() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            try await MusrenbangCycles.setCeiling(
                .init(kecamatanID: w.desa.$kecamatan.id, desaID: nil, sector: nil, amount: 150_000_000), in: w.cycle.id,
                context: context.app.context(acting: w.bappeda.user))
            let first = try await Self.propose("Drainase satu", desa: w.desa, by: w.citizen, context, world: w)
            let second = try await Self.propose("Drainase dua", desa: w.desa, by: w.neighbour, context, world: w)
            try await Self.climbToFeasible([first, second], w, context)

            _ = try await Self.decide(
                .acceptIntoPlan, first, by: w.bappeda.user, context, amount: 100_000_000, code: "1.03.01")
            let over = await Self.refusal {
                try await Self.decide(
                    .acceptIntoPlan, second, by: w.bappeda.user, context, amount: 60_000_000, code: "1.03.02")
            }
            #expect(over?.messageKey == "proposal.ceiling_exceeded")
            #expect(over?.arguments == ["50.000.000"])
            let unchanged = try await Proposals.find(second.number, on: context.db)
            #expect(unchanged.stage == .feasible && unchanged.planAmount == nil)
            #expect(try await HistoryEvent.of(second.subject, on: context.db).filter(\.$kind == .inPlan).count() == 0)
            // the page says how much is left
            let browser = Browser(context.app)
            try await browser.logIn(w.bappeda, context)
            let page = try await browser.submit(
                SiteURL.proposal(second.number), to: SiteURL.proposal(second.number) + "/keputusan",
                ["decision": "accept_into_plan", "amount": "60.000.000", "programme_code": "1.03.02"])
            #expect(page.status == .conflict)
            #expect(page.body.string.contains("Sisa pagu: Rp50.000.000"))
            #expect(
                try await Self.decide(
                    .acceptIntoPlan, second, by: w.bappeda.user, context, amount: 50_000_000, code: "1.03.02"
                ).stage == .inPlan)
            // the results: two in the plan for the whole ceiling, nothing left
            let results = try await Browser(context.app).get("/musrenbang/hasil?tahun=2027").body.string
            #expect(
                results.contains(
                    "Rp150.000.000</td><td data-label=\"Pagu indikatif\">Rp150.000.000</td><td data-label=\"Sisa pagu\">Rp0</td>"
                ))
        }
    }

    /// On PostgreSQL two officers decide at the same moment: the cycle's lock lets exactly one through.
    @Test func twoConcurrentDecisionsNeverExceedTheCeiling() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            try await MusrenbangCycles.setCeiling(
                .init(kecamatanID: w.desa.$kecamatan.id, desaID: nil, sector: "infrastruktur", amount: 100_000_000),
                in: w.cycle.id, context: context.app.context(acting: w.bappeda.user))
            let a = try await Self.propose("Drainase utara", desa: w.desa, by: w.citizen, context, world: w)
            let b = try await Self.propose("Drainase selatan", desa: w.desa, by: w.neighbour, context, world: w)
            try await Self.climbToFeasible([a, b], w, context)
            let other = try await Fixtures.staff(.bappeda, agency: "BAPPEDA", in: context)
            for _ in 0..<3 {
                async let first = Self.refusal {
                    try await Self.decide(
                        .acceptIntoPlan, a, by: w.bappeda.user, context, amount: 70_000_000, code: "1.01")
                }
                async let second = Self.refusal {
                    try await Self.decide(.acceptIntoPlan, b, by: other.user, context, amount: 70_000_000, code: "1.02")
                }
                let outcomes = await [first, second]
                let inPlan = try await Proposal.query(on: context.db).filter(\.$stage == .inPlan).all()
                #expect(inPlan.count == 1)
                #expect(inPlan.compactMap(\.planAmount).reduce(0, +) == 70_000_000)
                #expect(outcomes.compactMap { $0?.messageKey } == ["proposal.ceiling_exceeded"])
                // put the accepted one back to try the race again
                for p in inPlan {
                    p.stage = .feasible
                    p.planAmount = nil
                    try await p.save(on: context.db)
                }
            }
        }
    }

    static func climbToFeasible(_ proposals: [Proposal], _ w: World, _ context: TestContext) async throws {
        enter(.desa, w, context)
        for p in proposals {
            _ = try await decide(.accept, p, by: w.desaOfficer.user, context)
            _ = try await decide(.forward, p, by: w.desaOfficer.user, context)
        }
        enter(.kecamatan, w, context)
        for p in proposals {
            _ = try await decide(.accept, p, by: w.kecamatanOfficer.user, context)
            _ = try await decide(.forward, p, by: w.kecamatanOfficer.user, context)
        }
        enter(.agencyForum, w, context)
        for p in proposals {
            #expect(
                try await decide(.feasible, p, by: w.agencyHead.user, context, amount: p.estimatedCost).stage
                    == .feasible)
        }
        enter(.kabupaten, w, context)
    }

    @Test func aDeferredProposalIsCarriedIntoTheNextCycle() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            let p = try await Self.propose("Drainase balai desa", desa: w.desa, by: w.citizen, context, world: w)
            _ = try await Self.decide(.support, p, by: w.neighbour, context)
            try await Self.climbToFeasible([p], w, context)
            _ = try await Self.decide(.deferToNextYear, p, by: w.bappeda.user, context, reason: "Menunggu pagu 2028")

            let next = try await MusrenbangCycles.open(
                planYear: 2028,
                windows: Dictionary(
                    uniqueKeysWithValues: MusrenbangCycle.Phase.allCases.enumerated().map { index, phase in
                        let first = CivilDay(
                            daysSinceEpoch: MusrenbangCycleTests.today(context).daysSinceEpoch + 100 + index * 10)
                        return (
                            phase,
                            MusrenbangCycle.Window(
                                first: first, last: CivilDay(daysSinceEpoch: first.daysSinceEpoch + 9))
                        )
                    }),
                forwardPerDesa: 2, forwardPerKecamatan: 5, context: context.app.context(acting: w.bappeda.user))
            let old = try await Proposals.find(p.number, on: context.db)
            let carried = try await Proposals.find("MR-2028-00001", on: context.db)
            #expect(carried.cycleID == next.id)
            #expect(old.carriedIntoID == carried.id && carried.carriedFromID == old.id)
            #expect(carried.stage == .atForum && carried.title == p.title && carried.supportersCount == 1)
            #expect(try await HistoryEvent.of(carried.subject, on: context.db).first()?.kind == .carried)
            let told = try await OutboxMessage.query(on: context.db).filter(\.$subjectID == carried.number)
                .filter(\.$event == .proposalDecided).filter(\.$channel == .inApp).all().compactMap(\.recipientUserID)
            #expect(Set(told) == [w.citizen.id!, w.neighbour.id!])
            let html = try await Browser(context.app).get(SiteURL.proposal(carried.number)).body.string
            #expect(html.contains("dibawa dari tahun lalu") && html.contains(p.number))
            // opening another cycle carries nothing twice
            #expect(try await Proposal.query(on: context.db).filter(\.$carriedFromID == old.id!).count() == 1)
        }
    }

    @Test func pokirEnterAtTheForumOnlyInTheMembersDistrictAndShowAsPokir() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            let district = ElectoralDistrict(code: "DAPIL-1", name: "Dapil 1")
            try await district.create(on: context.db)
            let here = try #require(try await Kecamatan.find(w.desa.$kecamatan.id, on: context.db))
            here.electoralDistrictID = district.id
            try await here.save(on: context.db)
            context.app.sigap.reference.invalidate()
            let member = try await Fixtures.staff(.dprd, in: context)
            member.user.electoralDistrictID = district.id
            try await member.user.save(on: context.db)
            let acting = context.app.context(acting: member.user)
            func pokir(_ desa: Desa) async throws -> Proposal {
                try await Proposals.enter(
                    .init(
                        draft: ProposalDraft(
                            catalogueCode: "drainase", title: "Drainase dari reses",
                            problem: "Warga mengeluh banjir saat reses.",
                            desaCode: desa.code, volume: "50"),
                        source: .pokir, resesDate: "2026-10-01", resesPlace: "Balai desa"),
                    in: w.cycle, context: acting)
            }
            let outside = await Self.refusal { try await pokir(w.farDesa) }
            #expect(outside?.status == .forbidden)
            let recorded = try await pokir(w.desa)
            #expect(recorded.source == .pokir && recorded.stage == .atForum)
            // a citizen cannot record a pokir, a council member cannot propose as a citizen
            let asCitizen = await Self.refusal {
                try await Proposals.enter(
                    .init(
                        draft: ProposalDraft(
                            catalogueCode: "drainase", title: "Drainase", problem: "Banjir setiap hujan",
                            desaCode: w.desa.code, volume: "5"), source: .pokir, resesDate: "2026-10-01",
                        resesPlace: "Balai"),
                    in: w.cycle, context: context.app.context(acting: w.citizen))
            }
            #expect(asCitizen?.status == .forbidden)

            let html = try await Browser(context.app).get(SiteURL.proposal(recorded.number)).body.string
            #expect(html.contains("Pokir DPRD"))
            #expect(html.contains("reses 1 Okt 2026 di Balai desa"))
            let list = try await Browser(context.app).get("/musrenbang/usulan?tahun=2027&sumber=pokir").body.string
            #expect(list.contains(recorded.number))

            // the secretariat's export lists it, for the member and for Bappeda
            let browser = Browser(context.app)
            try await browser.logIn(member, context)
            let export = try await browser.get("/dasbor/usulan/pokir.csv")
            #expect(export.status == .ok)
            #expect(export.body.string.contains("\(recorded.number),Petugas dprd,Dapil 1,2026-10-01,Balai desa"))
            let citizenBrowser = Browser(context.app)
            #expect(try await citizenBrowser.logIn("081234567890").status == .seeOther)
            #expect(try await citizenBrowser.get("/dasbor/usulan/pokir.csv").status == .forbidden)
        }
    }

    @Test func likelyDuplicatesAreShownBeforeSubmitting() async throws {
        try await withSigap { context in
            let w = try await Self.world(context)
            let first = try await Self.propose("Drainase jalan utama", desa: w.desa, by: w.citizen, context, world: w)
            let browser = Browser(context.app)
            #expect(try await browser.logIn("081298765432").status == .seeOther)
            let form = try await browser.get("/musrenbang/usul")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("name=\"catalogue\""))
            let fields = [
                "catalogue": "drainase", "title": "Saluran air jalan utama", "desa": w.desa.code, "volume": "60",
                "problem": "Genangan air di jalan utama desa.",
            ]
            let shown = try await browser.postMultipart("/musrenbang/usul", fields)
            #expect(shown.status == .ok)
            #expect(shown.body.string.contains("Usulan serupa"))
            #expect(shown.body.string.contains(first.number))
            #expect(shown.body.string.contains("name=\"confirm\" value=\"on\""))
            #expect(try await Proposal.query(on: context.db).count() == 1)
            var confirmed = fields
            confirmed["confirm"] = "on"
            let sent = try await browser.postMultipart("/musrenbang/usul", confirmed)
            #expect(sent.status == .seeOther)
            #expect(try await Proposal.query(on: context.db).count() == 2)
            // another desa, no point: no duplicate
            #expect(
                try await Proposals.likelyDuplicates(
                    catalogueCode: "drainase", desaID: w.farDesa.id, location: nil, planYear: 2027, on: context.db,
                    reference: try await context.app.context().reference()
                ).isEmpty)
        }
    }
}
