/* libFuzzer harness: the linker's own bitstream reader, which finds the producer of a bitcode
 * file (raw or wrapped) before LLVM reads it, on arbitrary bytes. */
#include <stdint.h>

#include "bitcode.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char producer[128];

	diag_set_level((enum diag_level)0);
	bitcode_producer(data, size, producer, sizeof(producer));
	return 0;
}
