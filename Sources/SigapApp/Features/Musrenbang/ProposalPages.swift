import SigapCore

/// The proposal pages' views: the form, the list with its filters, the map, the results.

extension ProposalFormController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        let action = revising.map { SiteURL.proposal($0) + "/revisi" } ?? SiteURL.proposalNew
        let chosenGroups = Set((v["groups"] ?? "").split(separator: ",").map(String.init))
        return """
            <h1>\(page.t(revising == nil ? "proposal.form_title" : "proposal.revise"))</h1>
            \(some: planYear, { "<p>\(page.t("musrenbang.cycle_of", String($0))) · <span class=\"tag\">\(page.t("proposal.source.\(source.rawValue)"))</span></p>" })
            <p class="hint">\(page.t("proposal.form_intro"))</p>
            \(page.formError(form.error))
            \(some: duplicates, { rows in
                """
                <section class="card"><h2>\(page.t("proposal.duplicates_title"))</h2>
                <p>\(page.t("proposal.duplicates_hint"))</p>
                \(ProposalListView.render(rows, page))</section>
                """
            })
            <form method="post" action="\(action)?_csrf=\(page.csrfToken)" enctype="multipart/form-data" data-once>
              \(when: duplicates != nil, "<input type=\"hidden\" name=\"confirm\" value=\"on\">")
              \(when: revising == nil, "<input type=\"hidden\" name=\"kirim\" value=\"\(v["kirim"])\">")
              \(when: revising == nil, """
                <label>\(page.t("proposal.catalogue"))<select name="catalogue"><option value="">\(page.t("proposal.free_text"))</option>\(FormPieces.options(catalogue, selected: v["catalogue"]))</select></label>
                \(page.fieldError(form, "catalogue"))
                <label>\(page.t("proposal.sector_free"))<select name="sector"><option value="">—</option>\(FormPieces.options(sectors, selected: v["sector"]))</select></label>
                \(page.fieldError(form, "sector"))
                """)
              <label>\(page.t("proposal.title"))<input name="title" maxlength="150" value="\(v["title"])" required></label>
              \(page.fieldError(form, "title"))
              <label>\(page.t("proposal.problem"))<textarea name="problem" maxlength="2000" required>\(v["problem"] ?? "")</textarea></label>
              \(page.fieldError(form, "problem"))
              <label>\(page.t("proposal.description"))<textarea name="description" maxlength="4000">\(v["description"] ?? "")</textarea></label>
              \(page.fieldError(form, "description"))
              \(when: revising == nil, """
                <label>\(page.t("report.desa"))<select name="desa"\(when: source != .pokir, " required")><option value="">—</option>\(FormPieces.options(desa, selected: v["desa"]))</select></label>
                \(page.fieldError(form, "desa"))
                """)
              \(when: source == .pokir && revising == nil, """
                <label>Kecamatan<select name="kecamatan"><option value="">—</option>\(FormPieces.options(kecamatan, selected: v["kecamatan"]))</select></label>
                \(page.fieldError(form, "kecamatan"))
                <label>\(page.t("report.agency"))<select name="agency"><option value="">—</option>\(FormPieces.options(agencies, selected: v["agency"]))</select></label>
                \(page.fieldError(form, "agency"))
                <div class="pair"><label>\(page.t("proposal.reses_date"))<input type="date" name="reses_date" value="\(v["reses_date"])" required></label>
                <label>\(page.t("proposal.reses_place"))<input name="reses_place" maxlength="200" value="\(v["reses_place"])" required></label></div>
                \(page.fieldError(form, "reses_date"))\(page.fieldError(form, "reses_place"))
                """)
              <div class="pair"><label>RT/RW<input name="rt_rw" maxlength="20" value="\(v["rt_rw"])" placeholder="003/001"></label>
              <label>\(page.t("report.address"))<input name="address" maxlength="200" value="\(v["address"])"></label></div>
              \(page.fieldError(form, "address"))
              <div class="pair"><label>\(page.t("report.latitude"))<input name="lat" inputmode="decimal" value="\(v["lat"])"></label>
              <label>\(page.t("report.longitude"))<input name="lon" inputmode="decimal" value="\(v["lon"])"></label></div>
              \(page.fieldError(form, "location"))
              <div class="pair"><label>\(page.t("proposal.volume"))<input name="volume" inputmode="decimal" value="\(v["volume"])" required></label>
              <label>\(page.t("catalogue.unit"))<select name="unit"><option value="">\(page.t("proposal.unit_from_catalogue"))</option>\(FormPieces.options(units, selected: v["unit"]))</select></label></div>
              \(page.fieldError(form, "volume"))\(page.fieldError(form, "unit"))
              <label>\(page.t("proposal.cost"))<input name="cost" inputmode="numeric" value="\(v["cost"])"></label>
              <p class="hint">\(page.t("proposal.cost_hint"))</p>
              \(page.fieldError(form, "cost"))
              <label>\(page.t("proposal.cost_reason"))<input name="cost_reason" maxlength="300" value="\(v["cost_reason"])"></label>
              \(page.fieldError(form, "cost_reason"))
              <label>\(page.t("proposal.beneficiaries"))<input name="beneficiaries" inputmode="numeric" value="\(v["beneficiaries"])"></label>
              \(page.fieldError(form, "beneficiaries"))
              <fieldset><legend>\(page.t("proposal.groups"))</legend>
              \(each: groups, { g in "<label class=\"check\"><input type=\"checkbox\" name=\"groups[]\" value=\"\(g.value)\"\(when: chosenGroups.contains(g.value), " checked")> \(g.label)</label>" })
              </fieldset>
              \(when: revising == nil, """
                <label>\(page.t("report.photos"))<input type="file" name="photo" accept="image/jpeg,image/png" multiple></label>
                \(page.fieldError(form, "photo"))
                """)
              \(when: source == .desaMeeting && revising == nil, """
                <label>\(page.t("proposal.file.berita_acara")) (PDF)<input type="file" name="minutes" accept="application/pdf" required></label>
                \(page.fieldError(form, "minutes"))\(page.fieldError(form, "berita_acara"))
                <label>\(page.t("proposal.file.daftar_hadir")) (PDF)<input type="file" name="attendance" accept="application/pdf"></label>
                \(page.fieldError(form, "attendance"))\(page.fieldError(form, "daftar_hadir"))
                """)
              \(when: assisting && revising == nil, AssistedFields.render(page, form))
              <button type="submit">\(page.t(duplicates == nil ? "proposal.submit" : "proposal.submit_anyway"))</button>
            </form>
            """
    }
}

