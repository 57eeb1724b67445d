import Testing

@testable import SigapCore

/// Issue 18: the SKM index (PermenPANRB 14/2017) from a fixture computed by hand.
@Suite struct SatisfactionSurveyTests {
    typealias E = SatisfactionSurvey.Element

    static func answer(_ scores: [Int]) -> SatisfactionSurvey.Answer {
        SatisfactionSurvey.Answer(Dictionary(uniqueKeysWithValues: zip(E.allCases, scores)))!
    }

    @Test func theIndexOfAFixtureMatchesTheHandComputedValueAndGrade() throws {
        // Four respondents, scores U1…U9.
        let answers = [
            Self.answer([3, 3, 2, 4, 3, 3, 4, 2, 3]),
            Self.answer([4, 3, 3, 4, 3, 4, 4, 3, 3]),
            Self.answer([3, 4, 2, 4, 3, 3, 3, 2, 2]),
            Self.answer([4, 3, 3, 4, 4, 3, 4, 3, 3]),
        ]
        let index = try #require(SatisfactionSurvey.index(answers))
        // By hand: NRR U1 = 14/4 = 3.5, U2 = 13/4 = 3.25, U3 = 10/4 = 2.5, U4 = 16/4 = 4, U5 = 13/4 = 3.25,
        // U6 = 13/4 = 3.25, U7 = 15/4 = 3.75, U8 = 10/4 = 2.5, U9 = 11/4 = 2.75; their sum 28.75;
        // IKM = 28.75 × 1/9 × 25 = 79.8611… → 79.86, grade B (76.61–88.30, baik).
        #expect(index.averages[.requirements] == 3.5)
        #expect(index.averages[.completionTime] == 2.5)
        #expect(index.averages[.facilities] == 2.75)
        #expect(abs(index.value - 79.861_111) < 0.000_001)
        #expect(index.rounded == 79.86)
        #expect(index.grade == .b)
        #expect(index.grade.meaning == "Baik")
        #expect(index.respondents == 4)
        #expect(Array(index.weakest.prefix(3)) == [.completionTime, .complaintHandling, .facilities])
    }

    @Test func exactlyOneNinthSoAPerfectServiceIsOneHundred() throws {
        let perfect = try #require(SatisfactionSurvey.index([Self.answer(Array(repeating: 4, count: 9))]))
        #expect(perfect.rounded == 100)
        #expect(perfect.grade == .a)
        let worst = try #require(SatisfactionSurvey.index([Self.answer(Array(repeating: 1, count: 9))]))
        #expect(worst.rounded == 25)
        #expect(worst.grade == .d)
        // The regulation's rounded weight 0.111 would give 99.9 for the same answers.
        #expect(abs(4 * 0.111 * 9 * 25 - 99.9) < 0.000_001)
    }

    @Test func gradesFollowThePublishedBoundaries() {
        #expect(SatisfactionSurvey.grade(88.31) == .a)
        #expect(SatisfactionSurvey.grade(88.305) == .a)  // published as 88.31
        #expect(SatisfactionSurvey.grade(88.30) == .b)
        #expect(SatisfactionSurvey.grade(76.61) == .b)
        #expect(SatisfactionSurvey.grade(76.60) == .c)
        #expect(SatisfactionSurvey.grade(65.00) == .c)
        #expect(SatisfactionSurvey.grade(64.99) == .d)
    }

    @Test func answersNeedNineScoresFromOneToFour() {
        #expect(SatisfactionSurvey.Answer([.requirements: 4]) == nil)
        var scores = Dictionary(uniqueKeysWithValues: E.allCases.map { ($0, 3) })
        #expect(SatisfactionSurvey.Answer(scores) != nil)
        scores[.cost] = 5
        #expect(SatisfactionSurvey.Answer(scores) == nil)
        #expect(SatisfactionSurvey.index([]) == nil)
    }

    @Test func theRecommendedSampleFollowsKrejcieAndMorgansTable() {
        // Their published table: N → S.
        let table = [10: 10, 50: 44, 100: 80, 200: 132, 500: 217, 1000: 278, 5000: 357, 75_000: 382, 1_000_000: 384]
        for (population, sample) in table {
            #expect(SatisfactionSurvey.recommendedSample(population: population) == sample, "N = \(population)")
        }
        #expect(SatisfactionSurvey.recommendedSample(population: 0) == 0)
    }

    @Test func aReportInvitesTheSurveyOnceResolved() {
        #expect(SatisfactionSurvey.invites(after: .selesai, merged: false))
        #expect(SatisfactionSurvey.invites(after: .ditutup, merged: false))
        #expect(!SatisfactionSurvey.invites(after: .ditutup, merged: true))
        for status in [ReportStatus.diterima, .diproses, .ditolak, .dibukaKembali] {
            #expect(!SatisfactionSurvey.invites(after: status, merged: false))
        }
    }
}
