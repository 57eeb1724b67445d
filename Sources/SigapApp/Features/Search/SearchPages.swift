import SigapCore

extension SearchController.SearchPage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("search.title"))</h1>
        <form method="get" action="\(SiteURL.search)" class="filters" role="search">
          <label>\(page.t("search.query"))<input type="search" name="q" value="\(asked.text)" maxlength="200" autofocus></label>
          <label>\(page.t("search.kind"))<select name="jenis"><option value="">\(page.t("search.all"))</option>\(FormPieces.options(kinds, selected: asked.kind?.rawValue))</select></label>
          <label>\(page.t("search.year"))<input type="number" name="tahun" min="2000" max="2100" value="\(asked.year.map(String.init) ?? "")" inputmode="numeric"></label>
          <label>Kecamatan<select name="kecamatan"><option value="">—</option>\(FormPieces.options(kecamatan, selected: asked.kecamatan))</select></label>
          <button type="submit">\(page.t("search.submit"))</button>
        </form>
        \(when: searched && groups.isEmpty, "<p>\(page.t("search.none"))</p>")
        \(when: !searched && !asked.text.isEmpty, "<p>\(page.t("search.too_common"))</p>")
        \(each: groups, { group in
            """
            <section class="search-group"><h2>\(page.t("search.kind.\(group.kind.rawValue)"))</h2>
            <ol class="search-results">\(each: group.results, { r in
                """
                <li><a href="\(r.url)">\(Self.marked(r.title))</a> <span class="hint">\(r.key) · \(r.year)\(some: r.kecamatan, { " · \($0)" })</span>
                <p>\(when: r.snippet.cutBefore, "… ")\(Self.marked(r.snippet))\(when: r.snippet.cutAfter, " …")</p></li>
                """
            })</ol></section>
            """
        })
        """
    }

    /// The snippet's text, escaped, with the matched words in `<mark>`.
    static func marked(_ snippet: SearchSnippet) -> HTML {
        var html = HTML()
        for piece in snippet.pieces {
            html += piece.marked ? "<mark>\(piece.text)</mark>" : "\(piece.text)"
        }
        return html
    }
}
