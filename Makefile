# The thin front of own's CMake build. `make run` and `make check` install what is missing first.
BUILD   ?= build
JOBS    ?= $(shell nproc)
PREFIX  ?= /usr/local
CMAKE   := cmake
# Tests keep the debug cache of `own run` (inflated copies of compressed debug files) in the build
# tree, not in the user's ~/.cache.
CTEST   := XDG_CACHE_HOME=$(abspath $(BUILD))/cache ctest --output-on-failure -j$(JOBS)
FUZZ_SECONDS ?= 60
# CMake's generated makefiles inherit this: no 'Entering directory' lines in the build logs.
MAKEFLAGS += --no-print-directory

.PHONY: all deps run check check-debug check-asan check-tsan bench install format fuzz clean

all: deps
	$(CMAKE) -S . -B $(BUILD)/release -DCMAKE_BUILD_TYPE=Release
	$(CMAKE) --build $(BUILD)/release -j$(JOBS)

deps:
	@scripts/install-deps.sh

# The main job on the bundled examples.
run: all
	@examples/run.sh $(BUILD)/release

# Every test: a debug build with assertions, then AddressSanitizer+UBSan and ThreadSanitizer builds
# of the tests labelled for them.
check: deps check-debug check-asan check-tsan

check-debug:
	$(CMAKE) -S . -B $(BUILD)/debug -DCMAKE_BUILD_TYPE=Debug -DOWN_BUILD_BENCH=OFF
	$(CMAKE) --build $(BUILD)/debug -j$(JOBS)
	cd $(BUILD)/debug && $(CTEST)

check-asan:
	$(CMAKE) -S . -B $(BUILD)/asan -DCMAKE_BUILD_TYPE=Debug -DOWN_SANITIZE=address -DOWN_BUILD_BENCH=OFF
	$(CMAKE) --build $(BUILD)/asan -j$(JOBS)
	cd $(BUILD)/asan && $(CTEST) -L sanitize

check-tsan:
	$(CMAKE) -S . -B $(BUILD)/tsan -DCMAKE_BUILD_TYPE=Debug -DOWN_SANITIZE=thread -DOWN_BUILD_BENCH=OFF
	$(CMAKE) --build $(BUILD)/tsan -j$(JOBS)
	cd $(BUILD)/tsan && $(CTEST) -L tsan

bench:
	@scripts/install-deps.sh --bench
	$(CMAKE) -S . -B $(BUILD)/release -DCMAKE_BUILD_TYPE=Release
	$(CMAKE) --build $(BUILD)/release -j$(JOBS)
	bench/run.sh $(BUILD)/release

install: all
	$(CMAKE) --install $(BUILD)/release --prefix $(PREFIX)

# `own check` under libFuzzer (clang, ASan+UBSan) for FUZZ_SECONDS, from the checker corpus. Inputs
# it finds stay in $(BUILD)/fuzz/corpus for the next run; a crash is saved in $(BUILD)/fuzz/crashes.
fuzz: deps
	$(CMAKE) -S . -B $(BUILD)/fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DOWN_FUZZ=ON \
	  -DOWN_WERROR=OFF -DOWN_BUILD_TESTS=OFF -DOWN_BUILD_BENCH=OFF
	$(CMAKE) --build $(BUILD)/fuzz -j$(JOBS) --target own_check_fuzz
	mkdir -p $(BUILD)/fuzz/corpus $(BUILD)/fuzz/crashes
	cp -r tests/checker/corpus/. $(BUILD)/fuzz/corpus/
	ASAN_OPTIONS=quarantine_size_mb=64:malloc_context_size=10 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  $(BUILD)/fuzz/fuzz/own_check_fuzz -max_len=4096 -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
	  -dict=fuzz/c.dict -print_final_stats=1 -artifact_prefix=$(BUILD)/fuzz/crashes/ $(FUZZ_FLAGS) \
	  $(BUILD)/fuzz/corpus

format:
	find runtime cli checker fuzz tests bench examples include -name '*.[ch]' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
