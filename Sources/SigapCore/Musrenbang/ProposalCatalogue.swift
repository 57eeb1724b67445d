import Foundation

/// The proposal catalogue (kamus usulan): the kinds of programmes the region funds. A proposal that picks an
/// item lands with its agency, unit and indicative unit cost.
public enum ProposalCatalogue {
    public static let sectors = [
        "infrastruktur", "pendidikan", "kesehatan", "ekonomi", "sosial", "lingkungan", "pemerintahan", "pertanian",
    ]
    public static let units = ["m", "m²", "m³", "km", "ha", "unit", "paket", "orang", "kegiatan", "titik", "kk"]

    /// One item as entered or imported, checked.
    public struct Item: Sendable, Equatable {
        public let code: String
        public let name: String
        public let sector: String
        public let agencyCode: String
        public let unit: String
        /// Rupiah per unit.
        public let unitCost: Int

        public init(code: String, name: String, sector: String, agencyCode: String, unit: String, unitCost: Int) {
            self.code = code
            self.name = name
            self.sector = sector
            self.agencyCode = agencyCode
            self.unit = unit
            self.unitCost = unitCost
        }
    }

    /// What is wrong with a field, as a catalog key (the page says it in the reader's language).
    public enum Problem: String, Error, Sendable, Equatable {
        case code = "catalogue.code_invalid"
        case name = "catalogue.name_invalid"
        case sector = "catalogue.sector_invalid"
        case agency = "catalogue.agency_unknown"
        case unit = "catalogue.unit_invalid"
        case unitCost = "catalogue.unit_cost_invalid"
        case columns = "catalogue.columns_invalid"
    }

    /// Checks one item's fields; `agencies` are the known agency codes.
    public static func check(
        code: String, name: String, sector: String, agencyCode: String, unit: String, unitCost: String,
        agencies: Set<String>
    ) -> Result<Item, Problem> {
        let code = code.trimmingCharacters(in: .whitespaces).lowercased()
        let name = name.trimmingCharacters(in: .whitespaces)
        let sector = sector.trimmingCharacters(in: .whitespaces).lowercased()
        let agency = agencyCode.trimmingCharacters(in: .whitespaces).uppercased()
        let unit = unit.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "m2", with: "m²")
            .replacingOccurrences(of: "m3", with: "m³")
        guard (2...40).contains(code.count), code.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }) else {
            return .failure(.code)
        }
        guard (3...200).contains(name.count) else { return .failure(.name) }
        guard sectors.contains(sector) else { return .failure(.sector) }
        guard agencies.contains(agency) else { return .failure(.agency) }
        guard units.contains(unit) else { return .failure(.unit) }
        guard let cost = Rupiah.parse(unitCost), cost <= 100_000_000_000 else { return .failure(.unitCost) }
        return .success(
            Item(code: code, name: name, sector: sector, agencyCode: agency, unit: unit, unitCost: Int(cost)))
    }

    /// A CSV with the header `kode,nama,sektor,opd,satuan,harga_satuan` (in that order): the items that are
    /// right, and the lines that are not with what is wrong. A code given twice keeps its last line.
    public static func parse(csv: String, agencies: Set<String>) -> (items: [Item], problems: [(line: Int, Problem)]) {
        var items: [String: Item] = [:]
        var order: [String] = []
        var problems: [(line: Int, Problem)] = []
        for record in CSVReader.records(csv).dropFirst() {
            guard record.fields.count == 6 else {
                problems.append((record.line, .columns))
                continue
            }
            let f = record.fields
            switch check(
                code: f[0], name: f[1], sector: f[2], agencyCode: f[3], unit: f[4], unitCost: f[5], agencies: agencies)
            {
            case .success(let item):
                if items[item.code] == nil { order.append(item.code) }
                items[item.code] = item
            case .failure(let problem): problems.append((record.line, problem))
            }
        }
        return (order.compactMap { items[$0] }, problems)
    }
}
