import Foundation

struct Choice {
    let value: String
    let label: String
    var group: String = ""
    var detail: String = ""
}
