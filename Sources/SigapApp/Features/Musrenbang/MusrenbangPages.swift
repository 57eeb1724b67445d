/// The Musrenbang pages: the public cycle and Bappeda's cycle administration.

/// The phases of a cycle with their dates, the running one marked.
enum PhasesView {
    static func render(_ phases: [MusrenbangAdminController.PhaseRow], _ page: Page) -> HTML {
        DataTable.render(
            columns: [page.t("musrenbang.phase"), page.t("musrenbang.from"), page.t("musrenbang.until")], rows: phases,
            class: "phases"
        ) { p in
            [
                "\(p.label)\(when: p.running, " <span class=\"status status-diproses\">\(page.t("musrenbang.running"))</span>")",
                "\(p.first)", "\(p.last)",
            ]
        }
    }
}

extension MusrenbangPublicController.PublicPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("musrenbang.title"))</h1>
        <p>\(page.t("musrenbang.intro"))</p>
        \(some: planYear, { "<h2>\(page.t("musrenbang.cycle_of", String($0)))</h2>" })
        \(some: phases, { PhasesView.render($0, page) })
        \(when: phases == nil, "<p>\(page.t("musrenbang.no_cycle"))</p>")
        <p><a class="button" href="\(SiteURL.proposalNew)">\(page.t("proposal.form_title"))</a></p>
        <ul>
          <li><a href="\(SiteURL.proposals)">\(page.t("proposal.list_title"))</a></li>
          <li><a href="\(SiteURL.proposalMap)">\(page.t("proposal.map_title"))</a></li>
          <li><a href="\(SiteURL.musrenbangResults)">\(page.t("proposal.results_title"))</a></li>
        </ul>
        """
    }
}

extension MusrenbangAdminController.AdminPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("musrenbang.admin_title"))</h1>
        <p><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.public_page"))</a> · <a href="\(SiteURL.catalogueAdmin)">\(page.t("catalogue.title"))</a></p>
        \(some: cycles, { cycles in "\(each: cycles, { cycleCard($0, page) })" })
        <section class="card">
          <h2>\(page.t("musrenbang.open_cycle"))</h2>
          <form method="post" action="\(SiteURL.musrenbangAdmin)">\(page.csrfField)
            <label>\(page.t("musrenbang.plan_year"))<input name="plan_year" inputmode="numeric" value="\(form.values["plan_year"])" required></label>
            \(page.fieldError(form, "plan_year"))
            \(each: phases, { phaseFields($0, page) })
            <label>\(page.t("musrenbang.forward_per_desa"))<input name="forward_per_desa" inputmode="numeric" value="\(form.values["forward_per_desa"])" required></label>
            \(page.fieldError(form, "forward_per_desa"))
            <label>\(page.t("musrenbang.forward_per_kecamatan"))<input name="forward_per_kecamatan" inputmode="numeric" value="\(form.values["forward_per_kecamatan"])" required></label>
            <button type="submit">\(page.t("musrenbang.open_cycle"))</button>
          </form>
        </section>
        """
    }

    private func phaseFields(_ phase: Choice, _ page: Page) -> HTML {
        """
        <fieldset><legend>\(phase.label)</legend><div class="pair">
          <label>\(page.t("musrenbang.from"))<input type="date" name="phases[\(phase.value).first]" value="\(form.values["\(phase.value).first"])" required></label>
          <label>\(page.t("musrenbang.until"))<input type="date" name="phases[\(phase.value).last]" value="\(form.values["\(phase.value).last"])" required></label>
        </div>\(page.fieldError(form, phase.value))</fieldset>
        """
    }

    private func cycleCard(_ cycle: MusrenbangAdminController.CycleRow, _ page: Page) -> HTML {
        """
        <section class="card">
          <h2>\(page.t("musrenbang.cycle_of", String(cycle.planYear)))</h2>
          <p class="hint">\(cycle.forward)</p>
          \(PhasesView.render(cycle.phases, page))
          <form method="post" action="\(SiteURL.musrenbangAdmin)/\(cycle.id)/perpanjang">\(page.csrfField)
            <h3>\(page.t("musrenbang.extend"))</h3>
            <label>\(page.t("musrenbang.phase"))<select name="phase" required><option value="">—</option>\(FormPieces.options(phases, selected: extendForm.values["phase"]))</select></label>
            \(page.fieldError(extendForm.errors["phase"]))
            <label>\(page.t("musrenbang.new_last_day"))<input type="date" name="last" value="\(extendForm.values["last"])" required></label>
            \(page.fieldError(extendForm.errors["last"]))
            <label>\(page.t("musrenbang.reason"))<input name="reason" maxlength="200" value="\(extendForm.values["reason"])" required></label>
            \(page.fieldError(extendForm.errors["reason"]))
            <button type="submit" class="secondary">\(page.t("musrenbang.extend"))</button>
          </form>
          <h3>\(page.t("musrenbang.ceilings"))</h3>
          \(when: cycle.ceilings.isEmpty, "<p class=\"hint\">\(page.t("musrenbang.no_ceilings"))</p>")
          <ul>\(each: cycle.ceilings, { "<li>\($0)</li>" })</ul>
          \(page.formError(extendForm.error))
          <form method="post" action="\(SiteURL.musrenbangAdmin)/\(cycle.id)/pagu">\(page.csrfField)
            <label>\(page.t("musrenbang.ceiling_for"))<select name="place" required><option value="">—</option>\(FormPieces.options(places, selected: nil))</select></label>
            <label>\(page.t("catalogue.sector"))<select name="sector"><option value="">\(page.t("musrenbang.all_sectors"))</option>\(FormPieces.options(sectors, selected: nil))</select></label>
            <label>\(page.t("musrenbang.amount"))<input name="amount" inputmode="numeric" required></label>
            <button type="submit" class="secondary">\(page.t("musrenbang.set_ceiling"))</button>
          </form>
        </section>
        """
    }
}

