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
        """
    }
}

extension MusrenbangAdminController.AdminPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("musrenbang.admin_title"))</h1>
        <p><a href="\(SiteURL.musrenbang)">\(page.t("musrenbang.public_page"))</a></p>
        \(some: cycles, { cycles in "\(each: cycles, { cycleCard($0, page) })" })
        <section class="card">
          <h2>\(page.t("musrenbang.open_cycle"))</h2>
          <form method="post" action="\(SiteURL.musrenbangAdmin)">\(page.csrfField)
            <label>\(page.t("musrenbang.plan_year"))<input name="plan_year" inputmode="numeric" value="\(form.values["plan_year"])" required></label>
            \(page.fieldError(form.errors["plan_year"]))
            \(each: phases, { phaseFields($0, page) })
            <label>\(page.t("musrenbang.forward_per_desa"))<input name="forward_per_desa" inputmode="numeric" value="\(form.values["forward_per_desa"])" required></label>
            \(page.fieldError(form.errors["forward_per_desa"]))
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
        </div>\(page.fieldError(form.errors[phase.value]))</fieldset>
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
        </section>
        """
    }
}
