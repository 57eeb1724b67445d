import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import SigapCore

/// Fetches an Open311 `media_url` for a report: http(s) only, no redirects, 10 seconds, at most a photo's size,
/// and — unless the region allows it — never from loopback, private or link-local addresses, so a key holder
/// cannot make the server read from inside its own network. The bytes then go through the same check and
/// scrubbing as an uploaded photo.
enum Open311Media {
    enum Problem: Error, Equatable {
        /// A catalog key.
        case refused(String)
    }

    static let timeout: TimeAmount = .seconds(10)

    static func fetch(_ raw: String, allowPrivate: Bool, group: any EventLoopGroup) async throws -> Data {
        guard let url = URL(string: raw), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else { throw Problem.refused("open311.media_url_invalid") }
        if !allowPrivate {
            let addresses = try await resolve(host, port: url.port ?? (scheme == "https" ? 443 : 80), group: group)
            guard !addresses.isEmpty else { throw Problem.refused("open311.media_unreachable") }
            if addresses.contains(where: isPrivate) { throw Problem.refused("open311.media_private") }
        }
        let client = HTTPClient(
            eventLoopGroupProvider: .shared(group),
            configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: timeout)))
        do {
            let data = try await download(url.absoluteString, with: client)
            try await client.shutdown()
            return data
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func download(_ url: String, with client: HTTPClient) async throws -> Data {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: "Sigap-Open311/1")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: timeout)
        } catch {
            throw Problem.refused("open311.media_unreachable")
        }
        guard response.status == .ok else { throw Problem.refused("open311.media_unreachable") }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init),
            length > ReportLimits.photoBytes
        {
            throw Problem.refused("open311.media_too_large")
        }
        do {
            return Data(buffer: try await response.body.collect(upTo: ReportLimits.photoBytes))
        } catch is NIOTooManyBytesError {
            throw Problem.refused("open311.media_too_large")
        } catch {
            throw Problem.refused("open311.media_unreachable")
        }
    }

    private static func resolve(_ host: String, port: Int, group: any EventLoopGroup) async throws -> [SocketAddress] {
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                // One address is enough for the check only if it is the one connected to; every answer is
                // checked instead.
                var hints = addrinfo()
                hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
                var list: UnsafeMutablePointer<addrinfo>?
                guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return [] }
                defer { freeaddrinfo(list) }
                var addresses: [SocketAddress] = []
                var cursor: UnsafeMutablePointer<addrinfo>? = first
                while let entry = cursor {
                    if let address = entry.pointee.ai_addr {
                        switch Int32(entry.pointee.ai_family) {
                        case AF_INET:
                            let v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                            addresses.append(SocketAddress(v4, host: host))
                        case AF_INET6:
                            let v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                            addresses.append(SocketAddress(v6, host: host))
                        default: break
                        }
                    }
                    cursor = entry.pointee.ai_next
                }
                return addresses
            }
        } catch {
            return []
        }
    }

    /// Loopback, private (RFC 1918, unique-local), link-local, carrier-grade NAT and unspecified addresses.
    static func isPrivate(_ address: SocketAddress) -> Bool {
        guard let ip = address.ipAddress else { return true }
        if ip.contains(":") {
            let lower = ip.lowercased()
            if lower == "::1" || lower == "::" { return true }
            if lower.hasPrefix("fe8") || lower.hasPrefix("fe9") || lower.hasPrefix("fea") || lower.hasPrefix("feb") {
                return true
            }
            if lower.hasPrefix("fc") || lower.hasPrefix("fd") { return true }
            if lower.hasPrefix("::ffff:") { return isPrivateV4(String(lower.dropFirst(7))) }
            return false
        }
        return isPrivateV4(ip)
    }

    static func isPrivateV4(_ ip: String) -> Bool {
        let parts = ip.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _): return true
        case (100, 64...127): return true
        case (169, 254): return true
        case (172, 16...31): return true
        case (192, 168): return true
        default: return parts[0] >= 224
        }
    }
}
