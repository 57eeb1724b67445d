import Testing

@testable import SigapCore

/// The checks of the council's set-up pages, apart from what only the store can answer.
@Suite struct CouncilRulesTests {
    @Test func aCommissionNeedsACodeANameAndAField() {
        let fine = CouncilRules.CommissionDraft(code: " c ", name: "Komisi C", coveredCodes: 2)
        #expect(fine.code == "C")
        #expect(CouncilRules.problems(fine).isEmpty)
        let bare = CouncilRules.CommissionDraft(code: "C/1", name: "K", coveredCodes: 0)
        #expect(
            CouncilRules.problems(bare)
                == ["code": "dprd.code_required", "name": "dprd.name_required", "categories": "dprd.fields_required"])
        #expect(CouncilRules.problems(.init(code: "ABCDEFGHIJK", name: "Komisi", coveredCodes: 1))["code"] != nil)
    }

    @Test func aMemberNeedsANameAndAFactionAndIsAnAnggotaByDefault() {
        let fine = CouncilRules.MemberDraft(name: "  Rina  Sihombing ", faction: "Fraksi Hijau", position: "")
        #expect(fine.name == "Rina Sihombing")
        #expect(fine.position == "Anggota")
        #expect(CouncilRules.problems(fine).isEmpty)
        let bare = CouncilRules.MemberDraft(
            name: "R", faction: "F", position: String(repeating: "Ketua ", count: 10))
        #expect(
            CouncilRules.problems(bare)
                == [
                    "name": "dprd.name_required", "faction": "dprd.faction_required",
                    "position": "dprd.position_length",
                ])
    }
}
