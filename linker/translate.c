/* translate: what LLVM's BPF code generation reports, said in the user's terms. LLVM gives one
 * diagnostic per instruction ("<unknown>:0:0: in function _RNvCs..._4prog i32 (ptr): A call to
 * built-in function '__mulsf3' is not supported.", the stack limit once per spill); the linker
 * gathers them per function and problem while code is generated and then prints one line each:
 * the source line where debug info has one, the Rust name demangled, what it is, what to do. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/Target.h>

#include "demangle.h"
#include "diag.h"
#include "translate.h"

#define BPF_STACK_LIMIT 512

enum problem_kind {
	PROBLEM_FLOAT,     /* soft-float libcalls */
	PROBLEM_RUNTIME,   /* other compiler runtime calls */
	PROBLEM_STACK,     /* frame over 512 bytes */
	PROBLEM_CALL_ARGS, /* calls a function with more than five arguments */
	PROBLEM_ARGS,      /* takes more than five arguments */
	PROBLEM_RETURN,    /* returns more than a register */
	PROBLEM_DYNAMIC,   /* alloca of a run-time size */
	PROBLEM_BYVAL,     /* passes an aggregate by value */
	PROBLEM_VARIADIC,
	PROBLEM_OTHER,     /* anything else: LLVM's words, with the name translated */
};

struct problem {
	char *function;       /* the symbol LLVM named */
	enum problem_kind kind;
	char where[512];      /* "file:line" of the first diagnostic that had one, or "" */
	char details[1024];   /* what, comma-separated, each once */
};

static LLVMModuleRef module;     /* set while code is generated, for stack sizes */
static struct problem *problems; /* gathered since translate_begin */
static size_t problem_count;
static char **runtime_calls;     /* builtins already reported (undefined after code generation) */
static size_t runtime_call_count;

void translate_begin(LLVMModuleRef m)
{
	module = m;
}

static const char *type_of(const char *code)
{
	static const struct {
		const char *code, *type;
	} types[] = { { "hf", "f16" }, { "sf", "f32" }, { "df", "f64" }, { "tf", "f128" },
		      { "xf", "f80" }, { "si", "32" }, { "di", "64" }, { "ti", "128" } };

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncmp(code, types[i].code, 2))
			return types[i].type;
	return NULL;
}

/* The soft-float routine NAME (__mulsf3, __floatunsisf, __gtdf2, ...) as the operation it does,
 * into OUT; false when NAME is no such routine. */
