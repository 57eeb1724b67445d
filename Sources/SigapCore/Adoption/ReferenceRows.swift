import Foundation

/// The rows of the three reference imports, checked without a database: kecamatan and desa by their
/// Kemendagri codes, agencies with their heads, categories with their agencies and deadlines. Every bad row is
/// reported by its line; a file with any bad row imports nothing (`ReferenceImport` in the app).
public enum ReferenceRows {
    public struct Place: Sendable, Equatable {
        public let code: KemendagriCode
        public let name: String
        /// For a village: whether it is a kelurahan (else a desa).
        public let isKelurahan: Bool
        public var centre: GeoPoint?
    }

    public struct Agency: Sendable, Equatable {
        public let code: String
        public let name: String
        public let shortName: String
        public let head: String
    }

    public struct Category: Sendable, Equatable {
        public let code: String
        public let name: String
        public let kind: String
        public let agencyCode: String
        public let responseDays: Int
        public let resolutionDays: Int
        public let description: String
        public let keywords: String
        public let nameEnglish: String
        public let descriptionEnglish: String
    }

    public typealias Problem = ImportTable.Problem

    // MARK: places

    /// `kode,nama[,jenis][,lintang,bujur]`: kecamatan (`12.07.01`) and desa/kelurahan (`12.07.01.2001`) in one
    /// file. Codes must lie in `region` when it is known; a village's kecamatan must be in the file or in
    /// `knownKecamatan`. `boundaries` gives a centre to rows without coordinates.
    public static func places(
        csv: String, region: KemendagriCode?, knownKecamatan: Set<String> = [],
        boundaries: [String: GeoPoint] = [:]
    ) -> (places: [Place], problems: [Problem]) {
        let table: ImportTable
        switch ImportTable.read(csv, required: [["kode", "code"], ["nama", "name"]]) {
        case .success(let read): table = read
        case .failure(let problem): return ([], [problem])
        }
        var places: [Place] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func fail(_ message: String) { problems.append(Problem(line: row.line, message: message)) }
            let rawCode = row["kode", "code"]
            guard let code = KemendagriCode(rawCode), code.level != .region else {
                fail("\"\(rawCode)\" is not a kecamatan (12.07.01) or desa/kelurahan (12.07.01.2001) code")
                continue
            }
            if let region, !code.lies(in: region) {
                fail("\(code) is not in the region \(region)")
                continue
            }
            if let earlier = seen[code.description] {
                fail("\(code) is already on line \(earlier)")
                continue
            }
            seen[code.description] = row.line
            let name = row["nama", "name"]
            guard (2...100).contains(name.count) else {
                fail("the name must be 2 to 100 characters")
                continue
            }
            var isKelurahan = code.isKelurahan ?? false
            switch row["jenis", "kind"].lowercased() {
            case "": break
            case "desa": isKelurahan = false
            case "kelurahan": isKelurahan = true
            case "kecamatan" where code.level == .kecamatan: break
            case let other:
                fail("kind \"\(other)\" is not desa or kelurahan")
                continue
            }
            var centre = boundaries[code.description]
            let latitude = row["lintang", "latitude", "lat"]
            let longitude = row["bujur", "longitude", "lon"]
            if !latitude.isEmpty || !longitude.isEmpty {
                guard let lat = Double(latitude.replacingOccurrences(of: ",", with: ".")),
                    let lon = Double(longitude.replacingOccurrences(of: ",", with: ".")),
                    let point = GeoPoint(latitude: lat, longitude: lon)
                else {
                    fail("latitude and longitude must both be decimal degrees (-6.2, 106.8)")
                    continue
                }
                centre = point
            }
            places.append(Place(code: code, name: name, isKelurahan: isKelurahan, centre: centre))
        }
        let inFile = Set(places.filter { $0.code.level == .kecamatan }.map(\.code.description))
        for place in places where place.code.level == .village {
            let parent = place.code.parent!.description
            if !inFile.contains(parent), !knownKecamatan.contains(parent) {
                problems.append(
                    Problem(
                        line: seen[place.code.description]!,
                        message: "kecamatan \(parent) is neither in the file nor imported"))
            }
        }
        return (places, problems.sorted { $0.line < $1.line })
    }

    // MARK: agencies

    /// `kode,nama,singkatan[,kepala]`: the agency's code (capital letters, digits, `-`), full and short name,
    /// and the name of its head.
    public static func agencies(csv: String) -> (agencies: [Agency], problems: [Problem]) {
        let table: ImportTable
        switch ImportTable.read(csv, required: [["kode", "code"], ["nama", "name"]]) {
        case .success(let read): table = read
        case .failure(let problem): return ([], [problem])
        }
        var agencies: [Agency] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func fail(_ message: String) { problems.append(Problem(line: row.line, message: message)) }
            let code = row["kode", "code"].uppercased()
            guard (2...20).contains(code.count),
                code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") })
            else {
                fail("code \"\(code)\" must be 2 to 20 capital letters, digits or -")
                continue
            }
            if let earlier = seen[code] {
                fail("\(code) is already on line \(earlier)")
                continue
            }
            seen[code] = row.line
            let name = row["nama", "name"]
            let shortName = row["singkatan", "short_name"]
            let head = row["kepala", "head"]
            guard (3...150).contains(name.count) else {
                fail("the name must be 3 to 150 characters")
                continue
            }
            guard shortName.count <= 40, head.count <= 150 else {
                fail("the short name is at most 40 characters and the head's name 150")
                continue
            }
            agencies.append(Agency(code: code, name: name, shortName: shortName.isEmpty ? code : shortName, head: head))
        }
        return (agencies, problems)
    }

    // MARK: categories

    public static let kinds = ["pengaduan", "aspirasi", "keduanya"]

    /// `kode,nama,jenis,opd[,hari_tanggapan][,hari_selesai][,deskripsi][,kata_kunci][,nama_en][,deskripsi_en]`:
    /// the agency by its code (in `agencies`), the first answer due in 3 working days unless said, resolution in
    /// 14.
    public static func categories(csv: String, agencies: Set<String>) -> (categories: [Category], problems: [Problem]) {
        let table: ImportTable
        switch ImportTable.read(csv, required: [["kode", "code"], ["nama", "name"], ["opd", "agency"]]) {
        case .success(let read): table = read
        case .failure(let problem): return ([], [problem])
        }
        var categories: [Category] = []
        var problems: [Problem] = []
        var seen: [String: Int] = [:]
        for row in table.rows {
            func fail(_ message: String) { problems.append(Problem(line: row.line, message: message)) }
            let code = row["kode", "code"].lowercased()
            guard (2...40).contains(code.count),
                code.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            else {
                fail("code \"\(code)\" must be 2 to 40 small letters, digits or -")
                continue
            }
            if let earlier = seen[code] {
                fail("\(code) is already on line \(earlier)")
                continue
            }
            seen[code] = row.line
            let name = row["nama", "name"]
            guard (3...80).contains(name.count) else {
                fail("the name must be 3 to 80 characters")
                continue
            }
            let kind = row["jenis", "kind"].lowercased().nilIfBlank ?? "pengaduan"
            guard kinds.contains(kind) else {
                fail("kind \"\(kind)\" is not pengaduan, aspirasi or keduanya")
                continue
            }
            let agency = row["opd", "agency"].uppercased()
            guard agencies.contains(agency) else {
                fail("agency \"\(agency)\" is not imported (import the agencies first)")
                continue
            }
            let response = row["hari_tanggapan", "response_days"].nilIfBlank ?? "3"
            let resolution = row["hari_selesai", "resolution_days"].nilIfBlank ?? "14"
            guard let responseDays = Int(response), (1...30).contains(responseDays),
                let resolutionDays = Int(resolution), (responseDays...365).contains(resolutionDays)
            else {
                fail(
                    "working days: a first answer in 1 to 30, resolution from then to 365 (got \(response), \(resolution))"
                )
                continue
            }
            let description = row["deskripsi", "description"]
            guard description.count <= 300 else {
                fail("the description is at most 300 characters")
                continue
            }
            categories.append(
                Category(
                    code: code, name: name, kind: kind, agencyCode: agency, responseDays: responseDays,
                    resolutionDays: resolutionDays, description: description,
                    keywords: row["kata_kunci", "keywords"], nameEnglish: row["nama_en", "name_en"],
                    descriptionEnglish: row["deskripsi_en", "description_en"]))
        }
        return (categories, problems)
    }
}

extension String {
    fileprivate var nilIfBlank: String? { isEmpty ? nil : self }
}
