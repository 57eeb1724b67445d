/// What a pendamping must record before filing for a citizen: who the citizen is, the phone where the number
/// and the news go (a citizen without a smartphone still reads WhatsApp or SMS on a family phone), and that the
/// citizen agreed aloud — confirmed by the pendamping's tick, which is audited.
public enum AssistedFilingRules {
    /// Field → catalog key of what is wrong; empty when the filing may go ahead.
    public static func problems(name: String?, phone: String?, consent: String?) -> [String: String] {
        var problems: [String: String] = [:]
        let name = name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if !(2...100).contains(name.count) { problems["warga_nama"] = "assist.name_required" }
        if PhoneNumber(phone ?? "") == nil { problems["warga_hp"] = "assist.phone_invalid" }
        if consent != "on" { problems["persetujuan"] = "assist.consent_required" }
        return problems
    }
}
