import Foundation
import Testing

@testable import SigapCore

@Suite struct IndonesianTextTests {
    @Test func everydaySpellingAndAffixesMeetOnOneStem() {
        #expect(IndonesianText.stem("berlubang") == "lubang")
        #expect(IndonesianText.stem("lubangnya") == "lubang")
        #expect(IndonesianText.stem("tersumbat") == "sumbat")
        #expect(IndonesianText.stem("menyapu") == "sapu")
        #expect(IndonesianText.stem("pedagang") == "pedagang")  // not a prefix
        #expect(
            IndonesianText.words("Jln desa udh berlubang2, gak diperbaiki!") == ["jalan", "berlubang", "diperbaiki"])
        #expect(IndonesianText.words("lepas-lepas") == ["lepas"])
    }

    @Test func featuresAreStemsAndNeighbouringPairs() {
        #expect(IndonesianText.features("lampu merah mati") == ["lampu", "merah", "mati", "lampu_merah", "merah_mati"])
        #expect(IndonesianText.features("yang dan di").isEmpty)
    }
}

@Suite struct CategoryClassifierTests {
    let model = CategoryClassifier(training: [
        .init(label: "jalan", text: "jalan berlubang aspal rusak jembatan", weight: 3),
        .init(label: "sampah", text: "sampah menumpuk tps truk sampah bau", weight: 3),
        .init(label: "air", text: "air pdam mati pipa bocor keruh", weight: 3),
    ])

    @Test func theMostLikelyCategoryComesFirstWithProbabilitiesThatSumToOne() {
        let suggestions = model.suggest("Aspal jalan di depan pasar berlubang besar")
        #expect(suggestions.first?.label == "jalan")
        #expect(abs(suggestions.map(\.probability).reduce(0, +) - 1) < 1e-9)
        #expect(model.suggest("sampahnya numpuk", limit: 1).map(\.label) == ["sampah"])
    }

    @Test func unknownWordsSuggestNothingAndAllowedLabelsAreRespected() {
        #expect(model.suggest("xyz qwerty").isEmpty)
        #expect(model.suggest("pipa bocor", among: ["jalan", "sampah"]).allSatisfy { $0.label != "air" })
    }

    @Test func learningAVerifiedReportTeachesNewWordsAndTheModelRoundTripsThroughJSON() throws {
        var learning = model
        #expect(learning.suggest("tandon rembes").isEmpty)
        learning.learn(.init(label: "air", text: "tandon rembes"))
        #expect(learning.suggest("tandon rembes").first?.label == "air")
        let decoded = try JSONDecoder().decode(CategoryClassifier.self, from: JSONEncoder().encode(learning))
        #expect(decoded == learning)
    }
}
