/* merge: libbpf's static linker (bpf_linker__new/add_file/finalize) combines the compiled bitcode
 * with the plain objects: programs, maps, .rodata/.data/.bss, BTF and calls across the boundary.
 * libbpf reads files, so everything passes through a private temporary directory. */
#include "merge.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <llvm-c/Core.h>

#include "diag.h"
#include "object.h"

static char libbpf_message[1024]; /* libbpf's last warning, one line */

static int capture_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char text[sizeof(libbpf_message)];
	size_t len;

	if (level != LIBBPF_WARN)
		return 0;
	vsnprintf(text, sizeof(text), fmt, ap);
	if (!strncmp(text, "libbpf: ", 8))
		memmove(text, text + 8, strlen(text + 8) + 1);
	len = strlen(text);
	while (len && (text[len - 1] == '\n' || text[len - 1] == '.'))
		text[--len] = '\0';
	if (len)
		memcpy(libbpf_message, text, len + 1);
	return 0;
}

static int write_file(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	size_t done = 0;

	if (fd < 0)
		return -errno;
	while (done < size) {
		ssize_t n = write(fd, (const char *)data + done, size - done);

		if (n < 0 && errno != EINTR) {
			close(fd);
			return -errno;
		}
		if (n > 0)
			done += (size_t)n;
	}
	return close(fd) ? -errno : 0;
}

/* Names of the variables and functions in the .ksyms and .kconfig sections of the object's BTF:
 * the externs libbpf resolves at load time. */
static bool is_kernel_extern(const struct btf *btf, const char *name)
{
	for (__u32 id = 1; btf && id < btf__type_cnt(btf); id++) {
		const struct btf_type *t = btf__type_by_id(btf, id);
		const char *sec = t ? btf__name_by_offset(btf, t->name_off) : NULL;
		const struct btf_var_secinfo *vsi;

		if (!t || !btf_is_datasec(t) || !sec || (strcmp(sec, ".ksyms") && strcmp(sec, ".kconfig")))
			continue;
		vsi = btf_var_secinfos(t);
		for (__u16 i = 0; i < btf_vlen(t); i++) {
			const struct btf_type *v = btf__type_by_id(btf, vsi[i].type);
			const char *var = v ? btf__name_by_offset(btf, v->name_off) : NULL;

			if (var && !strcmp(var, name))
				return true;
		}
	}
	return false;
}

/* The merged object uses nothing undefined but kernel externs and weak references. */
static int check_merged(const char *path, const uint8_t *data, size_t size, bool allow_undefined)
{
	struct object_refs refs;
	struct btf *btf;
	int err;

	if ((err = object_scan(data, size, &refs)))
		return err;
	btf = btf__parse_elf(path, NULL);
	if (libbpf_get_error(btf))
		btf = NULL;
	for (size_t i = 0; i < refs.count; i++) {
		const struct object_symbol *s = &refs.symbols[i];

		if (s->defined || !s->referenced || s->weak || is_kernel_extern(btf, s->name))
			continue;
		if (allow_undefined) {
			diag_warn(NULL, "undefined symbol '%s' used by '%s' (left for the loader: "
					"--allow-undefined)", s->name, s->user ? s->user : "?");
			continue;
		}
		diag_error(NULL, "undefined symbol '%s' used by function '%s' (no input defines it and it "
				 "is not a kernel extern)", s->name, s->user ? s->user : "?");
		err = -EINVAL;
	}
	btf__free(btf);
	object_refs_free(&refs);
	return err;
}

/* libbpf ends some messages with a negative errno ("...: -22"): say it in words. */
static void errno_words(char *text, size_t size)
{
	char *colon = strrchr(text, ':');
	char *end;
	long code;

	if (!colon || colon[1] != ' ' || colon[2] != '-')
		return;
	code = strtol(colon + 3, &end, 10);
	if (*end || end == colon + 3 || code <= 0 || code > 4095)
		return;
	snprintf(colon, size - (size_t)(colon - text), ": %s", strerror((int)code));
}

