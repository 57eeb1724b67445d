import SigapCore

extension ForumController.ListPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("forum.title"))</h1>
        <p>\(page.t("forum.intro")) <a href="\(SiteURL.forumNew)">\(page.t("forum.new"))</a></p>
        <form method="get" action="\(SiteURL.forum)" class="filters">
          <label>\(page.t("forum.topic"))<select name="topik"><option value="">\(page.t("search.all"))</option>\(FormPieces.options(topics, selected: topic))</select></label>
          <button type="submit" class="secondary">\(page.t("report.filter"))</button>
        </form>
        \(when: threads.isEmpty, "<p>\(page.t("forum.none"))</p>")
        <ul class="threads">\(each: threads, { t in
            "<li><a href=\"\(t.url)\">\(t.title)</a>\(when: t.concluded, " <span class=\"tag\">\(page.t("forum.concluded"))</span>")<br><span class=\"hint\">\(t.topic) · \(page.t("forum.replies", String(t.replies))) · \(t.lastPost)</span></li>"
        })</ul>
        \(Pager.render(previous: previous, next: next, page))
        """
    }
}

extension ForumController.NewPage: PageView {
    func render(_ page: Page) -> HTML {
        let v = form.values
        return """
            <p class="crumbs"><a href="\(SiteURL.forum)">\(page.t("forum.title"))</a></p>
            <h1>\(page.t("forum.new"))</h1>
            \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
            <form method="post" action="\(SiteURL.forumNew)" data-once>\(page.csrfField)
              <label>\(page.t("forum.thread_title"))<input name="title" maxlength="150" value="\(v["title"])" required></label>
              \(page.fieldError(form, "title"))
              <label>\(page.t("forum.topic"))<select name="topic" required><option value="">—</option>\(FormPieces.options(topics, selected: v["topic"]))</select></label>
              \(page.fieldError(form, "topic"))
              <label>Kecamatan<select name="kecamatan"><option value="">—</option>\(FormPieces.options(kecamatan, selected: v["kecamatan"]))</select></label>
              \(page.fieldError(form, "kecamatan"))
              <input type="hidden" name="linked_kind" value="\(v["linked_kind"])">
              \(when: !(v["linked_key"] ?? "").isEmpty, "<label>\(page.t("forum.about_number"))<input name=\"linked_key\" value=\"\(v["linked_key"])\" readonly></label>")
              \(page.fieldError(form, "linked"))
              <label>\(page.t("forum.body"))<textarea name="body" rows="8" maxlength="10000" required>\(v["body"] ?? "")</textarea></label>
              \(page.fieldError(form, "body"))
              <p class="hint">\(page.t("forum.markdown_hint"))</p>
              <button type="submit">\(page.t("forum.open"))</button>
            </form>
            """
    }
}

extension ForumController.EditPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <p class="crumbs"><a href="\(back)">\(page.t("forum.back_to_thread"))</a></p>
        <h1>\(page.t("forum.edit"))</h1>
        \(some: form.error, { "<p class=\"error\" role=\"alert\">\($0)</p>" })
        <form method="post" action="\(action)">\(page.csrfField)
          <label>\(page.t("forum.body"))<textarea name="body" rows="8" maxlength="10000" required>\(form.values["body"] ?? "")</textarea></label>
          <p class="hint">\(page.t("forum.edit_hint"))</p>
          <button type="submit">\(page.t("forum.save"))</button>
        </form>
        """
    }
}
