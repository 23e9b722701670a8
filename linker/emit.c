/* emit: every output is produced in memory first and then written to a temporary file beside
 * its destination and renamed into place, so a failed link never leaves a partial file; standard
 * output, devices and FIFOs are written in place once everything is rendered. */
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

#include "bitcode.h"
#include "debuginfo.h"
#include "diag.h"
#include "link.h"
#include "merge.h"
#include "object.h"
#include "translate.h"

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

int emit_target_machine(const struct options *opts, const char *triple, LLVMModuleRef module,
			LLVMTargetMachineRef *out)
{
	char *message = NULL;
	LLVMTargetRef target;
	LLVMTargetMachineRef tm;
	LLVMTargetDataRef layout;
	char *layout_text;

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

static int write_all(int fd, const char *data, size_t size)
{
	for (size_t done = 0; done < size;) {
		ssize_t n = write(fd, data + done, size - done);

		if (n < 0 && errno != EINTR)
			return -errno;
		if (n > 0)
			done += (size_t)n;
	}
	return 0;
}

/* Standard output ("-"), an existing node that is not a regular file (a device, a FIFO, a
 * socket) and a link under /dev or /proc (/dev/stdout names a descriptor): written in place, as
 * lld and clang do, so the node stays what it is. */
static bool is_written_in_place(const char *path)
{
	struct stat st;

	if (!strcmp(path, "-"))
		return true;
	if (stat(path, &st) || S_ISDIR(st.st_mode))
		return false;
	if (!S_ISREG(st.st_mode))
		return true;
	return (!strncmp(path, "/dev/", 5) || !strncmp(path, "/proc/", 6)) && !lstat(path, &st) &&
	       S_ISLNK(st.st_mode);
}

static int write_in_place(const char *path, const char *data, size_t size)
{
	bool to_stdout = !strcmp(path, "-");
	int fd = to_stdout ? STDOUT_FILENO : open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	struct stat st;
	int err = 0;

	if (fd < 0) {
		err = -errno;
		diag_error(path, "cannot open output: %s", strerror(-err));
		return err;
	}
	/* A regular file reached through /dev/stdout or /proc gets exactly the output. */
	if (!to_stdout && !fstat(fd, &st) && S_ISREG(st.st_mode) && ftruncate(fd, 0))
		err = -errno;
	if (!err)
		err = write_all(fd, data, size);
	if (!to_stdout && close(fd) && !err)
		err = -errno;
	if (err)
		diag_error(to_stdout ? "standard output" : path, "cannot write output: %s",
			   strerror(-err));
	return err;
}

/* Write DATA to PATH: a regular file through a temporary file in the same directory and
 * rename(2), so that a failure leaves the old file; anything else in place. */
static int write_output(const char *path, const char *data, size_t size)
{
	struct stat st;
	char *tmp;
	mode_t mask;
	int fd, err = 0;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_error(path, "output is a directory");
		return -EISDIR;
	}
	if (is_written_in_place(path))
		return write_in_place(path, data, size);
	if (asprintf(&tmp, "%s.tmp.XXXXXX", path) < 0)
		return -ENOMEM;
	fd = mkstemp(tmp);
	if (fd < 0) {
		err = -errno;
		diag_error(path, "cannot create output: %s", strerror(-err));
		free(tmp);
		return err;
	}
	diag_set_cleanup(tmp);
	mask = umask(0);
	umask(mask);
	err = write_all(fd, data, size);
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
	diag_set_cleanup(NULL);
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

/* A memory builtin defined in MODULE that no IR calls: code generation alone may call it. */
static bool is_droppable_builtin(LLVMValueRef f);

/* Code generation on a copy: it changes the module, and later kinds need it as it was. With
 * TRIAL, the copy leaves out the memory builtins nothing in the IR calls: most objects call none,
 * and then one small compilation is all there is. IN_PLACE: nothing needs the module after,
 * and it is compiled itself, uncopied (a copy costs about a tenth of code generation). */
static int compile(LLVMModuleRef module, LLVMTargetMachineRef tm, enum emit_kind kind, bool trial,
		   bool in_place, LLVMMemoryBufferRef *out)
{
	LLVMModuleRef copy = in_place ? module : LLVMCloneModule(module);
	char *message = NULL;
	LLVMBool failed;

	for (LLVMValueRef f = LLVMGetFirstFunction(copy), next; trial && f; f = next) {
		next = LLVMGetNextFunction(f);
		if (is_droppable_builtin(f))
			LLVMDeleteFunction(f);
	}
	failed = LLVMTargetMachineEmitToMemoryBuffer(
		tm, copy, kind == EMIT_OBJ ? LLVMObjectFile : LLVMAssemblyFile, &message, out);
	if (!in_place)
		LLVMDisposeModule(copy);
	if (failed) {
		diag_error(NULL, "code generation failed: %s", message ? message : "unknown error");
		LLVMDisposeMessage(message);
		*out = NULL;
		return -EINVAL;
	}
	return 0;
}

/* The linker's own memory builtins, for calls code generation leaves to memcpy and friends (a
 * length it does not know, or more than 128 stores). Byte loops: they are correct for any
 * alignment and endianness, the verifier accepts them (compiler_builtins' test pointer bits,
 * which it refuses), and "no-builtins" keeps them from becoming calls to themselves. An input's
 * definition is used when IR calls it by name (then it is linked with the rest). */
static const struct {
	const char *name;
	const char *ir;
} own_builtins[] = {
	{ "memset",
	  "define ptr @memset(ptr %d, i32 %c, i64 %n) #0 {\n"
	  "entry:\n  %b = trunc i32 %c to i8\n  br label %cond\n"
	  "cond:\n  %i = phi i64 [ 0, %entry ], [ %next, %body ]\n"
	  "  %done = icmp uge i64 %i, %n\n  br i1 %done, label %exit, label %body\n"
	  "body:\n  %p = getelementptr i8, ptr %d, i64 %i\n  store i8 %b, ptr %p\n"
	  "  %next = add i64 %i, 1\n  br label %cond\n"
	  "exit:\n  ret ptr %d\n}\n" },
	{ "memcpy",
	  "define ptr @memcpy(ptr %d, ptr %s, i64 %n) #0 {\n"
	  "entry:\n  br label %cond\n"
	  "cond:\n  %i = phi i64 [ 0, %entry ], [ %next, %body ]\n"
	  "  %done = icmp uge i64 %i, %n\n  br i1 %done, label %exit, label %body\n"
	  "body:\n  %sp = getelementptr i8, ptr %s, i64 %i\n  %v = load i8, ptr %sp\n"
	  "  %dp = getelementptr i8, ptr %d, i64 %i\n  store i8 %v, ptr %dp\n"
	  "  %next = add i64 %i, 1\n  br label %cond\n"
	  "exit:\n  ret ptr %d\n}\n" },
	{ "memmove",
	  "define ptr @memmove(ptr %d, ptr %s, i64 %n) #0 {\n"
	  "entry:\n  %back = icmp ugt ptr %d, %s\n  br i1 %back, label %bcond, label %fcond\n"
	  "fcond:\n  %i = phi i64 [ 0, %entry ], [ %inext, %fbody ]\n"
	  "  %fdone = icmp uge i64 %i, %n\n  br i1 %fdone, label %exit, label %fbody\n"
	  "fbody:\n  %fs = getelementptr i8, ptr %s, i64 %i\n  %fv = load i8, ptr %fs\n"
	  "  %fd = getelementptr i8, ptr %d, i64 %i\n  store i8 %fv, ptr %fd\n"
	  "  %inext = add i64 %i, 1\n  br label %fcond\n"
	  "bcond:\n  %j = phi i64 [ %n, %entry ], [ %jnext, %bbody ]\n"
	  "  %bdone = icmp eq i64 %j, 0\n  br i1 %bdone, label %exit, label %bbody\n"
	  "bbody:\n  %jnext = sub i64 %j, 1\n  %bs = getelementptr i8, ptr %s, i64 %jnext\n"
	  "  %bv = load i8, ptr %bs\n  %bd = getelementptr i8, ptr %d, i64 %jnext\n"
	  "  store i8 %bv, ptr %bd\n  br label %bcond\n"
	  "exit:\n  ret ptr %d\n}\n" },
	{ "memcmp",
	  "define i32 @memcmp(ptr %a, ptr %b, i64 %n) #0 {\n"
	  "entry:\n  br label %cond\n"
	  "cond:\n  %i = phi i64 [ 0, %entry ], [ %next, %same ]\n"
	  "  %done = icmp uge i64 %i, %n\n  br i1 %done, label %equal, label %body\n"
	  "body:\n  %pa = getelementptr i8, ptr %a, i64 %i\n  %va = load i8, ptr %pa\n"
	  "  %pb = getelementptr i8, ptr %b, i64 %i\n  %vb = load i8, ptr %pb\n"
	  "  %eq = icmp eq i8 %va, %vb\n  %next = add i64 %i, 1\n"
	  "  br i1 %eq, label %same, label %differ\n"
	  "same:\n  br label %cond\n"
	  "differ:\n  %xa = zext i8 %va to i32\n  %xb = zext i8 %vb to i32\n"
	  "  %r = sub i32 %xa, %xb\n  ret i32 %r\n"
	  "equal:\n  ret i32 0\n}\n" },
	{ "bcmp",
	  "define i32 @bcmp(ptr %a, ptr %b, i64 %n) #0 {\n"
	  "entry:\n  %r = call i32 @memcmp(ptr %a, ptr %b, i64 %n)\n  ret i32 %r\n}\n" },
};
#define OWN_BUILTIN_COUNT (sizeof(own_builtins) / sizeof(own_builtins[0]))

static bool is_own_builtin(const char *name, size_t *index)
{
	for (size_t i = 0; i < OWN_BUILTIN_COUNT; i++)
		if (!strcmp(name, own_builtins[i].name)) {
			*index = i;
			return true;
		}
	return false;
}

/* Link the linker's definitions of the builtins in WANTED (bcmp needs memcmp) into MODULE. */
static int add_own_builtins(LLVMModuleRef module, bool wanted[OWN_BUILTIN_COUNT])
{
	char *text = NULL;
	size_t len = 0, memcmp_index = 0, bcmp_index = 0;
	FILE *out = open_memstream(&text, &len);
	int err;

	if (!out)
		return -ENOMEM;
	is_own_builtin("memcmp", &memcmp_index);
	is_own_builtin("bcmp", &bcmp_index);
	wanted[memcmp_index] |= wanted[bcmp_index] && !LLVMGetNamedFunction(module, "memcmp");
	for (size_t i = 0; i < OWN_BUILTIN_COUNT; i++)
		if (wanted[i])
			fputs(own_builtins[i].ir, out);
	if (wanted[bcmp_index] && !wanted[memcmp_index])
		fputs("declare i32 @memcmp(ptr, ptr, i64)\n", out);
	fputs("attributes #0 = { noinline nounwind \"no-builtins\" }\n", out);
	if (fclose(out)) {
		free(text);
		return -ENOMEM;
	}
	err = link_own_ir(module, text, len, "memory builtins");
	free(text);
	if (err)
		return err;
	/* They stay global like compiler_builtins' (static in BTF all the same): calls to a local
	 * function are relocated against its section, and the object scan would lose them. */
	for (size_t i = 0; i < OWN_BUILTIN_COUNT; i++)
		if (wanted[i])
			diag_info("code generation calls %s: the linker's own definition is linked",
				  own_builtins[i].name);
	return 0;
}

static bool is_droppable_builtin(LLVMValueRef f)
{
	size_t len, index;
	const char *name = LLVMGetValueName2(f, &len);

	return !LLVMIsDeclaration(f) && !LLVMGetFirstUse(f) && is_own_builtin(name, &index);
}

/* After a trial compilation (memory builtins nobody calls in the IR left out): drop those from
 * MODULE that the object does not call either (compiler_builtins' are linked in case code
 * generation needs them), and add the linker's own for calls nothing defines. Returns 1 when the
 * object must be compiled again (it calls a builtin the trial left out or lacked), 0, or a
 * negative errno. */
static int settle_builtins(LLVMModuleRef module, const struct object_refs *refs)
{
	bool wanted[OWN_BUILTIN_COUNT] = { 0 }, add = false;
	int again = 0;

	for (size_t i = 0; i < OWN_BUILTIN_COUNT; i++) {
		const struct object_symbol *s = object_find(refs, own_builtins[i].name);
		LLVMValueRef f = LLVMGetNamedFunction(module, own_builtins[i].name);
		bool called = s && s->referenced;

		if (f && is_droppable_builtin(f) && !called) {
			LLVMDeleteFunction(f);
			diag_info("%s is not called after code generation: left out", own_builtins[i].name);
		} else if (called && !s->defined) {
			again = 1;
			if (!f || LLVMIsDeclaration(f))
				wanted[i] = add = true;
		}
	}
	if (add) {
		int err = add_own_builtins(module, wanted);

		if (err)
			return err;
	}
	return again;
}

/* Every symbol the object uses is defined in it or is a kernel extern the loader resolves. */
static int check_undefined(LLVMModuleRef module, const struct object_refs *refs,
			   const struct options *opts, const struct inputs *inputs)
{
	int err = 0;

	for (size_t i = 0; i < refs->count; i++) {
		const struct object_symbol *s = &refs->symbols[i];
		LLVMValueRef g;

		/* A runtime call code generation refused was reported as what it is. */
		if (s->defined || !s->referenced || inputs_object_defines(inputs, s->name) ||
		    translate_reported_call(s->name))
			continue;
		g = LLVMGetNamedFunction(module, s->name);
		if (!g)
			g = LLVMGetNamedGlobal(module, s->name);
		/* Used in the IR: a module compiled in place also holds what code generation
		 * declared itself (__bpf_trap, extern_weak like a kernel extern, but none). */
		if (g && LLVMIsDeclaration(g) && LLVMGetFirstUse(g) && resolve_is_kernel_extern(g))
			continue;
		if (opts->allow_undefined) {
			diag_warn(NULL, "undefined symbol '%s' used by '%s' (left for the loader: "
					"--allow-undefined)", s->name, s->user ? s->user : "?");
			continue;
		}
		diag_error(NULL, "undefined symbol '%s' used by function '%s' after code generation "
				 "(no input defines it and it is not a kernel extern)",
			   s->name, s->user ? s->user : "?");
		err = -EINVAL;
	}
	return err;
}

/* Can code generation call a memory builtin the module does not define? Where the IR calls
 * one it only declares, and for a memcpy, memmove or memset intrinsic it may not expand: a
 * length it does not know or above 128 (the BPF backend expands up to 128 stores; a length of
 * at most 128 needs no more, whatever the alignment), and with --expand-memcpy-in-order every
 * memmove and memset. */
static bool may_call_builtins(LLVMModuleRef module, const struct options *opts)
{
	for (LLVMValueRef f = LLVMGetFirstFunction(module); f; f = LLVMGetNextFunction(f)) {
		size_t len, index;
		const char *name = LLVMGetValueName2(f, &len);
		bool copy = !strncmp(name, "llvm.memcpy.", 12), move = !strncmp(name, "llvm.memmove.", 13),
		     set = !strncmp(name, "llvm.memset.", 12);

		if (!LLVMGetFirstUse(f))
			continue;
		if (LLVMIsDeclaration(f) && is_own_builtin(name, &index))
			return true;
		if ((!copy && !move && !set) || strstr(name, ".inline"))
			continue;
		if (opts->expand_memcpy_in_order && !copy)
			return true;
		for (LLVMUseRef u = LLVMGetFirstUse(f); u; u = LLVMGetNextUse(u)) {
			LLVMValueRef call = LLVMGetUser(u), length;

			if (!LLVMIsACallInst(call) || LLVMGetCalledValue(call) != f ||
			    LLVMGetNumArgOperands(call) < 3)
				return true;
			length = LLVMGetOperand(call, 2);
			if (!LLVMIsAConstantInt(length) || LLVMConstIntGetZExtValue(length) > 128)
				return true;
		}
	}
	return false;
}

/* Compile the object, settle the memory builtins on what it calls, and check it. With
 * MAY_CONSUME and nothing foreseen to call a builtin, the module itself is compiled; if the
 * object calls one all the same, -EAGAIN: the caller links again and compiles a copy. */
static int compile_object(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts,
			  const struct resolution *res, struct inputs *inputs, bool may_consume,
			  LLVMMemoryBufferRef *out)
{
	bool in_place = may_consume && !may_call_builtins(module, opts);
	struct object_refs refs;
	int err = 0;

	for (int round = 0;; round++) {
		int changed;

		if ((err = compile(module, tm, EMIT_OBJ, round == 0, in_place && round == 0, out)))
			return err;
		if ((err = object_scan((const uint8_t *)LLVMGetBufferStart(*out),
				       LLVMGetBufferSize(*out), &refs)))
			break;
		changed = round < 2 ? settle_builtins(module, &refs) : 0;
		if (changed < 0) {
			err = changed;
			break;
		}
		if (changed && in_place) {
			err = -EAGAIN;
			break;
		}
		if (!changed) {
			err = check_undefined(module, &refs, opts, inputs);
			break;
		}
		object_refs_free(&refs);
		LLVMDisposeMemoryBuffer(*out);
		*out = NULL;
		/* Builtins the linker added need subprograms for BTF's func_info too. */
		if (opts->btf && (err = debuginfo_prepare_btf(module, &res->exports)))
			return err;
	}
	object_refs_free(&refs);
	if (!err && opts->btf)
		/* The buffer is ours: FUNC linkage is patched in it before it is written. */
		err = debuginfo_finish_btf((uint8_t *)LLVMGetBufferStart(*out), LLVMGetBufferSize(*out));
	if (err) {
		LLVMDisposeMemoryBuffer(*out);
		*out = NULL;
	}
	return err;
}

static int render(LLVMModuleRef module, enum emit_kind kind, LLVMMemoryBufferRef *out)
{
	char *text;

	if (kind == EMIT_LLVM_BC) {
		*out = LLVMWriteBitcodeToMemoryBuffer(module);
		return *out ? 0 : -EINVAL;
	}
	text = LLVMPrintModuleToString(module);
	*out = LLVMCreateMemoryBufferWithMemoryRangeCopy(text, strlen(text), "ir");
	LLVMDisposeMessage(text);
	return 0;
}

int emit_outputs(LLVMModuleRef module, LLVMTargetMachineRef tm, const struct options *opts,
		 const struct resolution *res, struct inputs *inputs, bool may_consume)
{
	LLVMMemoryBufferRef buffers[EMIT_KIND_COUNT] = { 0 }, object = NULL;
	unsigned llvm_errors = diag_llvm_error_count();
	bool needs_object = false;
	size_t translated;
	int err = 0;

	/* The object is compiled first: what it calls decides the memory builtins, and the other
	 * kinds then show the same module. Everything is rendered before anything is written, so
	 * an error leaves no output at all. */
	for (size_t i = 0; i < opts->emit_count; i++)
		needs_object |= opts->emits[i] == EMIT_OBJ || opts->emits[i] == EMIT_ASM;
	/* The other kinds are written beside -o, which a device or standard output has not. */
	if (opts->emit_count > 1 && is_written_in_place(opts->output)) {
		diag_error(opts->output, "several --emit kinds need -o to name a regular file (the "
					 "others are written beside it)");
		return -EINVAL;
	}
	if (!module && (opts->emit_count != 1 || opts->emits[0] != EMIT_OBJ)) {
		diag_error(NULL, "without bitcode inputs only --emit obj can be written");
		return -EINVAL;
	}
	translate_begin(module);
	if (needs_object && module)
		err = compile_object(module, tm, opts, res, inputs,
				     may_consume && opts->emit_count == 1 && opts->emits[0] == EMIT_OBJ,
				     &object);
	if (!err)
		err = merge_objects(inputs, opts->allow_undefined, &object);
	for (size_t i = 0; i < opts->emit_count && !err; i++) {
		if (opts->emits[i] == EMIT_OBJ) {
			buffers[i] = object;
			object = NULL;
		} else if (opts->emits[i] == EMIT_ASM) {
			err = compile(module, tm, EMIT_ASM, false, false, &buffers[i]);
		} else {
			err = render(module, opts->emits[i], &buffers[i]);
		}
	}
	if (object)
		LLVMDisposeMemoryBuffer(object);
	translated = translate_end();
	/* LLVM's errors end the link, also where it would have run again (-EAGAIN). */
	if ((!err || err == -EAGAIN) && opts->fatal_errors && diag_llvm_error_count() > llvm_errors) {
		/* Translated problems said what is wrong; LLVM's own words get this summary. */
		if (!translated)
			diag_error(NULL, "LLVM reported errors during code generation; no output written");
		err = -EINVAL;
	}
	for (size_t i = 0; i < opts->emit_count && !err; i++) {
		char *path = output_path(opts, i);

		if (!path) {
			err = -ENOMEM;
			break;
		}
		err = write_output(path, LLVMGetBufferStart(buffers[i]), LLVMGetBufferSize(buffers[i]));
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
	err = write_output(path, text, strlen(text));
	LLVMDisposeMessage(text);
	free(path);
	return err;
}