static bool float_operation(const char *name, char *out, size_t cap)
{
	static const struct {
		const char *prefix, *what;
	} arithmetic[] = { { "__add", "addition" }, { "__sub", "subtraction" },
			   { "__mul", "multiplication" }, { "__div", "division" },
			   { "__neg", "negation" }, { "__pow", "power" } };
	static const char *const comparisons[] = { "__eq", "__ne", "__lt", "__le", "__gt", "__ge",
						   "__unord", "__cmp" };
	size_t len = strlen(name);
	const char *t;

	if (len < 6 || strncmp(name, "__", 2))
		return false;
	for (size_t i = 0; i < sizeof(arithmetic) / sizeof(arithmetic[0]); i++) {
		size_t n = strlen(arithmetic[i].prefix);

		if (!strncmp(name, arithmetic[i].prefix, n) && (t = type_of(name + n)) && t[0] == 'f') {
			snprintf(out, cap, "%s %s", t, arithmetic[i].what);
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(comparisons) / sizeof(comparisons[0]); i++) {
		size_t n = strlen(comparisons[i]);

		if (!strncmp(name, comparisons[i], n) && (t = type_of(name + n)) && t[0] == 'f') {
			snprintf(out, cap, "%s comparison", t);
			return true;
		}
	}
	/* __float[un]<int><float>, __fix[uns]<float><int>, __extend<f><f>2, __trunc<f><f>2 */
	if (!strncmp(name, "__float", 7)) {
		bool un = !strncmp(name + 7, "un", 2);
		const char *from = type_of(name + 7 + 2 * un), *to = type_of(name + 9 + 2 * un);

		if (from && to && from[0] != 'f' && to[0] == 'f') {
			snprintf(out, cap, "%c%s to %s conversion", un ? 'u' : 'i', from, to);
			return true;
		}
	}
	if (!strncmp(name, "__fix", 5)) {
		bool un = !strncmp(name + 5, "uns", 3);
		const char *from = type_of(name + 5 + 3 * un), *to = type_of(name + 7 + 3 * un);

		if (from && to && from[0] == 'f' && to[0] != 'f') {
			snprintf(out, cap, "%s to %c%s conversion", from, un ? 'u' : 'i', to);
			return true;
		}
	}
	if (!strncmp(name, "__extend", 8) || !strncmp(name, "__trunc", 7)) {
		size_t at = name[2] == 'e' ? 8 : 7;
		const char *from = type_of(name + at), *to = type_of(name + at + 2);

		if (from && to && from[0] == 'f' && to[0] == 'f') {
			snprintf(out, cap, "%s to %s conversion", from, to);
			return true;
		}
	}
	return false;
}

static struct problem *find(const char *function, enum problem_kind kind)
{
	struct problem *grown;

	for (size_t i = 0; i < problem_count; i++)
		if (problems[i].kind == kind && !strcmp(problems[i].function, function))
			return &problems[i];
	grown = realloc(problems, (problem_count + 1) * sizeof(*problems));
	if (!grown)
		return NULL;
	problems = grown;
	problems[problem_count] = (struct problem){ .function = strdup(function), .kind = kind };
	if (!problems[problem_count].function)
		return NULL;
	return &problems[problem_count++];
}

static void add_detail(struct problem *p, const char *detail)
{
	size_t used = strlen(p->details), n = strlen(detail);
	const char *at = p->details;

	if (!n)
		return;
	/* Each detail once: look for it between separators. */
	while ((at = strstr(at, detail))) {
		if ((at == p->details || at[-1] == ' ') && (at[n] == ',' || at[n] == '\0'))
			return;
		at += n;
	}
	if (used + n + 3 > sizeof(p->details))
		return;
	snprintf(p->details + used, sizeof(p->details) - used, "%s%s", used ? ", " : "", detail);
}

static void remember_runtime_call(const char *name)
{
	char **grown;

	for (size_t i = 0; i < runtime_call_count; i++)
		if (!strcmp(runtime_calls[i], name))
			return;
	grown = realloc(runtime_calls, (runtime_call_count + 1) * sizeof(*runtime_calls));
	if (!grown)
		return;
	runtime_calls = grown;
	if ((runtime_calls[runtime_call_count] = strdup(name)))
		runtime_call_count++;
}

/* "file:line:col" into "file:line"; nothing for LLVM's "<unknown>:0:0" or line 0. */
static void location(const char *text, size_t len, char *out, size_t cap)
{
	char copy[512];
	char *colon, *line;

	out[0] = '\0';
	if (!len || len >= sizeof(copy))
		return;
	memcpy(copy, text, len);
	copy[len] = '\0';
	if (!strncmp(copy, "<unknown>", 9))
		return;
	colon = strrchr(copy, ':');
	if (!colon)
		return;
	*colon = '\0'; /* the column */
	line = strrchr(copy, ':');
	if (!line || !strcmp(line + 1, "0"))
		return;
	snprintf(out, cap, "%s", copy);
}

bool translate_collect(const char *text)
{
	const char *in = strstr(text, "in function "), *name, *name_end, *message;
	char function[1024], detail[512], callee[512];
	enum problem_kind kind;
	struct problem *p;

	if (!module || !in)
		return false;
	name = in + strlen("in function ");
	name_end = strchr(name, ' ');
	message = name_end ? strstr(name_end, "): ") : NULL;
	if (!name_end || !message || (size_t)(name_end - name) >= sizeof(function))
		return false;
	message += 3;
	memcpy(function, name, (size_t)(name_end - name));
	function[name_end - name] = '\0';
	detail[0] = '\0';
	if (sscanf(message, "A call to built-in function '%511[^']' is not supported", callee) == 1) {
		remember_runtime_call(callee);
		kind = float_operation(callee, detail, sizeof(detail)) ? PROBLEM_FLOAT : PROBLEM_RUNTIME;
		if (kind == PROBLEM_RUNTIME)
			snprintf(detail, sizeof(detail), "%s", callee);
	} else if (strstr(message, "stack limit is exceeded")) {
		kind = PROBLEM_STACK;
	} else if (strstr(message, "too many arguments")) {
		const char *at = strstr(message, "@");
		char target[512] = "", shown[512];

		kind = PROBLEM_CALL_ARGS;
		if (at && sscanf(at + 1, "%511[^> ]", target) == 1)
			snprintf(detail, sizeof(detail), "%s", demangle_or_keep(target, shown, sizeof(shown)));
	} else if (strstr(message, "stack arguments are not supported")) {
		kind = PROBLEM_ARGS;
	} else if (strstr(message, "aggregate returns are not supported") ||
		   strstr(message, "only small returns supported")) {
		kind = PROBLEM_RETURN;
	} else if (strstr(message, "dynamic stack allocation")) {
		kind = PROBLEM_DYNAMIC;
	} else if (strstr(message, "pass by value not supported")) {
		kind = PROBLEM_BYVAL;
	} else if (strstr(message, "variadic")) {
		kind = PROBLEM_VARIADIC;
	} else {
		size_t n = strlen(message);

		kind = PROBLEM_OTHER;
		snprintf(detail, sizeof(detail), "%.*s", (int)(n && message[n - 1] == '.' ? n - 1 : n),
			 message);
	}
	p = find(function, kind);
	if (!p)
		return false;
	if (!p->where[0])
		location(text, (size_t)(in > text + 2 ? in - text - 2 : 0), p->where, sizeof(p->where));
	add_detail(p, detail);
	return true;
}

/* Bytes of the allocas of FUNCTION in the module: what its locals take before spills. */
static unsigned long long locals_size(const char *function)
{
	LLVMValueRef f = LLVMGetNamedFunction(module, function);
	LLVMTargetDataRef layout = LLVMGetModuleDataLayout(module);
	unsigned long long total = 0;

	for (LLVMBasicBlockRef bb = f ? LLVMGetFirstBasicBlock(f) : NULL; bb; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i)) {
			LLVMValueRef count;

			if (!LLVMIsAAllocaInst(i))
				continue;
			count = LLVMGetOperand(i, 0);
			total += LLVMABISizeOfType(layout, LLVMGetAllocatedType(i)) *
				 (LLVMIsAConstantInt(count) ? LLVMConstIntGetZExtValue(count) : 1);
		}
	return total;
}

