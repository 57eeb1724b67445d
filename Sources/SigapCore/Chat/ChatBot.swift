import Foundation

/// The conversation citizens have with Sigap on Telegram or WhatsApp, the same on both: `/lapor` (or `LAPOR`)
/// walks through category, text, location, an optional photo and a confirmation, then files a real report;
/// `/status <nomor>` and `/bantuan` answer at once. Pure: the app stores the state between messages (so a
/// conversation survives a restart), renders the replies from the catalog, and carries out the effect.
public enum ChatBot {
    public enum Step: String, Codable, Sendable {
        case idle, category, text, location, photo, contact, confirm
    }

    /// What has been collected so far.
    public struct Draft: Codable, Sendable, Equatable {
        public var categoryCode: String?
        public var text: String?
        public var desaCode: String?
        public var latitude: Double?
        public var longitude: Double?
        /// The channel's id of the photo, fetched when the report is filed.
        public var photoID: String?
        /// Guests give a phone number so the report has a contact.
        public var phone: String?

        public init() {}
    }

    public struct State: Codable, Sendable, Equatable {
        public var step: Step = .idle
        public var draft = Draft()

        public init() {}
    }

    public enum Input: Sendable, Equatable {
        case text(String)
        case location(latitude: Double, longitude: Double)
        case photo(id: String)
    }

    /// A message back: a catalog key, its arguments, and keyboard choices (category names, yes/no).
    public struct Reply: Sendable, Equatable {
        public let key: String
        public let arguments: [String]
        public let choices: [String]

        public init(_ key: String, _ arguments: [String] = [], choices: [String] = []) {
            self.key = key
            self.arguments = arguments
            self.choices = choices
        }
    }

    public enum Effect: Sendable, Equatable {
        /// File the report (the app answers with its number, or with what was wrong).
        case file(Draft)
        case status(number: String)
        /// `/start <code>`: link this chat to the account that showed the code.
        case link(code: String)
    }

    /// What the bot needs to know of the region.
    public struct World: Sendable {
        /// (code, name) of the categories a citizen may choose, in keyboard order.
        public let categories: [(code: String, name: String)]
        /// (code, name) of every desa/kelurahan, to match what is typed.
        public let desa: [(code: String, name: String)]
        /// The desa at a point inside the region, nil outside it.
        public let desaAt: @Sendable (Double, Double) -> String?
        /// Linked accounts have a contact already; guests are asked for a phone number.
        public let isGuest: Bool

        public init(
            categories: [(code: String, name: String)], desa: [(code: String, name: String)],
            desaAt: @escaping @Sendable (Double, Double) -> String?, isGuest: Bool
        ) {
            self.categories = categories
            self.desa = desa
            self.desaAt = desaAt
            self.isGuest = isGuest
        }
    }

    public static let yes = ["ya", "yes", "y", "kirim"]
    public static let skip = ["lewati", "skip", "tidak", "no"]
    public static let cancel = ["/batal", "batal", "/cancel"]

    public static func handle(_ input: Input, state: State, world: World) -> (State, [Reply], Effect?) {
        var state = state
        if case .text(let raw) = input {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            let lower = text.lowercased()
            let words = lower.split(separator: " ").map(String.init)
            switch words.first ?? "" {
            case "/start":
                if words.count > 1 { return (State(), [], .link(code: String(text.split(separator: " ")[1]))) }
                return (State(), [Reply("chat.welcome")], nil)
            case "/bantuan", "bantuan", "/help":
                return (state, [Reply("chat.help")], nil)
            case "/status", "status":
                guard words.count > 1 else { return (state, [Reply("chat.status_usage")], nil) }
                return (state, [], .status(number: words[1].uppercased()))
            case "/lapor", "lapor":
                state = State()
                state.step = .category
                return (state, [Reply("chat.ask_category", choices: world.categories.map(\.name))], nil)
            default:
                if cancel.contains(lower) { return (State(), [Reply("chat.cancelled")], nil) }
            }
        }
        return advance(input, state: state, world: world)
    }

