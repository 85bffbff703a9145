# The two commands from the README. Both install whatever is missing first.
.PHONY: serve test bench build setup

serve: ## build and serve the app on http://127.0.0.1:8080
	@scripts/serve.sh

test: ## run every test layer, in order, stopping at the first failure
	@scripts/test.sh

bench: ## write size and load-time figures to bench/results.md
	@scripts/bench.sh

build: ## release build into dist/
	@scripts/setup.sh && bash -c 'source scripts/env.sh && trunk build --release --offline'

setup: ## install the toolchain only
	@scripts/setup.sh
