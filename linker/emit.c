/* emit: every output is produced in memory first and then written to a temporary file beside
 * its destination and renamed into place, so a failed link never leaves a partial file. */
#include "emit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <llvm-c/BitWriter.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>

#include "debuginfo.h"
#include "diag.h"

static const char *const known_features[] = { "alu32", "dummy", "dwarfris",
					      "allows-misaligned-mem-access" };

static void check_features(const char *features)
{
	while (*features) {
		size_t n = strcspn(features, ",");
		bool known = false;
		const char *name = features + (*features == '+' || *features == '-');
		size_t name_len = n - (size_t)(name - features);

		for (size_t i = 0; i < sizeof(known_features) / sizeof(known_features[0]); i++)
			known |= strlen(known_features[i]) == name_len &&
				 !strncmp(known_features[i], name, name_len);
		if (n && !known)
			diag_warn(NULL, "unknown BPF CPU feature '%.*s' (known: +alu32, +dwarfris, "
					"+allows-misaligned-mem-access)", (int)n, features);
		features += n;
		if (*features == ',')
			features++;
	}
}

static char endian_of(const char *triple)
{
	if (!strncmp(triple, "bpfel", 5))
		return 'l';
	if (!strncmp(triple, "bpfeb", 5))
		return 'b';
	return 0;
}

int emit_target_machine(const struct options *opts, const char *inferred_triple,
			LLVMModuleRef module, LLVMTargetMachineRef *out)
{
	const char *triple = opts->target ? opts->target : inferred_triple;
	char *message = NULL;
	LLVMTargetRef target;
	LLVMTargetMachineRef tm;
	LLVMTargetDataRef layout;
	char *layout_text;

	if (opts->target && endian_of(inferred_triple) && endian_of(opts->target) &&
	    endian_of(inferred_triple) != endian_of(opts->target)) {
		diag_error(NULL, "--target %s, but the inputs are %s bitcode", opts->target, inferred_triple);
		return -EINVAL;
	}
	if (LLVMGetTargetFromTriple(triple, &target, &message)) {
		diag_error(NULL, "invalid target '%s': %s", triple, message);
		LLVMDisposeMessage(message);
		return -EINVAL;
	}
	check_features(opts->cpu_features);
	tm = LLVMCreateTargetMachine(target, triple, opts->cpu, opts->cpu_features,
				     LLVMCodeGenLevelAggressive, LLVMRelocDefault, LLVMCodeModelDefault);
	if (!tm) {
		diag_error(NULL, "cannot create a target machine for %s (cpu %s)", triple, opts->cpu);
		return -EINVAL;
	}
	layout = LLVMCreateTargetDataLayout(tm);
	layout_text = LLVMCopyStringRepOfTargetData(layout);
	LLVMSetDataLayout(module, layout_text);
	LLVMDisposeMessage(layout_text);
	LLVMDisposeTargetData(layout);
	LLVMSetTarget(module, triple);
	diag_info("target %s, cpu %s, features '%s'", triple, opts->cpu, opts->cpu_features);
	*out = tm;
	return 0;
}

/* Write DATA to PATH through a temporary file in the same directory and rename(2). */
static int write_atomically(const char *path, const char *data, size_t size)
{
	struct stat st;
	char *tmp;
	mode_t mask;
	int fd, err = 0;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(path, "output is a directory");
		return -EISDIR;
	}
	if (asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		diag_error(path, "cannot create output: %s", strerror(-err));
		free(tmp);
		return err;
	}
	mask = umask(0);
	umask(mask);
	for (size_t done = 0; done < size && !err;) {
		ssize_t n = write(fd, data + done, size - done);

		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (!err && fchmod(fd, 0666 & ~mask))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err) {
		diag_error(path, "cannot write output: %s", strerror(-err));
		unlink(tmp);
	}
	free(tmp);
	return err;
}