const char *translate_function_location(LLVMValueRef fn, char *out, size_t cap)
{
	LLVMMetadataRef sp = fn ? LLVMGetSubprogram(fn) : NULL, file;
	const char *name;
	unsigned len = 0;

	if (!sp || !(file = LLVMDIScopeGetFile(sp)) || !(name = LLVMDIFileGetFilename(file, &len)) ||
	    !len)
		return NULL;
	snprintf(out, cap, "%.*s:%u", (int)len, name, LLVMDISubprogramGetLine(sp));
	return out;
}

static void report(const struct problem *p)
{
	char shown[1024], size[160], declared[512];
	const char *name = demangle_or_keep(p->function, shown, sizeof(shown));
	/* Where LLVM saw it, else where the function is declared. */
	const char *where = p->where[0] ? p->where
			    : translate_function_location(LLVMGetNamedFunction(module, p->function),
							  declared, sizeof(declared));
	unsigned long long locals;

	switch (p->kind) {
	case PROBLEM_FLOAT:
		diag_error(where, "%s uses floating point (%s), which BPF does not have: compute with "
				  "integers (fixed point: scale the values, e.g. by 1000)", name, p->details);
		break;
	case PROBLEM_RUNTIME:
		diag_error(where, "%s needs the compiler runtime function %s, which BPF cannot call: "
				  "avoid the operation that needs it", name, p->details);
		break;
	case PROBLEM_STACK:
		locals = locals_size(p->function);
		if (locals > BPF_STACK_LIMIT)
			snprintf(size, sizeof(size), "its local variables take %llu bytes", locals);
		else
			snprintf(size, sizeof(size), "%llu bytes of locals and the values code generation "
						     "spills", locals);
		diag_error(where, "%s needs a stack frame larger than BPF's %d bytes (%s): keep large "
				  "values in a map (a per-CPU array of one element) or split the function",
			   name, BPF_STACK_LIMIT, size);
		break;
	case PROBLEM_CALL_ARGS:
		diag_error(where, "%s calls %s with more than five arguments, which BPF cannot pass (five "
				  "registers): pass a reference to a struct instead",
			   name, p->details[0] ? p->details : "a function");
		break;
	case PROBLEM_ARGS:
		diag_error(where, "%s takes more than five arguments, which BPF cannot pass to an exported "
				  "function (five registers): take a reference to a struct instead", name);
		break;
	case PROBLEM_RETURN:
		diag_error(where, "%s returns a value larger than 8 bytes, which an exported BPF function "
				  "cannot: return it through a reference argument", name);
		break;
	case PROBLEM_DYNAMIC:
		diag_error(where, "%s allocates stack of a size known only at run time, which BPF cannot: "
				  "use a fixed-size array", name);
		break;
	case PROBLEM_BYVAL:
		diag_error(where, "%s passes a struct by value in memory, which BPF cannot: pass a "
				  "reference", name);
		break;
	case PROBLEM_VARIADIC:
		diag_error(where, "%s is variadic, which BPF cannot call", name);
		break;
	case PROBLEM_OTHER:
		diag_error(where, "%s: %s", name, p->details);
		break;
	}
}

size_t translate_end(void)
{
	size_t count = problem_count;

	for (size_t i = 0; i < problem_count; i++) {
		report(&problems[i]);
		free(problems[i].function);
	}
	free(problems);
	problems = NULL;
	problem_count = 0;
	for (size_t i = 0; i < runtime_call_count; i++)
		free(runtime_calls[i]);
	free(runtime_calls);
	runtime_calls = NULL;
	runtime_call_count = 0;
	module = NULL;
	return count;
}

bool translate_reported_call(const char *name)
{
	for (size_t i = 0; i < runtime_call_count; i++)
		if (!strcmp(runtime_calls[i], name))
			return true;
	return false;
}
