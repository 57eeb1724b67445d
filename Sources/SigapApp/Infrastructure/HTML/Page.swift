import SigapCore
import Vapor

/// A page's own data, rendered into the body of the layout. Each page's context struct conforms, so its view
/// lives next to the data it shows and a missing field is a compile error, not a blank at a citizen's request.
protocol PageView {
    /// Title, language, who is signed in, the notice: what the layout shows.
    var page: PageContext { get }
    /// The page's body.
    func render(_ page: Page) -> HTML
}

/// What every view needs besides its own data: the frame the layout shows, catalog text in the page's language,
/// and the session's CSRF token for forms.
struct Page {
    let frame: PageContext
    let catalog: Catalog
    let language: Language
    let request: Request

    /// Catalog text in the page's language (escaped when interpolated into `HTML`).
    func t(_ key: String, _ arguments: String...) -> String { catalog.text(key, language, arguments) }

    /// One decimal as the reader writes it: "12,5" in Indonesian, "12.5" in English; "—" when there is none.
    func decimal(_ value: Double?) -> String {
        guard let value else { return "—" }
        return FixedDecimal.text(value, places: 1, separator: language == .id ? "," : ".")
    }

    /// A percentage as the reader writes it: "100,0 %" in Indonesian (PUEBI: decimal comma, a space before the
    /// sign), "100.0%" in English.
    func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return decimal(value) + (language == .id ? "\u{00A0}%" : "%")
    }

    /// The session's token. Asked for only by pages with forms: it starts a session when there is none, which a
    /// passer-by reading a public page should not cost.
    var csrfToken: String { request.csrfToken }

    /// The hidden field every POST form carries.
    var csrfField: HTML { "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(csrfToken)\">" }

    /// A field's message under it, if it has one.
    func fieldError(_ message: String?) -> HTML { "\(some: message, { "<p class=\"error\">\($0)</p>" })" }

    /// The message of field `name` under it, with the id its input points to (`aria-describedby`, added by
    /// `FormErrors.annotate`) and the error summary links to.
    func fieldError(_ form: FormState, _ name: String) -> HTML {
        "\(some: form.errors[name], { "<p class=\"error\" id=\"\(FormErrors.id(name))\">\($0)</p>" })"
    }

    /// A message for the whole form, announced to screen readers.
    func formError(_ message: String?) -> HTML {
        "\(some: message, { "<p class=\"error\" role=\"alert\">\($0)</p>" })"
    }
}

extension Request {
    /// Renders `view` inside the layout, as an HTML answer no cache keeps.
    func page(_ view: some PageView, status: HTTPResponseStatus = .ok) -> Response {
        let page = Page(frame: view.page, catalog: application.catalog, language: language, request: self)
        var body = view.render(page)
        // A form sent back with mistakes (4xx): each wrong field is marked for assistive technology and the
        // mistakes are listed first. Pages answered 200 skip the look (the hot read paths among them).
        if status.code >= 400, let form = FormErrors.form(of: view), !form.errors.isEmpty {
            body = "\(FormErrors.summary(form, page))\(FormErrors.annotate(body, form))"
        }
        return html(Layout.render(page, body), status: status)
    }

    /// An HTML answer that no cache keeps (pages can carry a signed-in person's data).
    func html(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: html.buffer))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// The frame around every page: header with the navigation, the notice, the page's body, the footer.
enum Layout {
    static func render(_ page: Page, _ body: HTML) -> HTML {
        let frame = page.frame
        return """
            <!doctype html>
            <html lang="\(frame.lang)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(frame.title) · Sigap · \(frame.region.name)</title>
            <link rel="stylesheet" href="\(SiteURL.stylesheet)">
            <link rel="icon" href="\(SiteURL.favicon)" type="image/svg+xml">
            <link rel="manifest" href="\(SiteURL.manifest)">
            <link rel="apple-touch-icon" href="\(SiteURL.appIcon)">
            \(RegionBranding.headLinks(frame.region))
            \(some: frame.share, { ShareCard.meta($0, page) })
            <script src="\(SiteURL.pageScript)" defer></script>
            </head>
            <body>
            <a class="skip" href="#main">\(page.t("nav.skip"))</a>
            <header class="top">
              <a class="brand" href="\(SiteURL.home)">\(RegionBranding.headerEmblem(frame.region))<span>Sigap <small>\(frame.region.name)</small></span></a>
              <nav aria-label="\(page.t("nav.label"))">
                <button type="button" id="install-app" class="link" hidden>\(page.t("nav.install"))</button>
                <a href="\(SiteURL.search)">\(page.t("nav.search"))</a>
                <a href="\(SiteURL.forum)">\(page.t("nav.forum"))</a>
                \(navigation(page))
                <a href="\(frame.languageLink)" hreflang="\(frame.otherLang)" lang="\(frame.otherLang)">\(page.t("nav.other_language"))</a>
              </nav>
            </header>
            <main id="main" tabindex="-1">
            \(some: frame.practice, { "<p class=\"practice-banner\" role=\"status\">\(page.t("practice.banner", $0)) <a href=\"\(SiteURL.practice)\">\(page.t("practice.banner_link"))</a></p>" })
            \(some: frame.notice, { "<p class=\"notice\" role=\"status\">\($0)</p>" })
            \(body)
            </main>
            <footer>
              <p>\(page.t("footer.operator", frame.region.name, frame.region.operatorName)) · \(frame.region.operatorContact)</p>
              <p>\(page.t("footer.text")) <a href="\(SiteURL.privacy)">\(page.t("privacy.title"))</a> · <a href="\(SiteURL.leaderboard)">\(page.t("points.board_title"))</a> · <a href="\(SiteURL.verify)">\(page.t("verify.title"))</a> · <a href="\(SiteURL.openData)">\(page.t("data.title"))</a> · <a href="https://www.lapor.go.id" rel="noopener">SP4N-LAPOR!</a></p>
            </footer>
            </body>
            </html>
            """
    }

    private static func navigation(_ page: Page) -> HTML {
        guard let viewer = page.frame.viewer else {
            return """
                <a href="\(SiteURL.login)">\(page.t("nav.login"))</a>
                    <a href="\(SiteURL.register)">\(page.t("nav.register"))</a>
                """
        }
        return """
            \(when: viewer.isStaff, "<a href=\"\(SiteURL.dashboard)\">\(page.t("nav.dashboard"))</a>")
                <a href="\(SiteURL.account)">\(viewer.name)</a>
                <form method="post" action="\(SiteURL.logout)" class="inline">\(page.csrfField)<button type="submit" class="link">\(page.t("nav.logout"))</button></form>
            """
    }
}

/// Pieces many forms share.
enum FormPieces {
    /// `<option>`s, the chosen one selected.
    static func options(_ choices: [Choice], selected: String?) -> HTML {
        "\(each: choices, { c in "<option value=\"\(c.value)\"\(when: c.value == selected, " selected")>\(c.label)</option>" })"
    }

    static func options(_ options: [SelectOption], selected: String?) -> HTML {
        "\(each: options, { o in "<option value=\"\(o.id)\"\(when: o.id == selected, " selected")>\(o.name)</option>" })"
    }
}

/// "← previous · next →" under a list.
enum Pager {
    static func render(previous: String?, next: String?, _ page: Page) -> HTML {
        """
        <p>\(some: previous, { "<a href=\"\($0)\">← \(page.t("common.previous"))</a>" }) \(some: next, { "<a href=\"\($0)\">\(page.t("common.next")) →</a>" })</p>
        """
    }
}
