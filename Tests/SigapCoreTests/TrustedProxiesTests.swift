import Testing

@testable import SigapCore

@Suite struct TrustedProxiesTests {
    let proxies = TrustedProxies(parsing: "127.0.0.1, 10.0.0.0/8, fd00::/8")!

    @Test func rangesParseAndMatch() {
        #expect(AddressRange("10.0.0.0/8")!.contains("10.200.3.4"))
        #expect(!AddressRange("10.0.0.0/8")!.contains("11.0.0.1"))
        #expect(AddressRange("192.168.1.0/25")!.contains("192.168.1.127"))
        #expect(!AddressRange("192.168.1.0/25")!.contains("192.168.1.128"))
        #expect(AddressRange("fd00::/8")!.contains("fd12:3456::1"))
        #expect(AddressRange("::1")!.contains("::1"))
        #expect(!AddressRange("::1")!.contains("::2"))
        #expect(AddressRange("::ffff:10.0.0.1") != nil)
        for bad in ["10.0.0.0/33", "300.1.1.1", "10.0.0", "fd00::/129", "1::2::3", "bukan-alamat", "10.0.0.1/x"] {
            #expect(AddressRange(bad) == nil, "\(bad)")
        }
        #expect(TrustedProxies(parsing: "10.0.0.0/8, nope") == nil)
    }

    @Test func theClientIsTheRightMostUntrustedHopNeverTheFirstEntry() {
        // the client wrote "1.2.3.4" itself; the proxy appended the address it saw
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "1.2.3.4, 203.0.113.9") == "203.0.113.9")
        // two proxies of ours in a row are skipped
        #expect(
            proxies.clientAddress(peer: "10.0.0.2", forwardedFor: "1.2.3.4, 203.0.113.9, 10.0.0.5") == "203.0.113.9")
        // a peer that is not a proxy of ours is the client, whatever it claims
        #expect(proxies.clientAddress(peer: "198.51.100.7", forwardedFor: "127.0.0.1") == "198.51.100.7")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: nil) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: "10.0.0.7, 10.0.0.8") == "10.0.0.7")
        #expect(TrustedProxies([]).clientAddress(peer: "127.0.0.1", forwardedFor: "1.2.3.4") == "127.0.0.1")
    }
}
