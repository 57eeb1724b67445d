import SigapCore

extension PrivacyController.DataPage: PageView {
    func render(_ page: Page) -> HTML {
        let kinds: [Choice] = DataRequestKind.askable.map {
            Choice(value: $0.rawValue, label: page.t("mydata.kind.\($0.rawValue)"))
        }
        return """
            <h1>\(page.t("mydata.title"))</h1>
            <p>\(page.t("mydata.intro")) <a href="\(SiteURL.privacy)">\(page.t("privacy.title"))</a></p>
            <p><a class="button" href="\(SiteURL.myDataDownload)" download>\(page.t("mydata.download"))</a></p>
            <h2>\(page.t("mydata.account"))</h2>
            <dl class="facts">\(each: export.accountFields, { field in
                "<dt>\(page.t("mydata.column.\(field)"))</dt><dd>\(export.account[field].flatMap(\.trimmedOrNil) ?? "–")</dd>"
            })</dl>
            <form method="post" action="\(SiteURL.myData)/nama" novalidate>
              \(page.csrfField)
              <label>\(page.t("mydata.correct_name"))<input name="name" value="\(form.values["name"] ?? export.account["name"] ?? "")" maxlength="100" autocomplete="name" required></label>
              \(page.fieldError(form, "name"))
              <button type="submit">\(page.t("common.save"))</button>
            </form>
            <p class="hint">\(page.t("mydata.correct_contact")) <a href="\(SiteURL.verifyContact)">\(page.t("account.verify_contact"))</a></p>
            \(each: export.sections, { section in
                """
                <h2>\(page.t("mydata.section.\(section.key)")) (\(section.rows.count))</h2>
                \(each: section.rows, { row in
                    """
                    <section class="card"><dl class="facts">\(each: section.columns.filter { !(row[$0] ?? "").isEmpty }, { column in
                        "<dt>\(page.t("mydata.column.\(column)"))</dt><dd>\(row[column] ?? "")</dd>"
                    })</dl></section>
                    """
                })
                """
            })
            <h2>\(page.t("mydata.request_title"))</h2>
            <p>\(page.t("mydata.request_intro"))</p>
            <form method="post" action="\(SiteURL.myData)/permintaan" novalidate>
              \(page.csrfField)
              <label>\(page.t("mydata.request_kind"))<select name="kind">\(FormPieces.options(kinds, selected: form.values["kind"]))</select></label>
              \(page.fieldError(form, "kind"))
              <label>\(page.t("mydata.request_detail"))<textarea name="detail" maxlength="\(DataRequests.detailLimit)" required>\(form.values["detail"])</textarea></label>
              \(page.fieldError(form, "detail"))
              <button type="submit">\(page.t("mydata.request_send"))</button>
            </form>
            \(when: canErase, "<h2>\(page.t("erase.title"))</h2><p>\(page.t("erase.summary"))</p><p><a href=\"\(SiteURL.eraseAccount)\">\(page.t("erase.title"))</a></p>")
            """
    }
}

extension PrivacyController.ErasurePage: PageView {
    func render(_ page: Page) -> HTML {
        """
        <h1>\(page.t("erase.title"))</h1>
        <p>\(page.t("erase.what_goes"))</p>
        <p>\(page.t("erase.what_stays"))</p>
        <p><a href="\(SiteURL.myDataDownload)" download>\(page.t("erase.download_first"))</a></p>
        <form method="post" action="\(SiteURL.eraseAccount)" novalidate>
          \(page.csrfField)
          <label>\(page.t("password.current"))<input type="password" name="password" autocomplete="current-password" required></label>
          \(page.fieldError(form, "password"))
          <label>\(page.t("erase.confirm", PersonalDataRights.erasureWord))<input name="confirm" autocomplete="off" required></label>
          \(page.fieldError(form, "confirm"))
          <button type="submit" class="danger">\(page.t("erase.submit"))</button>
        </form>
        <p><a href="\(SiteURL.myData)">\(page.t("mydata.title"))</a></p>
        """
    }
}
