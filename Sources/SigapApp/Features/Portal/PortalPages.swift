import SigapCore

extension PortalController.AgendaPage: PageView {
    func render(_ page: Page) -> HTML {
        func list(_ rows: [PortalController.EventRow]) -> HTML {
            """
            <ul class="agenda">\(each: rows, { e in
                "<li id=\"acara-\(e.id)\"\(when: e.cancelled != nil, " class=\"cancelled\"")><strong>\(e.title)</strong> <span class=\"tag\">\(e.kind)</span>\(some: e.cancelled, { " <span class=\"tag late\">\($0)</span>" })<br><span class=\"hint\">\(e.when) · \(e.place)</span>\(when: !e.description.isEmpty, "<p class=\"text\">\(e.description)</p>")</li>"
            })</ul>
            """
        }
        return """
            <h1>\(page.t("portal.agenda"))</h1>
            <p><a href="\(SiteURL.agendaFeed)">\(page.t("portal.subscribe"))</a></p>
            <h2>\(page.t("portal.upcoming"))</h2>
            \(when: upcoming.isEmpty, "<p>\(page.t("portal.no_events"))</p>")
            \(list(upcoming))
            \(when: !past.isEmpty, "<h2>\(page.t("portal.past"))</h2>")
            \(list(past))
            """
    }
}

extension PortalController.DocumentsPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("portal.documents"))</h1>
        <form method="get" action="\(SiteURL.documents)" class="filters">
          <label>\(page.t("portal.document_kind"))<select name="jenis"><option value="">\(page.t("search.all"))</option>\(FormPieces.options(kinds, selected: kind))</select></label>
          <label>\(page.t("search.year"))<input type="number" name="tahun" min="1945" max="2100" value="\(year.map(String.init) ?? "")" inputmode="numeric"></label>
          <button type="submit" class="secondary">\(page.t("report.filter"))</button>
        </form>
        \(when: rows.isEmpty, "<p>\(page.t("portal.no_documents"))</p>")
        <ul class="documents">\(each: rows, { d in
            "<li><a href=\"\(d.url)\">\(d.title)</a><br><span class=\"hint\">\(d.kind) · \(d.number) · \(d.year)</span></li>"
        })</ul>
        """
    }
}

extension PortalController.DocumentPage: PageView {
    func render(_ page: Page) -> HTML {
        let d = document
        return """
            <p class="crumbs"><a href="\(SiteURL.documents)">\(page.t("portal.documents"))</a></p>
            <h1>\(d.title)</h1>
            <dl class="facts">
              <dt>\(page.t("portal.document_kind"))</dt><dd>\(kind)</dd>
              <dt>\(page.t("portal.number"))</dt><dd>\(d.number)</dd>
              <dt>\(page.t("search.year"))</dt><dd>\(d.year)</dd>
              \(some: agency, { "<dt>\(page.t("report.agency"))</dt><dd>\($0)</dd>" })
            </dl>
            \(when: !d.summary.isEmpty, "<p class=\"text\">\(d.summary)</p>")
            <p><a href="\(SiteURL.document(String(d.id!)))/unduh">\(page.t("portal.download")) (PDF, \(size))</a></p>
            """
    }
}

extension PortalController.NewsPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("portal.news"))</h1>
        \(when: items.isEmpty, "<p>\(page.t("portal.no_news"))</p>")
        <ul class="news">\(each: items, { n in
            "<li>\(some: n.cover, { "<img src=\"\($0)\" alt=\"\" width=\"160\" loading=\"lazy\"> " })<a href=\"\(n.url)\">\(n.title)</a><br><span class=\"hint\">\(n.date)</span><p>\(n.summary)</p></li>"
        })</ul>
        """
    }
}

