# Everyday commands. The README's two commands (`swift run sigap`, `swift test`) need none of these.
.PHONY: run demo test test-postgres lint format bench browser ci routes

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

bench:          ## release build + wrk on the hot paths (100k reports; `scripts/bench 1000000` for 1M)
	scripts/bench

browser:        ## every page in headless Chromium at 360 and 1280 px; screenshots into docs/screenshots
	swift build --product sigap && scripts/browser-check .build/debug/sigap -- --screenshots docs/screenshots

ci:             ## what CI runs on a clean clone
	bash .ci/run
