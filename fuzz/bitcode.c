/* libFuzzer harness: the linker's own bitstream reader on arbitrary bytes: the producer of a
 * bitcode file (raw or wrapped), read before LLVM sees it, and the symbol table LLVM wrote into
 * it, which resolution reads instead of building a module. */
#include <stdint.h>

#include "bitcode.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char producer[128];
	struct bitcode_symtab table;

	diag_set_level((enum diag_level)0);
	bitcode_producer(data, size, producer, sizeof(producer));
	if (!bitcode_symbols(data, size, &table)) {
		for (size_t i = 0; i < table.count; i++) /* touch every name: they must lie inside */
			if (table.symbols[i].len && table.symbols[i].name[table.symbols[i].len - 1] == 1)
				producer[0] = 0;
		bitcode_symtab_free(&table);
	}
	return 0;
}