    private static func advance(_ input: Input, state: State, world: World) -> (State, [Reply], Effect?) {
        var state = state
        switch (state.step, input) {
        case (.idle, _):
            return (state, [Reply("chat.help")], nil)

        case (.category, .text(let text)):
            guard let category = match(text, in: world.categories) else {
                return (state, [Reply("chat.category_unknown", choices: world.categories.map(\.name))], nil)
            }
            state.draft.categoryCode = category.code
            state.step = .text
            return (state, [Reply("chat.ask_text", [category.name])], nil)

        case (.text, .text(let text)):
            let cleaned = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard cleaned.count >= 10 else { return (state, [Reply("chat.text_too_short")], nil) }
            state.draft.text = String(cleaned.prefix(4000))
            state.step = .location
            return (state, [Reply("chat.ask_location")], nil)

        case (.location, .location(let latitude, let longitude)):
            guard let desa = world.desaAt(latitude, longitude) else {
                return (state, [Reply("chat.location_outside")], nil)
            }
            state.draft.latitude = latitude
            state.draft.longitude = longitude
            state.draft.desaCode = desa
            state.step = .photo
            return (state, [Reply("chat.ask_photo", choices: ["Lewati"])], nil)

        case (.location, .text(let text)):
            let found = world.desa.filter {
                $0.name.lowercased().contains(text.lowercased().trimmingCharacters(in: .whitespaces))
            }
            if let exact = found.first(where: { $0.name.lowercased() == text.lowercased() })
                ?? (found.count == 1 ? found.first : nil)
            {
                state.draft.desaCode = exact.code
                state.step = .photo
                return (state, [Reply("chat.ask_photo", [exact.name], choices: ["Lewati"])], nil)
            }
            if found.count > 1 && found.count <= 8 {
                return (state, [Reply("chat.desa_which", choices: found.map(\.name))], nil)
            }
            return (state, [Reply("chat.desa_unknown")], nil)

        case (.photo, .photo(let id)):
            state.draft.photoID = id
            return askContactOrConfirm(state, world: world)

        case (.photo, .text(let text)) where skip.contains(text.lowercased()):
            return askContactOrConfirm(state, world: world)

        case (.contact, .text(let text)):
            guard let phone = PhoneNumber(text) else { return (state, [Reply("chat.phone_invalid")], nil) }
            state.draft.phone = phone.digits
            state.step = .confirm
            return (state, [confirmation(state.draft, world: world)], nil)

        case (.confirm, .text(let text)):
            if yes.contains(text.lowercased()) { return (State(), [], .file(state.draft)) }
            return (State(), [Reply("chat.cancelled")], nil)

        default:
            return (state, [Reply("chat.unexpected_\(state.step.rawValue)")], nil)
        }
    }

    private static func askContactOrConfirm(_ state: State, world: World) -> (State, [Reply], Effect?) {
        var state = state
        if world.isGuest && state.draft.phone == nil {
            state.step = .contact
            return (state, [Reply("chat.ask_phone")], nil)
        }
        state.step = .confirm
        return (state, [confirmation(state.draft, world: world)], nil)
    }

    private static func confirmation(_ draft: Draft, world: World) -> Reply {
        let category = world.categories.first { $0.code == draft.categoryCode }?.name ?? ""
        let desa = world.desa.first { $0.code == draft.desaCode }?.name ?? ""
        return Reply("chat.confirm", [category, desa, draft.text ?? ""], choices: ["Ya", "Batal"])
    }

    /// A category by its exact name, or the only one whose name contains what was typed.
    static func match(_ text: String, in options: [(code: String, name: String)]) -> (code: String, name: String)? {
        let typed = text.lowercased().trimmingCharacters(in: .whitespaces)
        if let exact = options.first(where: { $0.name.lowercased() == typed || $0.code == typed }) { return exact }
        let found = options.filter { $0.name.lowercased().contains(typed) }
        return found.count == 1 ? found.first : nil
    }
}
