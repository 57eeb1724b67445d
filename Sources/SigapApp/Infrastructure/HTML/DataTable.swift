/// A table of records that becomes a stack of cards on a phone: every cell carries its column's name
/// (`data-label`), which sigap.css shows before the value when the screen is narrower than the table
/// ("Tables on a phone"). Columns come from the one list of headers, so a cell cannot lose its label.
///
///     \(DataTable.render(columns: [page.t("admin.name"), "2FA"], rows: staff) { s in
///         ["<a href=\"…\">\(s.name)</a>", "\(when: s.twoFactor, "✓")"]
///     })
enum DataTable {
    static func render<Row>(
        columns: [String], rows: some Sequence<Row>, class className: String = "", _ cells: (Row) -> [HTML]
    ) -> HTML {
        var html: HTML = "<table class=\"cards \(className)\"><thead><tr>"
        for column in columns { html += "<th scope=\"col\">\(column)</th>" }
        html += "</tr></thead><tbody>"
        for row in rows {
            html += "<tr>"
            for (index, cell) in cells(row).enumerated() {
                let label = index < columns.count ? columns[index] : ""
                html += "<td data-label=\"\(label)\">\(cell)</td>"
            }
            html += "</tr>"
        }
        html += "</tbody></table>"
        return html
    }
}