extension ProposalPagesController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        let f = filters
        return """
            <p class="crumbs"><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.title"))</a></p>
            <h1>\(page.t("proposal.list_title"))\(some: planYear, { " \($0)" })</h1>
            <p><a href="\(SiteURL.proposalNew)">\(page.t("proposal.form_title"))</a> · <a href="\(SiteURL.proposalMap)?\(f.query)">\(page.t("proposal.map_title"))</a> · <a href="\(SiteURL.musrenbangResults)">\(page.t("proposal.results_title"))</a> · <a href="\(SiteURL.proposalsCSV)?\(f.query)">CSV</a> · <a href="\(SiteURL.planCSV)\(some: planYear, { "?tahun=\($0)" })">\(page.t("proposal.plan_csv"))</a></p>
            <form method="get" action="\(SiteURL.proposals)" class="filters">
              <label>\(page.t("musrenbang.plan_year"))<select name="tahun">\(FormPieces.options(years, selected: f.year.map(String.init)))</select></label>
              <label>Kecamatan<select name="kecamatan"><option value="">—</option>\(FormPieces.options(kecamatan, selected: f.kecamatan))</select></label>
              <label>Desa<select name="desa"><option value="">—</option>\(FormPieces.options(desa, selected: f.desa))</select></label>
              <label>\(page.t("catalogue.sector"))<select name="sektor"><option value="">—</option>\(FormPieces.options(sectors, selected: f.sector))</select></label>
              <label>\(page.t("proposal.stage"))<select name="tahap"><option value="">—</option>\(FormPieces.options(stages, selected: f.stage))</select></label>
              <label>\(page.t("proposal.source"))<select name="sumber"><option value="">—</option>\(FormPieces.options(sources, selected: f.source))</select></label>
              <button type="submit" class="secondary">\(page.t("report.filter"))</button>
            </form>
            <p class="hint">\(page.t("proposal.count", String(total)))</p>
            \(when: rows.isEmpty, "<p>\(page.t("proposal.none"))</p>")
            \(when: !rows.isEmpty, ProposalListView.render(rows, page))
            \(Pager.render(previous: previous, next: next, page))
            """
    }
}

extension ProposalPagesController.MapView: PageView {
    func render(_ page: Page) -> HTML {
        """
        <p class="crumbs"><a href="\(SiteURL.proposals)?\(filters.query)">\(page.t("proposal.list_title"))</a></p>
        <h1>\(page.t("proposal.map_title"))</h1>
        <p class="hint">\(page.t("proposal.map_hint", String(total)))</p>
        \(map.render(label: page.t("proposal.map_title"), page))
        """
    }
}

extension ProposalPagesController.ResultsPage: PageView {
    func render(_ page: Page) -> HTML {
        let columns = [
            page.t("proposal.area"), page.t("proposal.proposals"), page.t("proposal.in_plan"),
            page.t("proposal.plan_amount"), page.t("musrenbang.ceilings"), page.t("proposal.remaining"),
        ]
        func table(_ rows: [ProposalPagesController.ResultRow]) -> HTML {
            DataTable.render(columns: columns, rows: rows, class: "results") { r in
                [
                    "<a href=\"\(r.url)\">\(r.name)</a>", "\(r.proposals)", "\(r.inPlan)", "\(r.amount)",
                    "\(r.ceiling)", "\(r.remaining)",
                ]
            }
        }
        return """
            <p class="crumbs"><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.title"))</a></p>
            <h1>\(page.t("proposal.results_title"))\(some: planYear, { " \($0)" })</h1>
            <p class="hint">\(page.t("proposal.results_hint"))</p>
            \(some: kecamatanName, { "<h2>\($0)</h2>" })
            \(when: !desa.isEmpty, table(desa))
            <h2>Kecamatan</h2>
            \(table(kecamatan))
            """
    }
}
