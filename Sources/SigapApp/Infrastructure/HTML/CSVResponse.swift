import SigapCore
import Vapor

extension CSVWriter {
    /// A CSV download: UTF-8 with a byte-order mark (so spreadsheets read Indonesian names right).
    static func response(header: [String], rows: [[String]], filename: String) -> Response {
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + document(header: header, rows: rows)))
        response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(filename)\"")
        return response
    }
}
