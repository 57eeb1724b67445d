/// Reads CSV as spreadsheets write it (RFC 4180): quoted fields with doubled quotes and line breaks inside,
/// CRLF or LF, a byte-order mark. The separator is a comma, or a semicolon when the header line has semicolons
/// and no commas (Excel in Indonesian settings writes `;`, since the comma is the decimal mark).
public enum CSVReader {
    /// Each record with the line it starts on (1-based, the header is line 1), so problems can name it.
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    public static func records(_ text: String) -> [Record] {
        var text = Substring(text)
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        let header = text.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Character = header.contains(";") && !header.contains(",") ? ";" : ","
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var index = text.startIndex
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if quoted {
                if character == "\"" {
                    if index < text.endIndex, text[index] == "\"" {
                        field.append("\"")
                        index = text.index(after: index)
                    } else {
                        quoted = false
                    }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                quoted = true
            } else if character == separator {
                fields.append(field)
                field = ""
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endRecord()
                line += 1
                recordLine = line
            } else {
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }
}
