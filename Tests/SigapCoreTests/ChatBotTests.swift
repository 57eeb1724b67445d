import Foundation
import Testing

@testable import SigapCore

@Suite struct ChatBotTests {
    func world(guest: Bool = false) -> ChatBot.World {
        ChatBot.World(
            categories: [(code: "jalan", name: "Jalan dan Jembatan"), (code: "sampah", name: "Sampah dan Kebersihan")],
            desa: [(code: "d1", name: "Sukamaju"), (code: "d2", name: "Sukamulya"), (code: "d3", name: "Pasar Baru")],
            desaAt: { latitude, _ in latitude > 0 ? "d3" : nil }, isGuest: guest)
    }

    func run(_ inputs: [ChatBot.Input], guest: Bool = false) -> (ChatBot.State, [ChatBot.Reply], ChatBot.Effect?) {
        var state = ChatBot.State()
        var replies: [ChatBot.Reply] = []
        var effect: ChatBot.Effect?
        for input in inputs {
            let result = ChatBot.handle(input, state: state, world: world(guest: guest))
            state = result.0
            replies = result.1
            effect = result.2
        }
        return (state, replies, effect)
    }

    @Test func aCompleteConversationFilesTheDraft() {
        let (state, _, effect) = run([
            .text("/lapor"), .text("sampah"), .text("Sampah menumpuk sejak seminggu"),
            .location(latitude: 3.6, longitude: 98.4), .photo(id: "p1"), .text("Ya"),
        ])
        var expected = ChatBot.Draft()
        expected.categoryCode = "sampah"
        expected.text = "Sampah menumpuk sejak seminggu"
        expected.desaCode = "d3"
        expected.latitude = 3.6
        expected.longitude = 98.4
        expected.photoID = "p1"
        #expect(effect == .file(expected))
        #expect(state.step == .idle)
    }

    @Test func ambiguousOrUnknownAnswersAreAskedAgain() {
        #expect(run([.text("/lapor"), .text("listrik")]).1.first?.key == "chat.category_unknown")
        let which = run([
            .text("/lapor"), .text("Jalan dan Jembatan"), .text("Jalan rusak parah sekali"), .text("suka"),
        ])
        #expect(which.1.first?.key == "chat.desa_which" && which.1.first?.choices == ["Sukamaju", "Sukamulya"])
        #expect(run([.text("/lapor"), .text("jalan"), .text("pendek")]).1.first?.key == "chat.text_too_short")
        let outside = run([
            .text("/lapor"), .text("jalan"), .text("Jalan rusak parah sekali"), .location(latitude: -1, longitude: 0),
        ])
        #expect(outside.1.first?.key == "chat.location_outside" && outside.0.step == .location)
    }

    @Test func guestsGiveAPhoneNumberAndCanCancelAnytime() {
        let guest = run(
            [.text("/lapor"), .text("jalan"), .text("Jalan rusak parah sekali"), .text("Pasar Baru"), .text("lewati")],
            guest: true)
        #expect(guest.0.step == .contact)
        let phoned = ChatBot.handle(.text("0812-3456-7890"), state: guest.0, world: world(guest: true))
        #expect(phoned.0.draft.phone == "6281234567890" && phoned.0.step == .confirm)
        let cancelled = ChatBot.handle(.text("/batal"), state: phoned.0, world: world(guest: true))
        #expect(cancelled.0 == ChatBot.State() && cancelled.2 == nil)
    }

    @Test func commandsWorkFromAnyStep() {
        #expect(run([.text("/lapor"), .text("/status sgp-2026-000001")]).2 == .status(number: "SGP-2026-000001"))
        #expect(run([.text("/start kode-123")]).2 == .link(code: "kode-123"))
        #expect(run([.text("halo")]).1.first?.key == "chat.help")
    }
}
