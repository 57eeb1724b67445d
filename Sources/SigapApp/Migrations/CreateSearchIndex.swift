import Fluent
import SQLKit

/// Issue 16: one search index over every public kind of content. `search_entries` holds what a result shows
/// (title, the text its snippet is cut from, year, kecamatan) and the normalised terms (`SearchText`); only
/// content the public may read has an entry. The engine's own index follows the table: on SQLite an FTS5 table
/// kept in step by triggers, on PostgreSQL a generated `tsvector` with a GIN index.
struct CreateSearchIndex: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw(
                """
                CREATE TABLE search_entries (
                  id BIGSERIAL PRIMARY KEY,
                  kind TEXT NOT NULL,
                  key TEXT NOT NULL,
                  title TEXT NOT NULL,
                  body TEXT NOT NULL,
                  year INTEGER NOT NULL,
                  kecamatan_id UUID,
                  occurred_at TIMESTAMPTZ NOT NULL,
                  title_terms TEXT NOT NULL,
                  body_terms TEXT NOT NULL,
                  document TSVECTOR GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', title_terms), 'A') || to_tsvector('simple', body_terms)
                  ) STORED,
                  UNIQUE (kind, key)
                )
                """
            ).run()
            try await sql.raw("CREATE INDEX search_entries_document_idx ON search_entries USING GIN (document)").run()
            return
        }
        try await sql.raw(
            """
            CREATE TABLE search_entries (
              id INTEGER PRIMARY KEY,
              kind TEXT NOT NULL,
              key TEXT NOT NULL,
              title TEXT NOT NULL,
              body TEXT NOT NULL,
              year INTEGER NOT NULL,
              kecamatan_id BLOB,
              occurred_at REAL NOT NULL,
              title_terms TEXT NOT NULL,
              body_terms TEXT NOT NULL,
              UNIQUE (kind, key)
            )
            """
        ).run()
        // External content: the terms live once, in search_entries; the triggers keep FTS5's index in step in
        // the same transaction as every change.
        try await sql.raw(
            """
            CREATE VIRTUAL TABLE search_fts USING fts5(
              title_terms, body_terms, content='search_entries', content_rowid='id', tokenize='unicode61'
            )
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER search_entries_ai AFTER INSERT ON search_entries BEGIN
              INSERT INTO search_fts (rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER search_entries_ad AFTER DELETE ON search_entries BEGIN
              INSERT INTO search_fts (search_fts, rowid, title_terms, body_terms)
                VALUES ('delete', old.id, old.title_terms, old.body_terms);
            END
            """
        ).run()
        try await sql.raw(
            """
            CREATE TRIGGER search_entries_au AFTER UPDATE ON search_entries BEGIN
              INSERT INTO search_fts (search_fts, rowid, title_terms, body_terms)
                VALUES ('delete', old.id, old.title_terms, old.body_terms);
              INSERT INTO search_fts (rowid, title_terms, body_terms) VALUES (new.id, new.title_terms, new.body_terms);
            END
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name != "postgresql" { try await sql.raw("DROP TABLE IF EXISTS search_fts").run() }
        try await sql.raw("DROP TABLE IF EXISTS search_entries").run()
    }
}
