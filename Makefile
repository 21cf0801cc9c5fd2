# The thin front of own's CMake build. `make run` and `make check` install what is missing first.
BUILD   ?= build
JOBS    ?= $(shell nproc)
PREFIX  ?= /usr/local
CMAKE   := cmake
CTEST   := ctest --output-on-failure -j$(JOBS)

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

format:
	find runtime cli checker tests bench examples include -name '*.[ch]' | xargs clang-format -i

clean:
	rm -rf $(BUILD)
