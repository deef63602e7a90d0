# Shortcuts; every target calls a script in scripts/ or bench/, which is
# where the real steps live (so README, CI and make agree).
.PHONY: site test test-swift test-js test-browser bench bench-large bench-search bench-serve bench-build bench-reply theme clean

site:            ## build and serve the sample knowledge base
	scripts/site.sh

test:            ## every test (what CI runs)
	scripts/test.sh

test-swift:
	swift test

test-js:
	node --test Tests/js/

test-browser:
	scripts/test-browser.sh

bench:           ## AnswerKit vs Hugo vs cmark at 1 000 and 10 000 entries
	scripts/setup.sh bench
	swift build -c release --product answerkit
	bench/run.sh

bench-large:     ## adds 100 000 entries (minutes; Hugo needs ~11 GiB)
	scripts/setup.sh bench
	swift build -c release --product answerkit
	BENCH_LARGE=1 bench/run.sh

theme:           ## re-embed templates/ into the binary (after editing the theme)
	python3 scripts/embed-theme.py

clean:
	rm -rf .build public bench/work bench/results test-output

bench-search:    ## AnswerKit search vs Pagefind: index time, bytes per query, relevance, latency
	swift build -c release --product answerkit
	bench/search/run.sh

bench-serve:     ## answerkit serve vs hugo server: one-entry edit to reload and page, 10 000 entries
	scripts/setup.sh bench
	swift build -c release --product answerkit
	bench/serve.sh

bench-build:     ## answerkit build with its cache: full, no-change, one-entry edits at 10 000 entries (BENCH_LARGE=1 adds 100 000)
	scripts/setup.sh bench
	swift build -c release --product answerkit
	bench/build-incremental.sh $(if $(BENCH_LARGE),--large,)

bench-reply:     ## answerkit reply latency on the sample site (median of 30 runs; issue 4: < 50 ms)
	swift build -c release --product answerkit
	bench/reply.sh
