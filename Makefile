# A thin wrapper around CMake: the README's two commands, and a few helpers.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run test asan bench fuzz clean format lint

all: build

deps:
	@sh scripts/install-deps

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	@sh scripts/run-demo $(BUILD)/frontdesk

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DFRONTDESK_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

bench: build
	cmake --build $(BUILD) --target bench

fuzz:
	@sh scripts/install-deps --with-fuzz
	CC=clang cmake -S . -B build-fuzz -DFRONTDESK_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-fuzz -j $(JOBS)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

# Static analysis (not run by CI): clang-tidy with .clang-tidy, using the
# compile database in $(BUILD), then cppcheck.  Fails on any finding.
# clang-tidy gets one file per run: given several, its va_list check reports
# false positives (LLVM bug 41311).  Its "N warnings generated." count, which
# includes system headers, is dropped; anything else on stderr is shown.
# The compile database is GCC's: clang is told to pass over GCC-only flags.
lint:
	@sh scripts/install-deps --with-lint
	@test -f $(BUILD)/compile_commands.json || \
		{ echo "lint: no $(BUILD)/compile_commands.json; run make build first" >&2; exit 2; }
	@exec 3>&1; status=0; \
	for file in $$(git ls-files 'src/*.c'); do \
		errors=$$(clang-tidy -p $(BUILD) --quiet --warnings-as-errors='*' \
			--extra-arg=-Wno-unknown-warning-option "$$file" 2>&1 >&3) \
			|| status=1; \
		printf '%s\n' "$$errors" | grep -v -e '^$$' -e '^[0-9]* warnings\{0,1\} generated\.$$' >&2; \
	done; \
	cppcheck --enable=warning,performance,portability --inline-suppr --quiet --std=c11 \
		--error-exitcode=1 -I include src || status=1; \
	exit $$status

clean:
	rm -rf $(BUILD) build-asan build-fuzz
