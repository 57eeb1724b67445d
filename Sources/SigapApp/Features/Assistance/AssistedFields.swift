import SigapCore

/// The part of the report, proposal and application forms a pendamping fills for the citizen: who they are,
/// where the news goes, and their spoken consent. Field names are `AssistedFilingRules`' problem keys.
enum AssistedFields {
    static func render(_ page: Page, _ form: FormState) -> HTML {
        """
        <fieldset class="card"><legend>\(page.t("assist.citizen"))</legend>
          <p class="hint">\(page.t("assist.citizen_hint"))</p>
          <label>\(page.t("assist.citizen_name"))<input name="warga_nama" value="\(form.values["warga_nama"])" maxlength="100" required autocomplete="off"></label>
          \(page.fieldError(form, "warga_nama"))
          <label>\(page.t("assist.citizen_phone"))<input name="warga_hp" value="\(form.values["warga_hp"])" inputmode="tel" required autocomplete="off"></label>
          \(page.fieldError(form, "warga_hp"))
          <label class="check"><input type="checkbox" name="persetujuan" value="on"\(when: form.values["persetujuan"] != nil, " checked")> \(page.t("assist.consent"))</label>
          \(page.fieldError(form, "persetujuan"))
        </fieldset>
        """
    }

    /// The fact line of a report, proposal or application a pendamping entered ("Dibantu oleh pendamping"); empty
    /// for any other.
    static func fact(_ page: Page, assisted: Bool) -> HTML {
        guard assisted else { return "" }
        return "<dt>\(page.t("assist.how_filed"))</dt><dd class=\"assisted\">\(page.t("assist.label"))</dd>"
    }

    /// What the form's citizen part lacks, as field → catalog key.
    static func problems(_ values: [String: String]) -> [String: String] {
        AssistedFilingRules.problems(
            name: values["warga_nama"], phone: values["warga_hp"], consent: values["persetujuan"])
    }
}
