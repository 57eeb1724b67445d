import Foundation

struct Choice: Encodable {
    let value: String
    let label: String
    var group: String = ""
    var detail: String = ""
}