/* The first kind goes to -o; later kinds beside it, the extension swapped for their own. */
static char *output_path(const struct options *opts, size_t index)
{
	static const char *const ext[EMIT_KIND_COUNT] = {
		[EMIT_OBJ] = ".o", [EMIT_ASM] = ".s", [EMIT_LLVM_IR] = ".ll", [EMIT_LLVM_BC] = ".bc",
	};
	const char *base = strrchr(opts->output, '/');
	const char *dot = strrchr(base ? base : opts->output, '.');
	size_t stem = dot && dot != (base ? base + 1 : opts->output) ? (size_t)(dot - opts->output)
								     : strlen(opts->output);
	char *path;

	if (index == 0)
		return strdup(opts->output);
	if (asprintf(&path, "%.*s%s", (int)stem, opts->output, ext[opts->emits[index]]) < 0)
		return NULL;
	return path;
}

static int render(LLVMModuleRef module, LLVMTargetMachineRef tm, enum emit_kind kind, bool btf,
		  LLVMMemoryBufferRef *out)
{
	char *message = NULL;

	switch (kind) {
	case EMIT_LLVM_BC:
		*out = LLVMWriteBitcodeToMemoryBuffer(module);
		return *out ? 0 : -EINVAL;
	case EMIT_LLVM_IR: {
		char *text = LLVMPrintModuleToString(module);

		*out = LLVMCreateMemoryBufferWithMemoryRangeCopy(text, strlen(text), "ir");
		LLVMDisposeMessage(text);
		return 0;
	}
	case EMIT_OBJ:
	case EMIT_ASM: {
		/* Code generation changes the module, so each run gets its own copy. */
		LLVMModuleRef copy = LLVMCloneModule(module);
		LLVMBool failed = LLVMTargetMachineEmitToMemoryBuffer(
			tm, copy, kind == EMIT_OBJ ? LLVMObjectFile : LLVMAssemblyFile, &message, out);

		LLVMDisposeModule(copy);
		if (failed) {
			diag_error(NULL, "code generation failed: %s", message ? message : "unknown error");
			LLVMDisposeMessage(message);
			return -EINVAL;
		}
		/* The buffer is ours: FUNC linkage is patched in it before it is written. */
		if (kind == EMIT_OBJ && btf)
			return debuginfo_finish_btf((uint8_t *)LLVMGetBufferStart(*out), LLVMGetBufferSize(*out));
		return 0;
	}
	default:
		return -EINVAL;
	}
}

int emit_outputs(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts)
{
	LLVMMemoryBufferRef buffers[EMIT_KIND_COUNT] = { 0 };
	unsigned llvm_errors = diag_llvm_error_count();
	int err = 0;

	/* Render everything before writing anything: an error leaves no output at all. */
	for (size_t i = 0; i < opts->emit_count && !err; i++)
		err = render(module, tm, opts->emits[i], opts->btf, &buffers[i]);
	if (!err && opts->fatal_errors && diag_llvm_error_count() > llvm_errors) {
		diag_error(NULL, "LLVM reported errors during code generation; no output written");
		err = -EINVAL;
	}
	for (size_t i = 0; i < opts->emit_count && !err; i++) {
		char *path = output_path(opts, i);

		if (!path) {
			err = -ENOMEM;
			break;
		}
		err = write_atomically(path, LLVMGetBufferStart(buffers[i]), LLVMGetBufferSize(buffers[i]));
		if (!err)
			diag_info("wrote %s (%s, %zu bytes)", path, options_emit_name(opts->emits[i]),
				  LLVMGetBufferSize(buffers[i]));
		free(path);
	}
	for (size_t i = 0; i < opts->emit_count; i++)
		if (buffers[i])
			LLVMDisposeMemoryBuffer(buffers[i]);
	return err;
}

int emit_dump_module(LLVMModuleRef module, const char *dir, const char *name)
{
	char *path, *text;
	int err;

	if (mkdir(dir, 0777) && errno != EEXIST) {
		err = -errno;
		diag_error(dir, "cannot create --dump-module directory: %s", strerror(-err));
		return err;
	}
	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return -ENOMEM;
	text = LLVMPrintModuleToString(module);
	err = write_atomically(path, text, strlen(text));
	LLVMDisposeMessage(text);
	free(path);
	return err;
}