extension PortalController.NewsItemPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <p class="crumbs"><a href="\(SiteURL.news)">\(page.t("portal.news"))</a></p>
        \(when: draft, "<p class=\"notice\">\(page.t("portal.preview"))</p>")
        <h1>\(item.title)</h1>
        <p class="hint">\(date ?? page.t("portal.news_draft"))\(some: agency, { " · \($0)" })</p>
        \(when: item.coverStoredName != nil, "<img class=\"cover\" src=\"\(SiteURL.newsItem(String(item.id!)))/sampul?ukuran=sedang\" alt=\"\">")
        <p><strong>\(item.summary)</strong></p>
        <div class="post-body">\(body)</div>
        """
    }
}

extension PortalAdminController.FormPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        let fields: HTML
        switch kind {
        case .agenda:
            fields = """
                <label>\(page.t("portal.title"))<input name="title" maxlength="150" value="\(v["title"])" required></label>\(page.fieldError(form, "title"))
                <label>\(page.t("portal.agenda_kind"))<select name="kind" required><option value="">—</option>\(FormPieces.options(choices, selected: v["kind"]))</select></label>\(page.fieldError(form, "kind"))
                <label>\(page.t("portal.start"))<input type="datetime-local" name="start" value="\(v["start"])" required></label>\(page.fieldError(form, "start"))
                <label>\(page.t("portal.end"))<input type="datetime-local" name="end" value="\(v["end"])" required></label>\(page.fieldError(form, "end"))
                <label>\(page.t("portal.place"))<input name="place" maxlength="200" value="\(v["place"])" required></label>\(page.fieldError(form, "place"))
                <label>\(page.t("portal.description"))<textarea name="description" rows="4" maxlength="4000">\(v["description"] ?? "")</textarea></label>
                """
        case .document:
            fields = """
                <label>\(page.t("portal.document_kind"))<select name="kind" required><option value="">—</option>\(FormPieces.options(choices, selected: v["kind"]))</select></label>\(page.fieldError(form, "kind"))
                <label>\(page.t("portal.number"))<input name="number" maxlength="60" value="\(v["number"])" required></label>\(page.fieldError(form, "number"))
                <label>\(page.t("search.year"))<input type="number" name="year" min="1945" max="2100" value="\(v["year"])" required></label>\(page.fieldError(form, "year"))
                <label>\(page.t("portal.title"))<input name="title" maxlength="200" value="\(v["title"])" required></label>\(page.fieldError(form, "title"))
                <label>\(page.t("portal.summary"))<textarea name="summary" rows="3" maxlength="2000">\(v["summary"] ?? "")</textarea></label>
                <label>PDF<input type="file" name="file" accept="application/pdf" required></label>\(page.fieldError(form, "file"))
                """
        case .news:
            fields = """
                <label>\(page.t("portal.title"))<input name="title" maxlength="200" value="\(v["title"])" required></label>\(page.fieldError(form, "title"))
                <label>\(page.t("portal.summary"))<textarea name="summary" rows="2" maxlength="400" required>\(v["summary"] ?? "")</textarea></label>\(page.fieldError(form, "summary"))
                <label>\(page.t("portal.body"))<textarea name="body" rows="12" maxlength="50000" required>\(v["body"] ?? "")</textarea></label>\(page.fieldError(form, "body"))
                <p class="hint">\(page.t("forum.markdown_hint"))</p>
                <label>\(page.t("portal.cover"))<input type="file" name="cover" accept="image/jpeg,image/png"></label>\(page.fieldError(form, "cover"))
                <label>\(page.t("portal.publish_at"))<input type="datetime-local" name="publish_at" value="\(v["publish_at"])"></label>
                <p class="hint">\(page.t("portal.publish_hint"))</p>
                """
        }
        let multipart = kind == .agenda ? "" : " enctype=\"multipart/form-data\""
        return """
            <h1>\(page.frame.title)</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <form method="post" action="\(action)\(when: kind != .agenda, "?_csrf=\(page.csrfToken)")"\(HTML.rendered(byTrustedRenderer: multipart)) data-once>\(page.csrfField)
            \(fields)
            <button type="submit">\(page.t("portal.save"))</button>
            \(when: kind == .news, " <button type=\"submit\" name=\"publish\" value=\"now\" class=\"secondary\">\(page.t("portal.publish_now"))</button>")
            </form>
            \(when: !withdrawable.isEmpty, "<h2>\(page.t(kind == .agenda ? "portal.cancel_events" : "portal.withdraw_documents"))</h2>")
            <ul class="withdrawable">\(each: withdrawable, { w in
                "<li>\(w.label)<form method=\"post\" action=\"\(w.action)\">\(page.csrfField)<label>\(page.t("portal.reason"))<input name=\"reason\" maxlength=\"300\" required minlength=\"5\"></label><button type=\"submit\" class=\"secondary\">\(page.t(kind == .agenda ? "portal.cancel_event" : "portal.withdraw_document"))</button></form></li>"
            })</ul>
            """
    }
}

extension PortalAdminController.NewsListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("portal.news_admin"))</h1>
        <p><a href="\(SiteURL.newsAdmin)/baru">\(page.t("portal.write_news"))</a></p>
        <ul>\(each: rows, { r in "<li><a href=\"\(r.url)\">\(r.title)</a> <span class=\"hint\">\(r.state)</span></li>" })</ul>
        """
    }
}
