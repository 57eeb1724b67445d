# Everyday commands. The README's two commands (`swift run sigap`, `swift test`) need none of these.
.PHONY: run demo test test-postgres lint format bench bench-all browser ci routes reliability

run:            ## serve on http://127.0.0.1:8080 with SQLite in ./sigap-data
	swift run sigap

demo:           ## add one demo account per role (passwords printed)
	swift run sigap demo

routes:         ## list every route
	swift run sigap routes

test:           ## the suite on in-memory SQLite
	swift test

test-postgres:  ## the same suite on a throwaway PostgreSQL cluster
	scripts/with-postgres swift test

lint:           ## what CI checks
	swift format lint --strict -r Sources Tests Package.swift

format:         ## rewrite sources in the project's style
	swift format format -i -r Sources Tests Package.swift

bench:          ## release build + wrk on every scenario (100k reports, SQLite); see bench-all
	scripts/bench

bench-all:      ## the table of docs/performance.md: 100k and 1M reports, SQLite and PostgreSQL (about an hour)
	scripts/bench --store /tmp/sigap-bench-100k 100000
	scripts/bench --store /tmp/sigap-bench-1m 1000000
	scripts/bench --postgres 100000
	scripts/bench --postgres 1000000

browser:        ## every page in headless Chromium at 360 and 1280 px; screenshots into docs/screenshots
	swift build --product sigap && scripts/browser-check .build/debug/sigap -- --screenshots docs/screenshots

reliability:    ## the fault tests with full counts on a release build (about 15 minutes; needs root for fault-disk)
	swift build -c release --product sigap
	scripts/fault-kill .build/release/sigap --kills 30
	scripts/fault-backup .build/release/sigap --seconds 10
	scripts/fault-disk .build/release/sigap
	SIGAP_PG_DURABLE=1 scripts/with-postgres scripts/fault-postgres .build/release/sigap --outages 5
	scripts/with-postgres scripts/fault-two-nodes .build/release/sigap
	scripts/schemathesis-check .build/debug/sigap 200

ci:             ## what CI runs on a clean clone
	bash .ci/run
