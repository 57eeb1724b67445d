import Foundation
import Vapor

// The report API's answers written by hand (`JSONWriter`): the most requested JSON answers, a report and a list
// (or 500 map pins). Their `Codable` form stays for clients and tests that decode them; `JSONWriterTests` hold
// the two equal.

extension ReportResponse {
    func encodeResponse(for request: Request) async throws -> Response {
        json.response()
    }

    var json: JSONWriter {
        var json = JSONWriter(capacity: 1024 + description.utf8.count + timeline.count * 160)
        write(to: &json)
        return json
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.field("number", number)
            json.field("kind", kind)
            json.field("status", status)
            json.field("privacy", privacy)
            json.field("title", title)
            json.field("description", description)
            json.field("category", category, Self.write)
            json.field("agency", agency)
            json.field("desa", desa, Self.write)
            json.field("kecamatan", kecamatan)
            json.field("address", address)
            json.field("location", location) { json, location in
                json.object { json in
                    json.field("lat", location.lat)
                    json.field("lon", location.lon)
                }
            }
            json.field("supporters", supporters)
            json.field("rating", rating)
            json.field("mergedInto", mergedInto)
            json.field("createdAt", createdAt)
            json.field("updatedAt", updatedAt)
            json.key("photos")
            json.array(photos) { json, photo in json.string(photo) }
            json.key("timeline")
            json.array(timeline) { json, event in
                json.object { json in
                    json.field("at", event.at)
                    json.field("kind", event.kind)
                    json.field("status", event.status)
                    json.field("text", event.text)
                    json.field("visibility", event.visibility)
                }
            }
            json.field("reporter", reporter) { json, reporter in
                json.object { json in
                    json.field("name", reporter.name)
                    json.field("contact", reporter.contact)
                }
            }
            json.field("deadlines", deadlines) { json, deadlines in
                json.object { json in
                    json.field("response", deadlines.response)
                    json.field("resolution", deadlines.resolution)
                    json.field("respondedAt", deadlines.respondedAt)
                    json.field("late", deadlines.late)
                }
            }
        }
    }

    private static func write(_ json: inout JSONWriter, _ place: Place) {
        json.object { json in
            json.field("code", place.code)
            json.field("name", place.name)
        }
    }
}

extension ReportListResponse {
    func encodeResponse(for request: Request) async throws -> Response {
        var json = JSONWriter(capacity: 256 + items.count * 240)
        json.object { json in
            json.key("items")
            json.array(items) { json, item in
                json.object { json in
                    json.field("number", item.number)
                    json.field("title", item.title)
                    json.field("status", item.status)
                    json.field("kind", item.kind)
                    json.field("category", item.category)
                    json.field("kecamatan", item.kecamatan)
                    json.field("lat", item.lat)
                    json.field("lon", item.lon)
                    json.field("supporters", item.supporters)
                    json.field("createdAt", item.createdAt)
                }
            }
            json.field("page", page)
            json.field("hasMore", hasMore)
        }
        return json.response()
    }
}