/* libbpf names the temporary copy: say which input it was. */
static int add_file(struct bpf_linker *linker, const char *path, const char *name)
{
	int err;

	libbpf_message[0] = '\0';
	diag_set_subject(name); /* libbpf reads untrusted bytes too: a crash names the input */
	err = bpf_linker__add_file(linker, path, NULL);
	diag_set_subject(NULL);
	if (err) {
		char text[sizeof(libbpf_message) + 256];
		char *at = strstr(libbpf_message, path);

		/* "... object '/tmp/bpf-linker.X/1.o' ...": name the input instead. */
		if (at)
			snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - libbpf_message), libbpf_message,
				 name, at + strlen(path));
		else
			snprintf(text, sizeof(text), "%s", libbpf_message[0] ? libbpf_message
								: strerror(err < 0 ? -err : err));
		errno_words(text, sizeof(text));
		diag_error(name, "cannot be merged by libbpf's linker: %s%s", text,
			   strstr(text, "failed to find BTF")
				   ? " (plain objects need BTF: build them with clang -g)" : "");
		return -EINVAL;
	}
	return 0;
}

int merge_objects(const struct inputs *inputs, bool allow_undefined, LLVMMemoryBufferRef *object)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[4096], path[4200], out[4200];
	struct bpf_linker *linker = NULL;
	LLVMMemoryBufferRef merged = NULL;
	char *message = NULL;
	size_t files = 0, merged_count = 0;
	int err = 0;

	for (size_t i = 0; i < inputs->object_count; i++)
		merged_count += inputs->objects[i].needed;
	if (!merged_count)
		return 0;
	snprintf(dir, sizeof(dir), "%s/bpf-linker.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (!mkdtemp(dir)) {
		err = -errno;
		diag_error(dir, "cannot create a temporary directory: %s", strerror(-err));
		return err;
	}
	libbpf_set_print(capture_libbpf);
	snprintf(out, sizeof(out), "%s/merged.o", dir);
	linker = bpf_linker__new(out, NULL);
	if (!linker) {
		diag_error(NULL, "libbpf's linker cannot start: %s", libbpf_message);
		err = -EINVAL;
		goto out;
	}
	if (*object) {
		snprintf(path, sizeof(path), "%s/%zu.o", dir, files++);
		if ((err = write_file(path, LLVMGetBufferStart(*object), LLVMGetBufferSize(*object))) ||
		    (err = add_file(linker, path, "the compiled bitcode")))
			goto out;
	}
	for (size_t i = 0; i < inputs->object_count; i++) {
		const struct input_object *o = &inputs->objects[i];

		if (!o->needed)
			continue;
		snprintf(path, sizeof(path), "%s/%zu.o", dir, files++);
		if ((err = write_file(path, o->data, o->size))) {
			diag_error(path, "cannot write a temporary file: %s", strerror(-err));
			goto out;
		}
		if ((err = add_file(linker, path, o->name)))
			goto out;
	}
	if (bpf_linker__finalize(linker)) {
		diag_error(NULL, "libbpf's linker cannot finish the merged object: %s", libbpf_message);
		err = -EINVAL;
		goto out;
	}
	if (LLVMCreateMemoryBufferWithContentsOfFile(out, &merged, &message)) {
		diag_error(out, "cannot read the merged object: %s", message);
		LLVMDisposeMessage(message);
		err = -EINVAL;
		goto out;
	}
	err = check_merged(out, (const uint8_t *)LLVMGetBufferStart(merged), LLVMGetBufferSize(merged),
			   allow_undefined);
	if (err) {
		LLVMDisposeMemoryBuffer(merged);
		goto out;
	}
	diag_info("merged the compiled bitcode with %zu plain BPF objects (%zu bytes)", merged_count,
		  LLVMGetBufferSize(merged));
	if (*object)
		LLVMDisposeMemoryBuffer(*object);
	*object = merged;
out:
	if (linker)
		bpf_linker__free(linker);
	for (size_t i = 0; i < files; i++) {
		snprintf(path, sizeof(path), "%s/%zu.o", dir, i);
		unlink(path);
	}
	unlink(out);
	rmdir(dir);
	return err;
}
