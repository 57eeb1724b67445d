/// The practice pages: every one says it is practice, so nobody mistakes a practice number for a real one.

extension PracticeController.HomePage: PageView {
    func render(_ page: Page) -> HTML {
        guard let participant else {
            return """
                <h1>\(page.t("practice.title"))</h1>
                <p>\(page.t("practice.intro"))</p>
                <form method="post" action="\(SiteURL.practice)" class="card">\(page.csrfField)
                  <label>\(page.t("practice.code"))<input name="code" value="\(form.values["code"])" autocomplete="off" autocapitalize="characters" placeholder="ABCD-EFGH" required></label>
                  \(page.fieldError(form, "code"))
                  <label>\(page.t("practice.name"))<input name="name" value="\(form.values["name"])" maxlength="60" required></label>
                  \(page.fieldError(form, "name"))
                  <button type="submit">\(page.t("practice.join"))</button>
                </form>
                <p><a href="\(SiteURL.guides)">\(page.t("guide.title"))</a></p>
                """
        }
        return """
            <h1>\(page.t("practice.title"))</h1>
            <p class="practice-mark">\(page.t("practice.in_session", participant.sessionTitle, participant.name))</p>
            <p>\(page.t("practice.what_to_try"))</p>
            <ul class="actions">
              <li><a href="\(SiteURL.fileReport)">\(page.t("practice.try_report"))</a></li>
              <li><a href="\(SiteURL.proposalNew)">\(page.t("practice.try_proposal"))</a></li>
              <li><a href="\(SiteURL.practice)/survei">\(page.t("practice.try_survey"))</a></li>
            </ul>
            <h2>\(page.t("practice.mine"))</h2>
            \(when: entries.isEmpty, "<p>\(page.t("practice.none"))</p>")
            <ul>\(each: entries, { e in "<li><a href=\"\(SiteURL.practiceEntry(e.id!))\">\(page.t("practice.kind.\(e.kind.rawValue)")): \(e.title)</a></li>" })</ul>
            <form method="post" action="\(SiteURL.practice)/keluar">\(page.csrfField)<button type="submit" class="secondary">\(page.t("practice.leave"))</button></form>
            """
    }
}

extension PracticeController.EntryPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <p class="practice-mark">\(page.t("practice.mark"))</p>
        <h1>\(page.t("practice.kind.\(entry.kind.rawValue)")): \(entry.title)</h1>
        <p><strong>\(page.t("practice.number", "LATIHAN-\(entry.id!)"))</strong></p>
        <p class="hint">\(page.t("practice.next.\(entry.kind.rawValue)"))</p>
        <dl class="facts">\(each: entry.summary.split(separator: "\n").map(String.init), { line in
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return "<dt>\(parts.first ?? "")</dt><dd>\(parts.count > 1 ? parts[1] : "")</dd>"
        })</dl>
        <p><a href="\(SiteURL.practice)">\(page.t("practice.back"))</a></p>
        """
    }
}

extension PracticeController.SessionsPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("practice.admin_title"))</h1>
        <p class="hint">\(page.t("practice.admin_intro"))</p>
        <form method="post" action="\(SiteURL.practiceAdmin)" class="card">\(page.csrfField)
          <h2>\(page.t("practice.new"))</h2>
          <label>\(page.t("portal.title"))<input name="title" value="\(form.values["title"])" maxlength="150" required placeholder="\(page.t("practice.title_placeholder"))"></label>\(page.fieldError(form, "title"))
          <label>\(page.t("portal.place"))<input name="place" value="\(form.values["place"])" maxlength="150" required></label>\(page.fieldError(form, "place"))
          <div class="pair">
            <label>\(page.t("portal.start"))<input type="datetime-local" name="start" value="\(form.values["start"])" required></label>
            <label>\(page.t("portal.end"))<input type="datetime-local" name="end" value="\(form.values["end"])" required></label>
          </div>
          \(page.fieldError(form, "start"))\(page.fieldError(form, "end"))
          <button type="submit">\(page.t("practice.open"))</button>
        </form>
        <h2>\(page.t("practice.sessions"))</h2>
        <ul class="cards">\(each: sessions, { s in "<li class=\"card\"><a href=\"\(SiteURL.practiceSession(s.id))\"><strong>\(s.title)</strong></a><br><small>\(s.when) · \(s.place) · \(s.closed ? page.t("practice.closed_label") : page.t("practice.code") + " " + s.code)</small></li>" })</ul>
        """
    }
}

extension PracticeController.SessionPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <p class="crumbs"><a href="\(SiteURL.practiceAdmin)">\(page.t("practice.admin_title"))</a></p>
        <h1>\(session.title)</h1>
        <p>\(session.when) · \(session.place)</p>
        \(when: !session.closed, "<p class=\"practice-code\">\(page.t("practice.code")): <strong>\(session.code)</strong></p><p class=\"hint\">\(page.t("practice.code_hint"))</p>")
        \(when: session.closed, "<p class=\"notice\">\(page.t("practice.closed_label"))</p>")
        <h2>\(page.t("practice.done_by_participants", String(entries.count)))</h2>
        <ul class="cards">\(each: entries, { e in "<li class=\"card\"><a href=\"\(SiteURL.practiceEntry(e.id!))\">\(page.t("practice.kind.\(e.kind.rawValue)")): \(e.title)</a><br><small>\(e.participantName)</small></li>" })</ul>
        \(when: !session.closed, "<form method=\"post\" action=\"\(SiteURL.practiceSession(session.id))/tutup\">\(page.csrfField)<button type=\"submit\">\(page.t("practice.close"))</button></form><p class=\"hint\">\(page.t("practice.close_hint"))</p>")
        """
    }
}
