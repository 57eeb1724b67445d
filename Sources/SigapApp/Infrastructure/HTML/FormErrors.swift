import Foundation

/// Mistakes in a form, made plain to everyone: a list at the top of the page (focused by `sigap.js`, so a
/// screen reader reads it first), each item leading to its field; and each wrong field marked `aria-invalid`
/// and described by its message (WCAG 2.1: 3.3.1 error identification, 1.3.1 info and relationships).
enum FormErrors {
    static func id(_ field: String) -> String { "error-" + field }

    /// The `form` a page view shows, if it has one: every form page keeps its state in a property named `form`.
    /// Looked up only for pages answered with a 4xx status, never on the read paths.
    static func form(of view: some PageView) -> FormState? {
        Mirror(reflecting: view).children.first { $0.label == "form" }?.value as? FormState
    }

    static func summary(_ form: FormState, _ page: Page) -> HTML {
        let fields = form.errors.keys.sorted()
        return """
            <div class="error-summary" id="error-summary" role="alert" tabindex="-1">
            <h2>\(page.t("form.error_summary", String(fields.count)))</h2>
            <ul>\(each: fields, { field in "<li><a href=\"#\(id(field))\">\(form.errors[field] ?? "")</a></li>" })</ul>
            </div>
            """
    }

    /// Adds `aria-invalid` and `aria-describedby` to the first control named after each wrong field (`name="x"` or
    /// `name="x[]"`) whose message the page shows with its id. The markup is the page's own, built from literals
    /// and escaped values, so the attribute text cannot occur inside a value.
    static func annotate(_ body: HTML, _ form: FormState) -> HTML {
        var text = body.description
        for field in form.errors.keys where text.contains("id=\"\(id(field))\"") {
            for written in ["name=\"\(field)\"", "name=\"\(field)[]\""] {
                guard let range = text.range(of: written) else { continue }
                text.replaceSubrange(
                    range, with: written + " aria-invalid=\"true\" aria-describedby=\"\(id(field))\"")
                break
            }
        }
        return .rendered(byTrustedRenderer: text)
    }
}
