/// A CSV read by its header: columns are found by name (Indonesian or English, any order, any case), so a
/// spreadsheet with extra columns or another order still imports. Problems name the line a spreadsheet shows.
public struct ImportTable: Sendable {
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { line == 0 ? message : "line \(line): \(message)" }

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    public struct Row: Sendable {
        public let line: Int
        let fields: [String]
        let columns: [String: Int]

        /// The trimmed value of the first column named in `names`; empty when the column is absent or blank.
        public subscript(_ names: String...) -> String {
            for name in names {
                if let index = columns[name], index < fields.count {
                    return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
                }
            }
            return ""
        }
    }

    public let rows: [Row]

    /// nil, with the header's problem, when a required column (any of its names) is missing.
    public static func read(_ csv: String, required: [[String]]) -> Result<ImportTable, Problem> {
        let records = CSVReader.records(csv)
        guard let header = records.first else { return .failure(Problem(line: 1, message: "the file is empty")) }
        var columns: [String: Int] = [:]
        for (index, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if columns[key] == nil { columns[key] = index }
        }
        for names in required where !names.contains(where: { columns[$0] != nil }) {
            return .failure(
                Problem(
                    line: header.line, message: "the header has no column \"\(names.joined(separator: "\" or \""))\""))
        }
        return .success(
            ImportTable(rows: records.dropFirst().map { Row(line: $0.line, fields: $0.fields, columns: columns) }))
    }
}
