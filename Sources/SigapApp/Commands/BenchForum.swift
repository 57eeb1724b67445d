import Fluent
import Foundation
import SQLKit
import SigapCore
import Vapor

/// Benchmark data for the forum: `threads` discussions of ten posts each, written with plain inserts in one
/// transaction per 500 threads, each thread in the search index like one opened through `Forum`.
enum BenchForum {
    static func insert(threads: Int, authorEmail: String, app: Application) async throws {
        guard threads > 0, let author = try await User.query(on: app.db).filter(\.$email == authorEmail).first()
        else { return }
        let now = app.sigap.clock.now()
        let topics = BenchData.topics
        var written = 0
        while written < threads {
            let first = written
            let size = min(500, threads - written)
            try await app.db.transaction { tx in
                var entries: [SearchIndex.Entry] = []
                for n in first..<(first + size) {
                    let created = now.addingTimeInterval(-Double(threads - n) * 600)
                    let thread = ForumThread()
                    thread.title = "Diskusi \(topics[n % topics.count].lowercased()) nomor \(n)"
                    thread.topic = "umum"
                    thread.authorID = author.id!
                    thread.repliesCount = 9
                    thread.visible = true
                    thread.createdAt = created
                    thread.lastPostAt = created.addingTimeInterval(9 * 60)
                    try await thread.create(on: tx)
                    for reply in 0..<10 {
                        let post = ForumPost.new(
                            in: thread, by: author,
                            body: reply == 0
                                ? "Pembuka diskusi nomor \(n): **\(topics[(n / 3) % topics.count])** perlu perhatian."
                                : "Balasan \(reply) untuk diskusi \(n). Kami setuju, mohon ditindaklanjuti.",
                            official: false, state: .visible, at: created.addingTimeInterval(Double(reply) * 60))
                        try await post.create(on: tx)
                    }
                    entries.append(
                        .init(
                            kind: .thread, key: String(thread.id!), title: thread.title,
                            body: "Pembuka diskusi nomor \(n).",
                            year: Calendar(identifier: .gregorian).component(.year, from: created),
                            kecamatanID: nil, occurredAt: created))
                }
                try await SearchIndex.put(entries, on: tx)
            }
            written += size
        }
    }
}
