/* Fixtures shared by the unit tests: temporary files and GNU archives with a symbol index. */
#ifndef BPF_LINKER_TEST_FIXTURES_H
#define BPF_LINKER_TEST_FIXTURES_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One archive member: its name, contents, and the symbol it defines (or NULL). */
struct fixture_member {
	const char *name;
	const char *text;
	const char *defines;
};

/* Write TEXT to a new temporary file; returns its malloc'd path. */
static inline char *fixture_file(const char *text)
{
	char *path = strdup("/tmp/bpf-linker-unit-XXXXXX");
	int fd = mkstemp(path);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		abort();
	close(fd);
	return path;
}

static inline void fixture_ar_member(FILE *f, const char *name, const void *data, size_t size)
{
	fprintf(f, "%-16s%-12d%-6d%-6d%-8o%-10zu`\n", name, 0, 0, 0, 0644, size);
	fwrite(data, 1, size, f);
	if (size % 2)
		fputc('\n', f);
}

/* A GNU archive with a "/" symbol index of the members' defined symbols; returns its path. */
static inline char *fixture_archive(const struct fixture_member *members, size_t count)
{
	char *path = strdup("/tmp/bpf-linker-unit-ar-XXXXXX");
	int fd = mkstemp(path);
	FILE *f = fdopen(fd, "wb");
	size_t symbols = 0, names = 0, index_size;
	uint8_t *index;
	long offset;

	for (size_t i = 0; i < count; i++)
		if (members[i].defines) {
			symbols++;
			names += strlen(members[i].defines) + 1;
		}
	index_size = 4 + 4 * symbols + names;
	index = calloc(1, index_size);
	offset = 8 + 60 + (long)index_size + (long)(index_size % 2);
	index[3] = (uint8_t)symbols;
	for (size_t i = 0, s = 0, n = 4 + 4 * symbols; i < count; i++) {
		if (members[i].defines) {
			index[4 + 4 * s + 2] = (uint8_t)(offset >> 8);
			index[4 + 4 * s + 3] = (uint8_t)offset;
			memcpy(index + n, members[i].defines, strlen(members[i].defines));
			n += strlen(members[i].defines) + 1;
			s++;
		}
		offset += 60 + (long)strlen(members[i].text) + (long)(strlen(members[i].text) % 2);
	}
	fputs("!<arch>\n", f);
	fixture_ar_member(f, "/", index, index_size);
	for (size_t i = 0; i < count; i++)
		fixture_ar_member(f, members[i].name, members[i].text, strlen(members[i].text));
	fclose(f);
	free(index);
	return path;
}

#endif
