import Foundation
import Yams

/// Just enough of OpenAPI 3 to check that a JSON body has the shape `openapi.yaml` promises: `$ref`, `type`,
/// `required`, `properties`, `items`, `enum`, `additionalProperties`. Every problem is reported with its path.
struct OpenAPISchema {
    let document: [String: Any]

    static func load() throws -> OpenAPISchema {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("openapi.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let document = try Yams.load(yaml: text) as? [String: Any] else {
            throw TestFailure("openapi.yaml is not a map")
        }
        return OpenAPISchema(document: document)
    }

    /// The schema of the JSON response `status` of `method` on `path` (as written in the spec, e.g. `/reports/{number}`).
    func responseSchema(_ method: String, _ path: String, status: Int) throws -> [String: Any] {
        guard let paths = document["paths"] as? [String: Any], let item = paths[path] as? [String: Any],
            let operation = item[method.lowercased()] as? [String: Any],
            let responses = operation["responses"] as? [String: Any],
            var response = responses[String(status)] as? [String: Any]
        else { throw TestFailure("no response \(status) for \(method) \(path) in openapi.yaml") }
        if let ref = response["$ref"] as? String { response = try resolve(ref) }
        guard let content = response["content"] as? [String: Any],
            let json = content["application/json"] as? [String: Any],
            let schema = json["schema"] as? [String: Any]
        else { throw TestFailure("no JSON schema for \(method) \(path) \(status)") }
        return schema
    }

    func resolve(_ ref: String) throws -> [String: Any] {
        var node: Any = document
        for part in ref.dropFirst(2).split(separator: "/") {
            guard let map = node as? [String: Any], let next = map[String(part)] else {
                throw TestFailure("bad $ref \(ref)")
            }
            node = next
        }
        guard let map = node as? [String: Any] else { throw TestFailure("bad $ref \(ref)") }
        return map
    }

    /// Problems found in `value` against `schema`; empty when it conforms.
    func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        if let ref = schema["$ref"] as? String {
            guard let resolved = try? resolve(ref) else { return ["\(path): unresolvable \(ref)"] }
            return problems(value, resolved, at: path)
        }
        var found: [String] = []
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { "\($0)" == "\(value)" }) {
            found.append("\(path): \(value) not in \(allowed)")
        }
        switch schema["type"] as? String {
        case "object":
            guard let object = value as? [String: Any] else { return ["\(path): expected an object"] }
            for key in schema["required"] as? [String] ?? [] where object[key] == nil || object[key] is NSNull {
                found.append("\(path).\(key): required but missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    found += problems(child, childSchema, at: "\(path).\(key)")
                } else if let extra = schema["additionalProperties"] as? [String: Any] {
                    found += problems(child, extra, at: "\(path).\(key)")
                } else {
                    found.append("\(path).\(key): not described in openapi.yaml")
                }
            }
        case "array":
            guard let array = value as? [Any] else { return ["\(path): expected an array"] }
            if let items = schema["items"] as? [String: Any] {
                for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
            }
        case "string":
            if !(value is String) { found.append("\(path): expected a string") }
        case "integer":
            let number = value as? NSNumber
            if number == nil || isBoolean(number!) || number!.doubleValue.rounded() != number!.doubleValue {
                found.append("\(path): expected an integer")
            }
        case "number":
            if (value as? NSNumber).map(isBoolean) ?? true { found.append("\(path): expected a number") }
        case "boolean":
            if !((value as? NSNumber).map(isBoolean) ?? false) { found.append("\(path): expected a boolean") }
        default: break
        }
        return found
    }

    /// JSONSerialization gives NSNumber for numbers and booleans alike; booleans carry the `c` type.
    private func isBoolean(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }
}
