import Testing
import VaporTesting
@testable import SigapApp
@Test func placeholder2() { #expect(Bool(true)) }
