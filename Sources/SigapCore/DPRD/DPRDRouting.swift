/// Which DPRD commission (komisi) an aspiration goes to: the one whose fields list the aspiration's report
/// category; else the one covering the category's agency; else none (the secretariat assigns it).
public enum DPRDRouting {
    public struct Commission: Sendable, Equatable {
        public let code: String
        public let categoryCodes: Set<String>
        public let agencyCodes: Set<String>

        public init(code: String, categoryCodes: Set<String>, agencyCodes: Set<String>) {
            self.code = code
            self.categoryCodes = categoryCodes
            self.agencyCodes = agencyCodes
        }
    }

    public static func commission(
        forCategory category: String, agency: String, among commissions: [Commission]
    ) -> Commission? {
        commissions.first { $0.categoryCodes.contains(category) }
            ?? commissions.first { $0.agencyCodes.contains(agency) }
    }
}

extension DPRDRouting {
    /// The agency code of the DPRD secretariat, which receives and answers aspirations to the council.
    public static let secretariat = "SETWAN"
}
