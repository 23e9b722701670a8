/* libFuzzer harness: one input file of arbitrary bytes through the inputs stage, which classifies
 * it by content and splits it into units (raw and wrapped bitcode, IR text, ELF objects and their
 * .llvmbc sections, GNU archives with their symbol index and long names). */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "inputs.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	char path[64];
	char *argv[] = { "bpf-linker", path, "-o", "/nonexistent/out.o", NULL };
	struct options opts;
	struct inputs inputs;

	if (fd < 0) {
		fd = memfd_create("fuzz-input", 0);
		diag_set_level((enum diag_level)0); /* errors are expected: keep them quiet */
	}
	if (fd < 0 || ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		return 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (options_parse(4, argv, &opts))
		return 0;
	inputs_load(&opts, &inputs); /* an error is an answer too; what matters is how it got there */
	inputs_free(&inputs);
	options_free(&opts);
	return 0;
}
