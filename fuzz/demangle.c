/* libFuzzer harness: the demangler on arbitrary symbol names (they come from the inputs): it
 * must stop inside the name and inside the buffer, whatever the backrefs and lengths say. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "demangle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *prefix = size && data[0] & 1 ? "_R" : "_ZN";
	size_t at = strlen(prefix);
	char *symbol = malloc(at + size + 1);
	char small[16], large[4096];

	if (!symbol)
		return 0;
	/* Half the inputs as v0 names, half as legacy ones, NUL-terminated where they end. */
	memcpy(symbol, prefix, at);
	memcpy(symbol + at, data, size);
	symbol[at + size] = '\0';
	demangle_rust(symbol, small, sizeof(small));
	demangle_rust(symbol, large, sizeof(large));
	free(symbol);
	return 0;
}