extension CatalogueAdminController.CataloguePage: PageView {
    func render(_ page: Page) -> HTML {
        let columns = [
            page.t("admin.code"), page.t("admin.name"), page.t("catalogue.sector"), page.t("admin.agency"),
            page.t("catalogue.unit"), page.t("catalogue.unit_cost"),
        ]
        return """
            <h1>\(page.t("catalogue.title"))</h1>
            <p>\(page.t("catalogue.intro"))</p>
            \(page.formError(form.error))
            \(some: imported, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
            \(some: problems, { "<ul class=\"error\">\(each: $0, { "<li>\($0)</li>" })</ul>" })
            \(some: items, { items in
                DataTable.render(columns: columns, rows: items) { i in
                    ["\(i.code)", "\(i.name)", "\(i.sector)", "\(i.agency)", "\(i.unit)", "\(i.unitCost)"]
                }
            })
            \(when: items == nil, "<p>\(page.t("catalogue.empty"))</p>")
            <section class="card">
              <h2>\(page.t("catalogue.import"))</h2>
              <p class="hint">\(page.t("catalogue.import_hint"))</p>
              <form method="post" action="\(SiteURL.catalogueAdmin)/impor?_csrf=\(page.csrfToken)" enctype="multipart/form-data">
                <label>\(page.t("catalogue.file"))<input type="file" name="berkas" accept=".csv,text/csv"></label>
                <label>\(page.t("catalogue.paste"))<textarea name="csv" placeholder="kode,nama,sektor,opd,satuan,harga_satuan"></textarea></label>
                <button type="submit">\(page.t("catalogue.import"))</button>
              </form>
            </section>
            <section class="card">
              <h2>\(page.t("catalogue.add"))</h2>
              <form method="post" action="\(SiteURL.catalogueAdmin)">\(page.csrfField)
                <label>\(page.t("admin.code"))<input name="code" value="\(form.values["code"])" required></label>
                <label>\(page.t("admin.name"))<input name="name" value="\(form.values["name"])" required></label>
                <label>\(page.t("catalogue.sector"))<select name="sector" required><option value="">—</option>\(FormPieces.options(sectors, selected: form.values["sector"]))</select></label>
                <label>\(page.t("admin.agency"))<select name="agency" required><option value="">—</option>\(FormPieces.options(agencies, selected: form.values["agency"]))</select></label>
                <label>\(page.t("catalogue.unit"))<select name="unit" required><option value="">—</option>\(FormPieces.options(units, selected: form.values["unit"]))</select></label>
                <label>\(page.t("catalogue.unit_cost"))<input name="unit_cost" inputmode="numeric" value="\(form.values["unit_cost"])" required></label>
                <button type="submit">\(page.t("common.save"))</button>
              </form>
            </section>
            """
    }
}
