import Foundation
import Vapor

/// WhatsApp Business Cloud API over Vapor's HTTP client: `POST {base}/{version}/{phone_number_id}/messages` with
/// a Bearer token, and media download for photos people send.
struct WhatsAppClient: Sendable {
    let settings: AppConfig.WhatsAppSettings
    let client: any Client

    /// Graph API error body: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`.
    struct GraphError: Decodable {
        struct Detail: Decodable {
            let message: String?
            let code: Int?
        }
        let error: Detail
    }

    struct Sent: Decodable {
        struct Message: Decodable { let id: String }
        let messages: [Message]
    }

    /// Rate limits and temporary failures worth retrying (Graph error codes), besides HTTP 429 and 5xx.
    static let retryableCodes: Set<Int> = [1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]

    func send(_ body: some Content) async -> DeliveryOutcome {
        let url = URI(string: "\(settings.apiURL)/\(settings.apiVersion)/\(settings.phoneNumberID)/messages")
        do {
            let response = try await client.post(url) { request in
                request.headers.bearerAuthorization = BearerAuthorization(token: settings.token)
                try request.content.encode(body, as: .json)
                request.timeout = .seconds(20)
            }
            if response.status == .ok, let sent = try? response.content.decode(Sent.self) {
                return .sent(externalID: sent.messages.first?.id)
            }
            let error = try? response.content.decode(GraphError.self)
            let code = error?.error.code ?? 0
            let reason = "whatsapp \(response.status.code) (\(code)): \(error?.error.message ?? "")"
            let retryAfter = response.headers.first(name: .retryAfter).flatMap(TimeInterval.init)
            if response.status == .tooManyRequests || response.status.code >= 500 || Self.retryableCodes.contains(code)
            {
                return .retry(after: retryAfter, reason: reason)
            }
            return .failed(reason: reason)
        } catch {
            return .retry(after: nil, reason: "whatsapp: \(type(of: error))")
        }
    }

    /// A photo someone sent: its URL from `GET /{version}/{media_id}`, then the bytes (both with the token).
    func downloadMedia(_ id: String) async -> Data? {
        struct Media: Decodable { let url: String }
        let headers: HTTPHeaders = ["Authorization": "Bearer \(settings.token)"]
        guard
            let meta = try? await client.get(
                URI(string: "\(settings.apiURL)/\(settings.apiVersion)/\(id)"), headers: headers),
            meta.status == .ok, let media = try? meta.content.decode(Media.self),
            let file = try? await client.get(URI(string: media.url), headers: headers), file.status == .ok,
            let body = file.body
        else { return nil }
        return Data(buffer: body)
    }
}

/// The request bodies the Cloud API takes.
enum WhatsAppMessage {
    struct Text: Content {
        struct Body: Content {
            let previewUrl = false
            let body: String
            enum CodingKeys: String, CodingKey {
                case previewUrl = "preview_url", body
            }
        }
        let messagingProduct = "whatsapp"
        let recipientType = "individual"
        let to: String
        let type = "text"
        let text: Body
        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product", recipientType = "recipient_type", to, type, text
        }

        init(to: String, body: String) {
            self.to = to
            self.text = Body(body: String(body.prefix(4096)))
        }
    }

    /// An approved template, for people who have not written in the last 24 hours.
    struct Template: Content {
        struct Language: Content { let code: String }
        struct Parameter: Content {
            let type = "text"
            let text: String
        }
        struct Component: Content {
            let type = "body"
            let parameters: [Parameter]
        }
        struct Body: Content {
            let name: String
            let language: Language
            let components: [Component]
        }
        let messagingProduct = "whatsapp"
        let to: String
        let type = "template"
        let template: Body
        enum CodingKeys: String, CodingKey {
            case messagingProduct = "messaging_product", to, type, template
        }

        init(to: String, name: String, language: String, parameters: [String]) {
            self.to = to
            self.template = Body(
                name: name, language: Language(code: language),
                components: [Component(parameters: parameters.map { Parameter(text: String($0.prefix(1000))) })])
        }
    }
}
